"""Streams that go wrong, for the fake OpenAI server: cut off, runaway, split oddly.

Each step writes its own server-sent-events body; `write_stream` does it for the server's
request handler. The steps only script streamed requests (the coach's replies).
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any, Literal

from tests.support.fake_openai_payloads import MODEL

Ending = Literal["close", "drop", "error", "length"]


@dataclass(frozen=True)
class Cut:
    """The first `keep` words of `text`, then the reply goes wrong as `ending` says:

    - ``close``: the body simply ends (HTTP/1.0, connection closed): no finish_reason, no
      ``[DONE]`` — to the client it looks like a stream that just stopped;
    - ``drop``: a chunked HTTP/1.1 body broken off mid-way (the client sees it incomplete);
    - ``error``: the server reports an error event mid-stream;
    - ``length``: ``finish_reason: "length"`` (the token limit), then ``[DONE]``.
    """

    text: str
    keep: int = 3
    ending: Ending = "close"


@dataclass(frozen=True)
class Huge:
    """A finished (``stop``) reply of `chars` characters: `word` over and over, sent in
    pieces of `piece_chars`, then `end`. The server stops writing when the client hangs up.

    ``Huge(end="?")`` is one endless word and one question: the reply guard's rules (one
    question, a word limit) let it pass, only a character cap stops it."""

    chars: int = 1_000_000
    word: str = "a"
    end: str = ""
    piece_chars: int = 4_096


@dataclass(frozen=True)
class Pieces:
    """A finished reply streamed in exactly these pieces (to split an escape sequence)."""

    parts: tuple[str, ...]


FaultStep = Cut | Huge | Pieces
_BASE = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": MODEL}


def _delta(content: str | None, finish: str | None = None) -> dict[str, Any]:
    delta = {} if content is None else {"content": content}
    return {**_BASE, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _event(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload).encode() + b"\n\n"


def _huge_pieces(step: Huge) -> Iterator[str]:
    sent = 0
    block = (step.word * (step.piece_chars // len(step.word) + 1))[: step.piece_chars]
    while sent < step.chars:
        piece = block[: step.chars - sent]
        sent += len(piece)
        yield piece
    if step.end:
        yield step.end


def _events(step: FaultStep) -> Iterator[bytes]:
    yield _event({**_BASE, "choices": [
        {"index": 0, "delta": {"role": "assistant"}, "finish_reason": None}]})
    if isinstance(step, Cut):
        for word in re.findall(r"\S+\s*", step.text)[: step.keep]:
            yield _event(_delta(word))
        if step.ending == "error":
            yield _event({"error": {"message": "scripted failure mid-stream",
                                    "type": "server_error", "code": 500}})
        elif step.ending == "length":
            yield _event(_delta(None, "length"))
            yield b"data: [DONE]\n\n"
        return
    parts = _huge_pieces(step) if isinstance(step, Huge) else iter(step.parts)
    for part in parts:
        yield _event(_delta(part))
    yield _event(_delta(None, "stop"))
    yield b"data: [DONE]\n\n"


def write_stream(handler: BaseHTTPRequestHandler, step: FaultStep) -> None:
    """Answer a streamed request with `step`'s body; a client that hangs up ends it."""
    chunked = isinstance(step, Cut) and step.ending == "drop"
    if chunked:
        handler.protocol_version = "HTTP/1.1"  # this response only: chunked framing
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.send_header("Cache-Control", "no-cache")
    if chunked:
        handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    handler.close_connection = True
    try:
        for data in _events(step):
            framed = f"{len(data):x}\r\n".encode() + data + b"\r\n" if chunked else data
            handler.wfile.write(framed)
            handler.wfile.flush()
        if chunked:  # half a chunk, then the connection goes: never the closing 0-chunk
            handler.wfile.write(b"40\r\ndata: {\"id\"")
            handler.wfile.flush()
            handler.connection.shutdown(socket.SHUT_RDWR)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client stopped reading (as it should for a runaway reply)
