"""Prompt templates live as files in the `prompts` package; placeholders are named (`$name`).

The files are package data, read through `importlib.resources`, so they are found the same
way in a checkout and in an installed wheel. Rendering fails loudly on a missing value, so a
prompt can never go out half-filled.
"""

from __future__ import annotations

import functools
import string
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

PROMPTS_PACKAGE = "prompts"


class PromptError(KeyError):
    """A template asked for a value that was not given."""


def _folder() -> Traversable:
    return resources.files(PROMPTS_PACKAGE)


@functools.cache
def _text(name: str) -> str:
    return (_folder() / name).read_text(encoding="utf-8")


def template_names() -> list[str]:
    """The names of every prompt template (the `*.md` files of the `prompts` package)."""
    return sorted(p.name for p in _folder().iterdir() if p.is_file() and p.name.endswith(".md"))


def placeholders(name: str) -> set[str]:
    """The named placeholders a template uses."""
    found: set[str] = set()
    for match in string.Template.pattern.finditer(_text(name)):
        key = match.group("named") or match.group("braced")
        if key:
            found.add(key)
    return found


def render(name: str, **values: Any) -> str:
    """Render the prompt file `<name>` with `values`; every placeholder must be given."""
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


@functools.cache
def phrase_lines(name: str) -> dict[str, list[str]]:
    """Every line of a phrase file by dotted key ("ask_score", "score_again.range"): a string
    is one phrasing, a list several; nested groups give their keys a prefix."""
    found: dict[str, list[str]] = {}

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, str):
            found[prefix] = [node]
        elif isinstance(node, list):
            found[prefix] = [str(v) for v in node]
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)

    walk("", phrases(name))
    return found
