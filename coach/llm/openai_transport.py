"""Requests to an OpenAI-compatible server: bounded retries, error mapping, server quirks.

Used by `coach.llm.openai_adapter` only. The `openai` client's own retries are off
(``max_retries=0``) so that the total is ours: `Settings.llm_max_retries` retries with
exponential backoff + jitter (`Backoff`, injectable), honouring Retry-After.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar, cast

import openai
from openai import OpenAI
from openai.types.chat import ChatCompletion, ChatCompletionChunk

from coach.llm.openai_formats import Quirks
from coach.llm.port import LLMError
from coach.llm.retry import Backoff, Failure, display_url, failure_message, one_line
from coach.llm.retry import parse_retry_after as _retry_after
from coach.settings import Settings
from coach.text_safety import strip_controls

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.openai.com/v1"
NO_KEY = "no-key-required"  # local servers ignore it; the client insists on one
R = TypeVar("R")
Reply = ChatCompletion | openai.Stream[ChatCompletionChunk]


class Rejected(Exception):
    """The server answered with a non-retryable status (a quirk may avoid it)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


class Transport:
    """The `openai` client plus what we learnt about its server. Holds the only key copy."""

    def __init__(
        self,
        settings: Settings,
        *,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        self._secret = key or None
        base_url = settings.openai_base_url or DEFAULT_BASE_URL
        self.where = display_url(base_url)
        self.model = settings.model
        self.timeout_s = settings.llm_timeout_s
        self.tries = 1 + max(0, settings.llm_max_retries)
        self._backoff = backoff or Backoff()
        self._sleep = sleep
        self.quirks = Quirks()
        self.client = OpenAI(
            api_key=key or NO_KEY, base_url=base_url, timeout=self.timeout_s, max_retries=0
        )

    def __repr__(self) -> str:
        key = "set" if self._secret else "unset"
        return f"Transport(base_url={self.where!r}, api_key={key})"

    @property
    def has_key(self) -> bool:
        return self._secret is not None

    def send(
        self,
        messages: list[dict[str, str]],
        response_format: dict[str, Any] | None,
        probing: bool = False,
        *,
        stream: bool = False,
        max_tokens: int | None = None,
    ) -> Reply:
        """One request with retries; adapts once to a rejected optional parameter."""
        for _ in range(3):
            extra: dict[str, Any] = {}
            if max_tokens is not None:
                extra[self.quirks.token_param] = max_tokens
            if response_format is not None:
                extra["response_format"] = response_format
            if stream:
                extra["stream"] = True
                if self.quirks.stream_usage:
                    extra["stream_options"] = {"include_usage": True}
            try:
                return self.retrying(partial(self.create, messages, extra), probing=probing)
            except Rejected as err:
                said = err.detail.lower()
                if stream and self.quirks.stream_usage and "stream_options" in said:
                    self.quirks.stream_usage = False
                elif self.quirks.token_param == "max_tokens" and "max_tokens" in said:
                    self.quirks.token_param = "max_completion_tokens"
                elif stream and self.quirks.stream_usage and err.status in (400, 422):
                    self.quirks.stream_usage = False  # unspecific 400: drop the optional part
                else:
                    raise
        raise Rejected(400, "the server rejects every form of this request")

    def create(self, messages: list[dict[str, str]], extra: dict[str, Any]) -> Reply:
        create: Callable[..., Any] = self.client.chat.completions.create
        reply = create(model=self.model, messages=messages, **extra)
        return cast(Reply, reply)

    def retrying(self, call: Callable[[], R], *, probing: bool = False) -> R:
        """`call` with bounded retries on 429 / 5xx / connection errors / timeouts.

        `probing`: a 5xx is taken as a rejection of the request's form (llama.cpp answers
        ``json_schema`` with HTTP 500), raised as `Rejected` at once.
        """
        kind: Failure = "connection"
        status: int | None = None
        detail = ""
        for attempt in range(self.tries):
            retry_after: float | None = None
            try:
                return call()
            except openai.APITimeoutError:
                kind, status, detail = "timeout", None, ""
            except openai.APIConnectionError as err:
                kind, status, detail = "connection", None, _cause(err)
            except openai.APIStatusError as err:
                status, detail = err.status_code, self.detail(err)
                if status == 429:
                    kind = "rate_limit"
                    headers = err.response.headers
                    retry_after = _retry_after(headers.get("retry-after"))
                elif status >= 500 and not probing:
                    kind = "server"
                else:
                    raise Rejected(status, detail) from None
            if attempt + 1 < self.tries:
                wait = self._backoff.delay(attempt, retry_after)
                log.debug(
                    "attempt %d failed (%s %s); retrying in %.2f s",
                    attempt + 1,
                    kind,
                    status or "",
                    wait,
                )
                self._sleep(wait)
        raise LLMError(self.message(kind, tries=self.tries, status=status, detail=detail))

    def guard(self, call: Callable[[], R]) -> R:
        try:
            return call()
        except Rejected as err:
            raise LLMError(self.rejected_message(err)) from None

    def detail(self, err: openai.APIStatusError) -> str:
        body = err.body
        if isinstance(body, dict) and isinstance(body.get("message"), str):
            return self.said(body["message"])
        return self.said(err.message)

    def said(self, text: str, limit: int = 160) -> str:
        """What a server said, fit to show: one short line, no control sequences, no key."""
        return one_line(strip_controls(text), self._secret, limit=limit)

    def rejected_message(self, err: Rejected) -> str:
        kinds: dict[int, Failure] = {401: "auth", 403: "auth", 404: "not_found"}
        kind = kinds.get(err.status, "refused")
        return self.message(kind, tries=1, status=err.status, detail=err.detail)

    def message(
        self, kind: Failure, *, tries: int, status: int | None = None, detail: str = ""
    ) -> str:
        text = failure_message(
            kind,
            self.where,
            tries=tries,
            timeout_s=self.timeout_s,
            status=status,
            detail=detail,
            model=self.model,
        )
        return one_line(text, self._secret, limit=400)


def _cause(err: BaseException) -> str:
    inner = err.__cause__ or err.__context__
    text = str(inner) if inner is not None else ""
    return "connection refused" if "refused" in text.lower() else ""
