"""Getting a JSON object out of a model's reply, and asking for it (no model calls here)."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)


def extract_json(text: str) -> str:
    """The JSON object in `text`: code fences and prose around it removed.

    Small models often write ``Here is the JSON: {...}`` or wrap it in a fence. Returns the
    first balanced ``{...}`` (strings and escapes respected), or the stripped text when there
    is none, so that validation reports what was actually said.
    """
    fenced = _FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start = body.find("{")
    while start != -1:
        end = _balanced_end(body, start)
        if end is not None:
            return body[start : end + 1]
        start = body.find("{", start + 1)
    return body.strip()


def _balanced_end(text: str, start: int) -> int | None:
    depth = 0
    in_string = escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return None


def schema_instructions(schema: type[BaseModel]) -> str:
    """A system-message paragraph that describes the wanted JSON (for servers without
    ``json_schema`` response formats)."""
    return (
        "Reply with one JSON object only, no prose and no code fence. "
        f"It must validate against this JSON schema:\n{json.dumps(json_schema(schema))}"
    )


def json_schema(schema: type[BaseModel]) -> dict[str, Any]:
    return schema.model_json_schema()


def short_errors(err: ValidationError | ValueError, limit: int = 6) -> str:
    """The validation errors as a few short lines for a repair request."""
    if isinstance(err, ValidationError):
        lines = [
            f"- {'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
            for e in err.errors()[:limit]
        ]
        return "\n".join(lines)
    return f"- {str(err).splitlines()[0] if str(err) else type(err).__name__}"


def repair_request(err: ValidationError | ValueError) -> str:
    """The user message of the one repair attempt."""
    return (
        "Your last reply was not valid JSON for the requested schema. Problems:\n"
        f"{short_errors(err)}\n"
        "Reply again with the corrected JSON object only."
    )


def parse_into(text: str, schema: type[T]) -> T:
    """Validate `text` (after `extract_json`) into `schema`; raises ValidationError/ValueError."""
    return schema.model_validate_json(extract_json(text))
