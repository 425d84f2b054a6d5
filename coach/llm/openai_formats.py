"""Response formats for structured output, most capable first, and what a server accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from coach.llm.json_repair import schema_instructions

FORMATS = ("json_schema", "json_object_schema", "json_object", "prompt")
"""``json_schema``: OpenAI strict structured output (vLLM, Ollama, OpenAI, Azure);
``json_object_schema``: JSON mode with a ``schema`` key, which llama.cpp's server turns into a
grammar; ``json_object``: plain JSON mode; ``prompt``: no response format, JSON by request.
All but the first also describe the schema in the system message."""


@dataclass
class Quirks:
    """What this server accepts, learnt during the session."""

    format_index: int = 0  # index into FORMATS
    format_confirmed: bool = False  # a structured reply came back in that format
    stream_usage: bool = True  # stream_options={"include_usage": True}
    token_param: str = "max_tokens"  # or "max_completion_tokens" (reasoning models)


def format_messages(
    base: list[dict[str, str]], schema: type[BaseModel], fmt: str
) -> list[dict[str, str]]:
    if fmt == "json_schema":
        return base
    note = schema_instructions(schema)
    if base and base[0]["role"] == "system":  # keep one system message: some templates insist
        return [{"role": "system", "content": f"{base[0]['content']}\n\n{note}"}, *base[1:]]
    return [{"role": "system", "content": note}, *base]


def response_format(fmt: str, schema: type[BaseModel]) -> dict[str, Any] | None:
    if fmt == "json_schema":
        try:
            from openai.lib._pydantic import to_strict_json_schema

            body, strict = to_strict_json_schema(schema), True
        except Exception:  # a schema strict mode can't express
            body, strict = schema.model_json_schema(), False
        spec = {"name": schema.__name__, "schema": body, "strict": strict}
        return {"type": "json_schema", "json_schema": spec}
    if fmt == "json_object_schema":
        return {"type": "json_object", "schema": schema.model_json_schema()}
    if fmt == "json_object":
        return {"type": "json_object"}
    return None
