"""The `openai` backend over real HTTP: the real `openai` client against a local fake server."""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Callable

import pytest
from pydantic import BaseModel

from coach.llm.openai_adapter import OpenAIChat
from coach.llm.port import LLM, LLMError, Message, Prompt
from coach.llm.retry import Backoff, display_url
from coach.llm.tokens import TokenCounter
from coach.settings import Settings
from tests.support.fake_openai_server import Fail, FakeOpenAIServer, Hang, Reply

KEY = "sk-test-SECRET-abc123xyz"
COUNTER = TokenCounter()  # shared: loading the encoding costs ~0.3 s per counter


class KeyResult(BaseModel):
    text: str
    target: float


def make(
    server: FakeOpenAIServer | str,
    *,
    timeout: float = 2.0,
    retries: int = 2,
    sleeps: list[float] | None = None,
) -> OpenAIChat:
    url = server if isinstance(server, str) else server.base_url
    settings = Settings(
        OPENAI_API_KEY=KEY,
        OPENAI_BASE_URL=url,
        COACH_MODEL="fake-coach-1",
        COACH_LLM_TIMEOUT=timeout,
        COACH_LLM_RETRIES=retries,
    )
    record: Callable[[float], None] = sleeps.append if sleeps is not None else lambda s: None
    backoff = Backoff(base_s=0.01, cap_s=0.05)
    return OpenAIChat(settings, backoff=backoff, sleep=record, counter=COUNTER)


def prompt(text: str = "We keep losing customers on the phone") -> Prompt:
    return Prompt(
        task="coach_reply",
        messages=[
            Message(role="system", content="You are a brief Solution-Focused coach."),
            Message(role="user", content=text),
        ],
    )


def test_is_an_llm_and_completes(fake_openai: FakeOpenAIServer) -> None:
    llm: LLM = make(fake_openai)
    fake_openai.push(Reply("What would you like instead?", usage=(40, 6)))
    assert llm.complete(prompt()) == "What would you like instead?"
    assert (llm.backend, llm.model) == ("openai", "fake-coach-1")
    assert (llm.usage.calls, llm.usage.prompt_tokens, llm.usage.completion_tokens) == (1, 40, 6)
    body = fake_openai.chat_requests()[0].body
    assert body["model"] == "fake-coach-1"
    assert body["max_tokens"] == 200  # brief coach replies
    assert body["messages"][1] == {
        "role": "user",
        "content": "We keep losing customers on the phone",
    }


def test_default_reply_uses_the_users_words(fake_openai: FakeOpenAIServer) -> None:
    assert "losing customers on the phone" in make(fake_openai).complete(prompt())


