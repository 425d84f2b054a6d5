"""The `openai` backend: any OpenAI-compatible chat-completions server behind the LLM port.

Structured output walks a ladder of response formats and remembers, per instance, the first
the server accepts: ``json_schema`` (strict) → ``json_object`` + schema (llama.cpp's grammar)
→ ``json_object`` → plain prompt; then pydantic validation and one repair request. Requests,
retries and error messages live in `openai_transport`. The API key never leaves the client:
not in `repr`, not in errors, not in our logs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, cast

import httpx2
import openai
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pydantic import BaseModel, ValidationError

from coach.llm.json_repair import parse_into, repair_request
from coach.llm.openai_formats import FORMATS, Quirks, format_messages, response_format
from coach.llm.openai_transport import Rejected, Transport
from coach.llm.port import LLMError, Message, ModelT, Prompt, Usage
from coach.llm.reply_limits import ReplyCutOff, ReplyReader, cap_text, clean_model, cut_off_message
from coach.llm.retry import Backoff
from coach.llm.tokens import TokenCounter
from coach.settings import Settings

log = logging.getLogger(__name__)


class OpenAIChat:
    """`LLM` over the official `openai` client (sync). One instance per session/process."""

    def __init__(
        self,
        settings: Settings,
        *,
        backoff: Backoff | None = None,
        sleep: Callable[[float], None] = time.sleep,
        reply_tokens: int | None = 200,
        structured_tokens: int | None = 700,
        counter: TokenCounter | None = None,
    ) -> None:
        self._t = Transport(settings, backoff=backoff, sleep=sleep)
        self._reply_tokens = reply_tokens
        self._structured_tokens = structured_tokens
        self._usage = Usage()
        self.counter = counter or TokenCounter()

    def __repr__(self) -> str:
        key = "set" if self._t.has_key else "unset"
        return f"OpenAIChat(model={self._t.model!r}, base_url={self._t.where!r}, api_key={key})"

    @property
    def backend(self) -> str:
        return "openai"

    @property
    def model(self) -> str:
        return self._t.model

    @property
    def base_url(self) -> str:
        """The endpoint as shown to users (no credentials)."""
        return self._t.where

    @property
    def quirks(self) -> Quirks:
        """What this server turned out to accept (response format, stream usage, ...)."""
        return self._t.quirks

    @property
    def usage(self) -> Usage:
        return self._usage

    # -- the port --------------------------------------------------------------------------

    def complete(self, prompt: Prompt) -> str:
        limit = self._limit(prompt, self._reply_tokens)
        return cap_text(self._complete(prompt.task, _dicts(prompt.messages), None, limit))

    def stream(self, prompt: Prompt) -> Iterator[str]:
        """The reply's clean pieces; `ReplyCutOff` when it does not arrive whole (see
        `coach.llm.reply_limits`: nothing of a cut reply is kept, a runaway one is capped)."""
        messages = _dicts(prompt.messages)
        log.debug("stream task=%s model=%s", prompt.task, self._t.model)
        limit = self._limit(prompt, self._reply_tokens)
        chunks = self._t.guard(lambda: self._t.send(messages, None, stream=True, max_tokens=limit))
        reader = ReplyReader()
        pieces: list[str] = []
        usage: tuple[int, int] | None = None
        finish: str | None = None
        try:
            for chunk in cast(openai.Stream[ChatCompletionChunk], chunks):
                if chunk.usage is not None:
                    usage = (chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices:
                    finish = choice.finish_reason or finish
                    shown = reader.take(choice.delta.content) if choice.delta.content else ""
                    if shown:
                        pieces.append(shown)
                        yield shown
                if reader.capped:
                    log.debug("stream task=%s: reply capped; reading stops", prompt.task)
                    break
        except (openai.APIError, httpx2.HTTPError) as err:
            raise self._mid_stream_error(err) from None
        finally:
            cast(openai.Stream[ChatCompletionChunk], chunks).close()
        last = reader.end(finish)
        if last:
            pieces.append(last)
            yield last
        self._record(messages, usage, "".join(pieces))

    def structured(self, prompt: Prompt, schema: type[ModelT]) -> ModelT:
        base = _dicts(prompt.messages)
        limit = self._limit(prompt, self._structured_tokens)
        text, fmt = self._structured_call(prompt.task, base, schema, limit)
        try:
            return clean_model(parse_into(text, schema))
        except (ValidationError, ValueError) as err:
            log.debug("structured task=%s invalid reply, one repair: %s", prompt.task, err)
            repair = [
                *format_messages(base, schema, fmt),
                {"role": "assistant", "content": text},
                {"role": "user", "content": repair_request(err)},
            ]
            rfmt = response_format(fmt, schema)
            fixed = self._complete(
                prompt.task, repair, rfmt, self._limit(prompt, self._structured_tokens)
            )
        try:
            return clean_model(parse_into(fixed, schema))
        except (ValidationError, ValueError):
            name = schema.__name__
            raise LLMError(
                f"The model at {self._t.where} did not produce a valid {name} "
                "(also after one repair request)."
            ) from None

    # -- extras for `coach doctor` and the benchmarks ----------------------------------------

    def list_models(self) -> list[str]:
        """Model ids the endpoint serves (``GET /models``)."""
        return self._t.guard(
            lambda: self._t.retrying(lambda: [m.id for m in self._t.client.models.list()])
        )

    # -- internals ---------------------------------------------------------------------------

    def _structured_call(
        self, task: str, base: list[dict[str, str]], schema: type[BaseModel], limit: int | None
    ) -> tuple[str, str]:
        while True:
            fmt = FORMATS[self._t.quirks.format_index]
            last = self._t.quirks.format_index == len(FORMATS) - 1
            messages = format_messages(base, schema, fmt)
            rfmt = response_format(fmt, schema)
            probing = not (last or self._t.quirks.format_confirmed)
            try:
                reply = cast(
                    ChatCompletion, self._t.send(messages, rfmt, probing, max_tokens=limit)
                )
            except Rejected as err:
                if last:
                    raise LLMError(self._t.rejected_message(err)) from None
                log.debug("response format %s rejected (%s); trying the next", fmt, err)
                self._t.quirks.format_index += 1
                continue
            self._t.quirks.format_confirmed = True
            text = reply.choices[0].message.content or "" if reply.choices else ""
            self._record(messages, _usage_of(reply), text)
            log.debug("structured task=%s format=%s", task, fmt)
            return text, fmt

    @staticmethod
    def _limit(prompt: Prompt, default: int | None) -> int | None:
        """Completion-token cap: ``prompt.facts["max_tokens"]`` if given, else the default."""
        given = prompt.facts.get("max_tokens")
        return given if isinstance(given, int) and given > 0 else default

    def _complete(
        self,
        task: str,
        messages: list[dict[str, str]],
        response_format: dict[str, Any] | None,
        limit: int | None,
    ) -> str:
        log.debug("complete task=%s model=%s", task, self._t.model)
        send = partial(self._t.send, messages, response_format, max_tokens=limit)
        reply = cast(ChatCompletion, self._t.guard(send))
        text = reply.choices[0].message.content or "" if reply.choices else ""
        self._record(messages, _usage_of(reply), text)
        return text

    def _mid_stream_error(self, err: Exception) -> LLMError:
        """A stream that broke after it began: a timeout says so; anything else is a cut."""
        if isinstance(err, openai.APITimeoutError | httpx2.TimeoutException):
            return LLMError(self._t.message("timeout", tries=1, detail="stopped mid-reply"))
        if isinstance(err, openai.APIError) and not isinstance(err, openai.APIConnectionError):
            said = self._t.said(err.message, limit=120)
            return ReplyCutOff(cut_off_message(f"the server reported an error mid-reply: {said}"))
        return ReplyCutOff(cut_off_message("the connection broke mid-reply"))

    def _record(
        self, messages: list[dict[str, str]], usage: tuple[int, int] | None, reply: str
    ) -> None:
        contents = [m["content"] for m in messages]
        if usage is None:
            self._usage.add(self.counter.messages(contents), self.counter(reply))
            return
        self._usage.add(*usage)
        self.counter.observe(contents, usage[0])


def _dicts(messages: list[Message]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def _usage_of(reply: ChatCompletion) -> tuple[int, int] | None:
    u = reply.usage
    return None if u is None else (u.prompt_tokens, u.completion_tokens)
