"""Backoff and the one-line failure messages of remote model calls (no model client here)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

Failure = Literal["timeout", "connection", "rate_limit", "server", "auth", "not_found", "refused"]

SAVED = "Your message is saved — type `retry` to try again."


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter; a server's Retry-After wins (up to a cap).

    Tests pass ``Backoff(base_s=0)`` (or an adapter ``sleep`` that records) to run fast.
    """

    base_s: float = 0.5
    cap_s: float = 8.0
    jitter: float = 0.25
    max_retry_after_s: float = 30.0
    rand: Callable[[], float] = field(default=random.random, compare=False, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``attempt + 1`` (attempt counts from 0)."""
        if retry_after is not None and retry_after >= 0:
            return min(retry_after, self.max_retry_after_s)
        base = min(self.cap_s, self.base_s * (2.0**attempt))
        return max(0.0, base * (1.0 - self.jitter * self.rand()))


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` (or ``retry-after-ms``-converted) header; None if absent
    or an HTTP date (then our own backoff applies)."""
    if value is None:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None


def display_url(url: str) -> str:
    """The endpoint as shown to a user: no credentials, query or fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


def _secs(value: float) -> str:
    return f"{value:g} s"


def failure_message(
    kind: Failure,
    where: str,
    *,
    tries: int,
    timeout_s: float,
    status: int | None = None,
    detail: str = "",
    model: str = "",
) -> str:
    """One line a user can read; says what happened, where, and what to do next."""
    t = f"{tries} {'try' if tries == 1 else 'tries'}"
    why = f": {detail}" if detail else ""
    text = {
        "timeout": f"The model at {where} did not answer within {_secs(timeout_s)} ({t}).",
        "connection": f"Could not reach the model at {where} ({t}){why}.",
        "rate_limit": f"The model at {where} is rate-limiting requests (HTTP 429, {t}).",
        "server": f"The model at {where} failed with HTTP {status} ({t}){why}.",
        "auth": f"The model at {where} rejected the API key (HTTP {status}); check OPENAI_API_KEY.",
        "not_found": (
            f"The model at {where} does not know model {model!r} (HTTP {status}); "
            "check COACH_MODEL."
        ),
        "refused": f"The model at {where} refused the request (HTTP {status}){why}.",
    }[kind]
    return f"{text} {SAVED}"


def one_line(text: str, secret: str | None, limit: int = 160) -> str:
    """`text` on one short line with any secret blanked out."""
    if secret:
        text = text.replace(secret, "***")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
