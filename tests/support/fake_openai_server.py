"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests (stdlib only, one thread).

Tests script it through a queue of steps; when the queue is empty it answers like a patient
coach: a short question built from the last user message, or a minimal JSON instance of the
requested schema. Every request is recorded (path, headers, parsed body).

Registered as a pytest plugin (``pytest_plugins = ["tests.support.fake_openai_server"]``), it
provides the ``fake_openai`` fixture: a fresh server per test.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.support.fake_openai_faults import Cut, FaultStep, Huge, Pieces, write_stream
from tests.support.fake_openai_payloads import (
    MODEL,
    Fail,
    Hang,
    Reply,
    Step,
    chunks,
    completion,
    default_reply,
    minimal_instance,
    schema_of,
    vector,
)

__all__ = ["MODEL", "Cut", "Fail", "FakeOpenAIServer", "Hang", "Huge", "Pieces", "Recorded",
           "Reply", "Step", "fake_openai"]


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    raw: bytes
    reply: str | None = None  # the text answered (chat completions)


def schema_name(body: dict[str, Any]) -> str:
    """The name of the pydantic schema a structured request asks for ("" when none)."""
    spec = (body.get("response_format") or {}).get("json_schema") or {}
    return str(spec.get("name", ""))


class FakeOpenAIServer:
    """The server plus its script. ``base_url`` ends in ``/v1`` like OpenAI's."""

    def __init__(self) -> None:
        self.steps: deque[Step | FaultStep] = deque()
        self.requests: list[Recorded] = []
        self.reject_json_schema = False  # llama.cpp-like: HTTP 500 for json_schema
        self.reject_stream_options = False  # old servers: HTTP 400 for stream_options
        self.default_usage: tuple[int, int] | None = (11, 7)
        self.responder: Callable[[dict[str, Any]], str] = default_reply
        # words for structured requests (JSON-able); None: a minimal valid instance
        self.structured_responder: Callable[[dict[str, Any]], Any] | None = None
        # False: the pushed steps script only the coach's replies; structured requests (the
        # turn readings, the objective draft) go to `structured_responder`
        self.scripted_structured = True
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def push(self, *steps: Step | FaultStep) -> None:
        with self._lock:
            self.steps.extend(steps)

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def start(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def reply_requests(self) -> list[Recorded]:
        """The requests for the coach's words (not the structured ones)."""
        return [r for r in self.chat_requests() if not r.body.get("response_format")]

    def _next_step(self, body: dict[str, Any]) -> Step | FaultStep:
        schema = schema_of(body)
        with self._lock:
            if self.steps and (self.scripted_structured or not body.get("response_format")):
                return self.steps.popleft()
        if schema is not None and self.structured_responder is not None:
            text = json.dumps(self.structured_responder(body))
        elif schema is not None:
            text = json.dumps(minimal_instance(schema)) if schema else "{}"
        else:
            text = self.responder(body)
        return Reply(text, usage=self.default_usage)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            recorded: Recorded

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _record(self) -> dict[str, Any]:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw) if raw else {}
                except json.JSONDecodeError:
                    body = {}
                rec = Recorded(self.command, self.path, dict(self.headers.items()), body, raw)
                self.recorded = rec
                with server._lock:
                    server.requests.append(rec)
                return body if isinstance(body, dict) else {}

            def _json(
                self, status: int, payload: Any, headers: dict[str, str] | None = None
            ) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _error(
                self, status: int, message: str, headers: dict[str, str] | None = None
            ) -> None:
                err = {"message": message, "type": "server_error", "code": status}
                self._json(status, {"error": err}, headers)

            def do_GET(self) -> None:
                self._record()
                if self.path.rstrip("/").endswith("/models"):
                    model = {"id": MODEL, "object": "model", "created": 0, "owned_by": "fake"}
                    self._json(200, {"object": "list", "data": [model]})
                else:
                    self._error(404, f"no route {self.path}")

            def do_POST(self) -> None:
                body = self._record()
                if self.path.endswith("/embeddings"):
                    self._embeddings(body)
                elif self.path.endswith("/chat/completions"):
                    self._chat(body)
                else:
                    self._error(404, f"no route {self.path}")

            def _embeddings(self, body: dict[str, Any]) -> None:
                texts = body.get("input", [])
                texts = [texts] if isinstance(texts, str) else list(texts)
                dim = int(body.get("dimensions") or 16)
                data = [
                    {"object": "embedding", "index": i, "embedding": vector(str(t), dim)}
                    for i, t in enumerate(texts)
                ]
                usage = {"prompt_tokens": len(texts), "total_tokens": len(texts)}
                self._json(200, {"object": "list", "data": data, "model": MODEL, "usage": usage})

            def _chat(self, body: dict[str, Any]) -> None:
                fmt = (body.get("response_format") or {}).get("type")
                if server.reject_json_schema and fmt == "json_schema":
                    # What llama-cpp-python's server does with a json_schema response_format.
                    self._error(500, "Unsupported response_format type: json_schema")
                    return
                if server.reject_stream_options and "stream_options" in body:
                    self._error(400, "Unrecognized request argument supplied: stream_options")
                    return
                step = server._next_step(body)
                if isinstance(step, Reply):
                    self.recorded.reply = step.text
                if isinstance(step, Fail):
                    self._error(step.status, step.message, step.headers)
                elif isinstance(step, Hang):
                    server._stop.wait(step.seconds)
                    self.close_connection = True
                elif isinstance(step, Cut | Huge | Pieces):
                    write_stream(self, step)
                elif body.get("stream"):
                    self._stream(body, step)
                else:
                    self._json(200, completion(step))

            def _stream(self, body: dict[str, Any], step: Reply) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                self.close_connection = True
                for chunk in chunks(step, body):
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                    self.wfile.flush()
                    if step.chunk_delay_s:
                        time.sleep(step.chunk_delay_s)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        return Handler


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A fresh fake OpenAI-compatible server on 127.0.0.1 for one test."""
    server = FakeOpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()
