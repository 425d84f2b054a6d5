"""The built wheel is complete: a whole offline session runs from it alone, without the checkout.

The wheel is built from a copy of the working tree (so the build leaves nothing in the
checkout), unpacked, and put on `PYTHONPATH` as the only place our packages can come from:
the subprocess runs in a temp dir and drops the venv's editable-install finder, so a module or
data file left out of the wheel cannot be found in the checkout instead.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, cli_env

SCRIPT = Path(__file__).parent / "data" / "session_prepare.txt"
OUR_PACKAGES = ("coach", "graph", "knowledge", "prompts")
TOP_LEVEL_NOT_SOURCE = {".git", ".venv", "build", "dist", "tests", "var", "models"}


def not_source(folder: str, names: list[str]) -> set[str]:
    """What the copy of the working tree leaves out: caches, builds and big local folders."""
    skip = {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".egg-info", "_cache"))}
    if Path(folder) == REPO:
        skip |= TOP_LEVEL_NOT_SOURCE & set(names)
    return skip

# Runs inside the subprocess: argv = [unpacked wheel dir, coach arguments...].
RUN_FROM_WHEEL = """
import sys
from pathlib import Path

def editable(obj):
    return str(getattr(obj, "__module__", "")).startswith("__editable__")

sys.meta_path[:] = [f for f in sys.meta_path if not editable(f)]
sys.path_hooks[:] = [h for h in sys.path_hooks if not editable(h)]
sys.path_importer_cache.clear()
root = Path(sys.argv[1]).resolve()
sys.argv = ["coach", *sys.argv[2:]]

import coach
assert Path(coach.__file__).resolve().is_relative_to(root), coach.__file__
from coach.cli.app import main

try:
    main()
    code = 0
except SystemExit as done:
    code = done.code

def inside(module):
    places = [getattr(module, "__file__", None), *getattr(module, "__path__", [])]
    return all(p is None or Path(p).resolve().is_relative_to(root) for p in places)

ours = {OURS!r}
outside = sorted(name for name, module in list(sys.modules.items())
                 if name.split(".")[0] in ours and not inside(module))
if outside:
    print("loaded from outside the wheel: " + ", ".join(outside), file=sys.stderr)
    sys.exit(3)
sys.exit(code)
""".replace("{OURS!r}", repr(OUR_PACKAGES))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of the working tree, built offline with the venv's own setuptools."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO, source, ignore=not_source)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, timeout=180, check=False, cwd=work,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = (work / "dist").glob("okr_coach-*.whl")
    return found


@pytest.fixture(scope="module")
def unpacked(wheel: Path) -> Path:
    target = wheel.parent / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_carries_every_prompt_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    in_checkout = {p.name for p in (REPO / "prompts").iterdir() if p.suffix in (".md", ".yaml")}
    assert in_checkout
    assert {f"prompts/{name}" for name in in_checkout} <= names
    assert "prompts/__init__.py" in names


def test_a_whole_offline_session_runs_from_the_wheel_alone(unpacked: Path,
                                                           tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = cli_env(tmp_path / "data", PYTHONPATH=str(unpacked))
    env.pop("PYTHONHOME", None)
    done = subprocess.run(
        [sys.executable, "-P", "-c", RUN_FROM_WHEEL, str(unpacked),
         "--backend", "offline", "chat", "--script", str(SCRIPT), "--json"],
        capture_output=True, text=True, timeout=120, check=False, cwd=elsewhere, env=env,
    )
    assert done.returncode == 0, done.stderr
    doc: dict[str, Any] = json.loads(done.stdout)
    assert doc["backend"] == "offline" and doc["turns"][-1]["room"] == "done"
    (objective,) = doc["okr"]["objectives"]
    response = [kr for kr in objective["key_results"] if kr["metric"] == "call response rate"]
    assert response, objective["key_results"]
    assert (response[0]["baseline"], response[0]["target"], response[0]["unit"]) == (70, 90, "%")
    assert response[0]["text"] == "Increase call response rate from 70% to 90% by end of Q2"