def test_stream_yields_deltas_and_records_server_usage(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    fake_openai.push(Reply("What is already working, even a little?", usage=(50, 9)))
    pieces = list(llm.stream(prompt()))
    assert len(pieces) > 3
    assert "".join(pieces) == "What is already working, even a little?"
    assert fake_openai.chat_requests()[0].body["stream_options"] == {"include_usage": True}
    assert (llm.usage.prompt_tokens, llm.usage.completion_tokens) == (50, 9)


def test_stream_falls_back_when_stream_options_are_rejected(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.reject_stream_options = True
    llm = make(fake_openai)
    fake_openai.push(Reply("Who would notice first?"), Reply("And then?"))
    assert "".join(llm.stream(prompt())) == "Who would notice first?"
    assert llm.quirks.stream_usage is False
    assert llm.usage.calls == 1 and llm.usage.prompt_tokens > 0  # estimated locally
    assert "".join(llm.stream(prompt())) == "And then?"
    assert len(fake_openai.chat_requests()) == 3  # the rejected one, then two without


def test_stream_that_stalls_mid_reply_ends_in_a_clear_error(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai, timeout=0.3)
    fake_openai.push(Reply("one two three four", chunk_delay_s=0.6))
    with pytest.raises(LLMError, match=r"did not answer within 0\.3 s") as info:
        list(llm.stream(prompt()))
    assert "\n" not in str(info.value)


def test_structured_uses_strict_json_schema(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    fake_openai.push(Reply('{"text": "Raise response rate from 70% to 90%", "target": 90}'))
    kr = llm.structured(prompt(), KeyResult)
    assert kr == KeyResult(text="Raise response rate from 70% to 90%", target=90)
    fmt = fake_openai.chat_requests()[0].body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["strict"] is True
    assert fmt["json_schema"]["schema"]["additionalProperties"] is False
    assert fake_openai.chat_requests()[0].body["max_tokens"] == 700


def test_a_prompt_can_set_its_own_token_cap(fake_openai: FakeOpenAIServer) -> None:
    capped = Prompt(task="summary", messages=prompt().messages, facts={"max_tokens": 64})
    make(fake_openai).complete(capped)
    assert fake_openai.chat_requests()[0].body["max_tokens"] == 64


def test_structured_falls_back_to_json_mode_like_llama_cpp(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.reject_json_schema = True
    llm = make(fake_openai)
    fake_openai.push(Reply('{"text": "a", "target": 1}'), Reply('{"text": "b", "target": 2}'))
    assert llm.structured(prompt(), KeyResult).text == "a"
    first, second = fake_openai.chat_requests()
    assert first.body["response_format"]["type"] == "json_schema"
    assert second.body["response_format"]["type"] == "json_object"
    assert second.body["response_format"]["schema"]["required"] == ["text", "target"]
    assert '"target"' in second.body["messages"][0]["content"]  # schema described in system
    assert len([m for m in second.body["messages"] if m["role"] == "system"]) == 1
    # remembered for the session: no second json_schema attempt
    assert llm.structured(prompt(), KeyResult).text == "b"
    assert fake_openai.chat_requests()[2].body["response_format"]["type"] == "json_object"
    assert llm.usage.calls == 2


def test_structured_repairs_once_with_the_validation_error(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    fake_openai.push(
        Reply('Sure! Here it is: {"text": "Raise NPS"'),
        Reply('```json\n{"text": "Raise NPS from 20 to 35", "target": 35}\n```'),
    )
    assert llm.structured(prompt(), KeyResult).target == 35
    repair = fake_openai.chat_requests()[1].body["messages"]
    assert repair[-2] == {"role": "assistant", "content": 'Sure! Here it is: {"text": "Raise NPS"'}
    assert "not valid JSON" in repair[-1]["content"]
    assert repair[-1]["role"] == "user"


def test_structured_names_the_missing_field_in_the_repair(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    fake_openai.push(Reply('{"text": "x"}'), Reply('{"text": "x", "target": 3}'))
    assert llm.structured(prompt(), KeyResult).target == 3
    assert (
        "target: Field required" in fake_openai.chat_requests()[1].body["messages"][-1]["content"]
    )


def test_structured_gives_up_after_one_repair(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    fake_openai.push(Reply("no json here"), Reply('{"text": 5}'))
    with pytest.raises(LLMError, match="valid KeyResult") as info:
        llm.structured(prompt(), KeyResult)
    assert len(fake_openai.chat_requests()) == 2
    assert "\n" not in str(info.value)


def test_429_then_success_honours_retry_after(fake_openai: FakeOpenAIServer) -> None:
    sleeps: list[float] = []
    llm = make(fake_openai, sleeps=sleeps)
    fake_openai.push(Fail(429, "slow down", {"Retry-After": "0"}), Reply("Welcome back."))
    assert llm.complete(prompt()) == "Welcome back."
    assert sleeps == [0.0]
    assert len(fake_openai.chat_requests()) == 2


def test_500_until_retries_are_exhausted(fake_openai: FakeOpenAIServer) -> None:
    sleeps: list[float] = []
    llm = make(fake_openai, retries=2, sleeps=sleeps)
    fake_openai.push(*[Fail(500, "boom")] * 3, Reply("never seen"))
    with pytest.raises(LLMError) as info:
        llm.complete(prompt())
    msg = str(info.value)
    assert msg.startswith(f"The model at {fake_openai.base_url} failed with HTTP 500 (3 tries)")
    assert "type `retry`" in msg and "\n" not in msg
    assert len(fake_openai.chat_requests()) == 3
    assert len(sleeps) == 2 and 0 < sleeps[0] <= sleeps[1] <= 0.05


def test_hang_past_the_timeout_gives_a_one_line_message(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai, timeout=0.25, retries=1)
    fake_openai.push(Hang(5), Hang(5))
    started = time.monotonic()
    with pytest.raises(LLMError) as info:
        llm.complete(prompt())
    assert time.monotonic() - started < 2.0
    assert str(info.value) == (
        f"The model at {fake_openai.base_url} did not answer within 0.25 s (2 tries). "
        "Your message is saved — type `retry` to try again."
    )


def test_unreachable_server() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    llm = make(f"http://127.0.0.1:{port}/v1", retries=1)
    with pytest.raises(LLMError, match=r"Could not reach the model at http://127.0.0.1:\d+/v1"):
        llm.complete(prompt())


def test_bad_key_is_not_retried_and_says_what_to_check(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    fake_openai.push(Fail(401, f"Incorrect API key provided: {KEY}"))
    with pytest.raises(LLMError, match="check OPENAI_API_KEY") as info:
        llm.complete(prompt())
    assert KEY not in str(info.value)
    assert len(fake_openai.chat_requests()) == 1


def test_max_tokens_rejection_switches_parameter(fake_openai: FakeOpenAIServer) -> None:
    llm = make(fake_openai)
    msg = "Unsupported parameter: 'max_tokens'. Use 'max_completion_tokens' instead."
    fake_openai.push(Fail(400, msg), Reply("ok"))
    assert llm.complete(prompt()) == "ok"
    assert "max_completion_tokens" in fake_openai.chat_requests()[1].body
    assert "max_tokens" not in fake_openai.chat_requests()[1].body


def test_the_key_never_leaks(
    fake_openai: FakeOpenAIServer, caplog: pytest.LogCaptureFixture
) -> None:
    for name in (None, "openai", "httpx2", "httpcore2", "coach"):
        caplog.set_level(logging.DEBUG, logger=name)
    llm = make(fake_openai, retries=1)
    fake_openai.push(Reply("hi"), Fail(400, f"echoing {KEY} back"), Fail(500, KEY), Fail(500, KEY))
    llm.complete(prompt())
    errors = []
    for _ in range(2):
        with pytest.raises(LLMError) as info:
            llm.complete(prompt())
        errors.append(info.value)
    list(llm.stream(prompt()))
    texts = [str(e) for e in errors] + [repr(e) for e in errors] + [repr(llm), str(llm.__dict__)]
    texts += [r.getMessage() for r in caplog.records] + [str(r.args) for r in caplog.records]
    assert caplog.records and all(KEY not in t for t in texts)
    assert any("***" in str(e) for e in errors)
    for req in fake_openai.requests:
        assert KEY.encode() not in req.raw
        headers = {k.lower(): v for k, v in req.headers.items()}
        assert headers["authorization"] == f"Bearer {KEY}"  # only where it belongs


def test_list_models(fake_openai: FakeOpenAIServer) -> None:
    assert make(fake_openai).list_models() == ["fake-coach-1"]


def test_fake_server_embeddings_are_deterministic(fake_openai: FakeOpenAIServer) -> None:
    import urllib.request

    def embed() -> list[float]:
        req = urllib.request.Request(
            fake_openai.base_url + "/embeddings",
            data=json.dumps({"input": ["hello"], "model": "m"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=5) as resp:
            vec: list[float] = json.load(resp)["data"][0]["embedding"]
            return vec

    assert embed() == embed() and abs(sum(x * x for x in embed()) - 1) < 1e-9


def test_backoff_is_exponential_capped_and_jittered() -> None:
    b = Backoff(base_s=0.5, cap_s=4.0, jitter=0.25, rand=lambda: 1.0)
    assert [b.delay(n) for n in range(5)] == [0.375, 0.75, 1.5, 3.0, 3.0]
    assert b.delay(3, retry_after=2.0) == 2.0
    assert Backoff(max_retry_after_s=30).delay(0, retry_after=600) == 30


def test_display_url_hides_credentials() -> None:
    assert display_url("https://user:pw@example.test:8443/v1/?key=abc") == (
        "https://example.test:8443/v1"
    )
