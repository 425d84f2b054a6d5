"""A second opinion on problem talk: logistic regression over MiniLM sentence vectors.

The lexicon detector is precise and explains itself, but misses complaints phrased without
its cue words. This model, trained on the project's own labelled utterances
(`scripts/train_problem_talk.py`), catches more of them. The weights ship in the repo
(`problem_talk_model.json`, 384 numbers and a bias); the sentence model comes from the
packages that carry MiniLM, so nothing is downloaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

WEIGHTS_FILE = Path(__file__).with_name("problem_talk_model.json")
Encode = Callable[[Sequence[str]], "np.ndarray[Any, np.dtype[np.float32]]"]


@dataclass(frozen=True)
class LinearModel:
    weights: np.ndarray[Any, np.dtype[np.float64]]
    bias: float
    threshold: float

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(np.asarray(data["weights"], dtype=np.float64), float(data["bias"]),
                   float(data["threshold"]))

    def save(self, path: Path, **about: Any) -> None:
        data = {**about, "threshold": self.threshold, "bias": round(self.bias, 6),
                "weights": [round(float(w), 6) for w in self.weights]}
        path.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")


def default_encoder() -> Encode:
    from knowledge.minilm import shared_encoder  # the model loads on first use

    return shared_encoder().encode


class ProblemTalkClassifier:
    """`probability(text)` that `text` is problem talk; the encoder is built on first use."""

    def __init__(self, encode: Encode | None = None, model: LinearModel | None = None) -> None:
        self._encode = encode
        self._model = model

    def _parts(self) -> tuple[Encode, LinearModel]:
        if self._encode is None:
            self._encode = default_encoder()
        if self._model is None:
            self._model = LinearModel.load()
        return self._encode, self._model

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        encode, model = self._parts()
        scores = encode(list(texts)) @ model.weights + model.bias
        return [1.0 / (1.0 + math.exp(-float(z))) for z in scores]

    def probability(self, text: str) -> float:
        return self.probabilities([text])[0]

    def warm_up(self) -> None:
        """Load the sentence model now (e.g. in a background worker), not on a user's turn."""
        self.probability("warming up")

    def says_problem(self, text: str) -> bool:
        _, model = self._parts()
        return self.probability(text) >= model.threshold


def train(vectors: np.ndarray[Any, np.dtype[np.float32]], labels: Sequence[int], *,
          l2: float = 1e-3, steps: int = 3000, rate: float = 0.5,
          threshold: float = 0.7) -> LinearModel:
    """Plain batch gradient descent on the logistic loss (deterministic)."""
    y = np.asarray(labels, dtype=np.float64)
    x = vectors.astype(np.float64)
    w = np.zeros(x.shape[1])
    b = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        gradient = p - y
        w -= rate * (x.T @ gradient / len(y) + l2 * w)
        b -= rate * float(gradient.mean())
    return LinearModel(w, b, threshold)
