"""Steps a test scripts for the fake OpenAI server, and the JSON payloads it answers with."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

MODEL = "fake-coach-1"


@dataclass(frozen=True)
class Reply:
    """Answer with this text (JSON body or SSE chunks, as the request asks)."""

    text: str
    usage: tuple[int, int] | None = (11, 7)  # (prompt_tokens, completion_tokens); None: omit
    chunk_delay_s: float = 0.0


@dataclass(frozen=True)
class Fail:
    """Answer with an HTTP error, e.g. ``Fail(429, headers={"Retry-After": "0"})``."""

    status: int
    message: str = "scripted failure"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hang:
    """Say nothing for ``seconds`` (longer than the client's timeout), then drop the line."""

    seconds: float = 5.0


Step = Reply | Fail | Hang


def default_reply(body: dict[str, Any]) -> str:
    """A deterministic coaching question in the user's own words."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    last = str(users[-1].get("content", "")) if users else ""
    words = re.findall(r"[\w'%-]+", last)[-6:]
    if not words:
        return "What are your best hopes from our talk today?"
    return f'What would tell you that "{" ".join(words)}" is going well?'


def minimal_instance(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """The smallest value that validates against a (pydantic-made) JSON schema."""
    root = root or schema
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return minimal_instance(root.get("$defs", {}).get(name, {}), root)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return minimal_instance(schema[key][0], root)
    if "default" in schema:
        return schema["default"]
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type", "object")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object":
        props = schema.get("properties", {})
        return {
            k: minimal_instance(props[k], root) for k in schema.get("required", []) if k in props
        }
    if kind == "array":
        n = int(schema.get("minItems", 0))
        return [minimal_instance(schema.get("items", {}), root) for _ in range(n)]
    return {"string": "x", "integer": 0, "number": 0.0, "boolean": False}.get(kind)


def schema_of(body: dict[str, Any]) -> dict[str, Any] | None:
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return dict(fmt.get("json_schema", {}).get("schema") or {})
    if fmt.get("type") == "json_object":
        return dict(fmt.get("schema") or {})
    return None


def usage_of(step: Reply) -> dict[str, int] | None:
    if step.usage is None:
        return None
    p, c = step.usage
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


def completion(step: Reply) -> dict[str, Any]:
    choice = {
        "index": 0,
        "message": {"role": "assistant", "content": step.text},
        "finish_reason": "stop",
    }
    out: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": MODEL,
        "choices": [choice],
    }
    if (usage := usage_of(step)) is not None:
        out["usage"] = usage
    return out


def chunks(step: Reply, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    base = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": MODEL}
    yield {**base, "choices": [{"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]}
    for piece in re.findall(r"\S+\s*|\s+", step.text):
        delta = {"index": 0, "delta": {"content": piece}, "finish_reason": None}
        yield {**base, "choices": [delta]}
    yield {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    include = (body.get("stream_options") or {}).get("include_usage")
    if include and (usage := usage_of(step)) is not None:
        yield {**base, "choices": [], "usage": usage}


def vector(text: str, dim: int) -> list[float]:
    seed = hashlib.sha256(text.encode()).digest()
    raw = [(seed[i % len(seed)] + i) % 251 / 125.0 - 1.0 for i in range(dim)]
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    return [x / norm for x in raw]
