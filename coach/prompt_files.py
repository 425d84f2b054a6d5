"""Prompt templates live as files in `prompts/`; placeholders are named (`$name`).

Rendering fails loudly on a missing value, so a prompt can never go out half-filled.
"""

from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import Any

import yaml

PROMPTS_DIR = Path(__file__).resolve().parents[1] / "prompts"


class PromptError(KeyError):
    """A template asked for a value that was not given."""


@functools.cache
def _text(name: str) -> str:
    return (PROMPTS_DIR / name).read_text(encoding="utf-8")


def template_names() -> list[str]:
    return sorted(p.name for p in PROMPTS_DIR.glob("*.md"))


def placeholders(name: str) -> set[str]:
    """The named placeholders a template uses."""
    found: set[str] = set()
    for match in string.Template.pattern.finditer(_text(name)):
        key = match.group("named") or match.group("braced")
        if key:
            found.add(key)
    return found


def render(name: str, **values: Any) -> str:
    """Render `prompts/<name>` with `values`; every placeholder must be given."""
    try:
        return string.Template(_text(name)).substitute(values).strip()
    except KeyError as err:
        raise PromptError(f"prompt {name!r} needs a value for {err.args[0]!r}") from None


def fill(template: str, **values: Any) -> str:
    """Render an inline template (from a YAML phrase file) strictly."""
    try:
        return string.Template(template).substitute(values)
    except KeyError as err:
        raise PromptError(f"phrase {template[:40]!r} needs {err.args[0]!r}") from None


@functools.cache
def phrases(name: str) -> dict[str, Any]:
    """A YAML file of phrases, e.g. `questions.yaml` or `offline_coach.yaml`."""
    data = yaml.safe_load(_text(name))
    if not isinstance(data, dict):
        raise PromptError(f"{name} must hold a mapping")
    return data
