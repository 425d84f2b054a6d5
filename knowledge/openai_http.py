"""`COACH_EMBEDDINGS=openai` without the `openai` package: the embeddings endpoint over httpx.

Callers that already hold an OpenAI client should inject their own `EmbedFn` instead.
"""

from __future__ import annotations

from typing import Any

import httpx

from knowledge.embedding import EmbedFn

DEFAULT_MODEL = "text-embedding-3-small"
_BATCH = 256


def http_embedder(
    api_key: str | None,
    base_url: str | None,
    model: str = DEFAULT_MODEL,
    timeout_s: float = 30.0,
) -> EmbedFn:
    """An `EmbedFn` that posts to `{base_url}/embeddings` of any OpenAI-compatible server."""
    url = (base_url or "https://api.openai.com/v1").rstrip("/") + "/embeddings"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    def embed(texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        with httpx.Client(timeout=timeout_s, headers=headers) as client:
            for i in range(0, len(texts), _BATCH):
                resp = client.post(url, json={"model": model, "input": texts[i : i + _BATCH]})
                resp.raise_for_status()
                data: list[dict[str, Any]] = resp.json()["data"]
                out.extend(d["embedding"] for d in sorted(data, key=lambda d: d["index"]))
        return out

    return embed
