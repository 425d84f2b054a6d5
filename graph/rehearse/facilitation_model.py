"""A trained second opinion on a lead's turn: per-label logistic regression over MiniLM vectors.

The rules (`facilitation.analyse`) explain themselves but only see the cues they know. This
model, trained on tests/data/facilitation_train.csv only (`scripts/train_facilitation.py`),
covers the labels in `BINARY_LABELS` and the focus (one model per focus value, the highest
probability wins). The weights ship in `facilitation_model.json`; the sentence model comes
from the packages that carry MiniLM and loads on first use, never at import.

How the two combine (deterministic): per label, when the rules found a cue they decide;
only when they found none does the model decide, with its own threshold (chosen by
cross-validation on the training set; the focus model's pick must reach its threshold too).
`several_questions` and `team_words` stay rules-only
(counting questions and matching the team's words are exact jobs). Afterwards the labels are
made consistent: no question → not open and not several questions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from coach.reframe.classifier import Encode, LinearModel
from graph.rehearse.facilitation import RuleReading, analyse
from graph.rehearse.models import Focus, LeadLabels

WEIGHTS_FILE = Path(__file__).with_name("facilitation_model.json")
BINARY_LABELS: tuple[str, ...] = (
    "question", "open", "advice", "concern_to_hope", "invites_voice", "names_strength")
FOCUS_VALUES: tuple[Focus, ...] = ("future", "resource", "problem", "neutral")
MODEL_KEYS: tuple[str, ...] = (*BINARY_LABELS, *(f"focus:{f}" for f in FOCUS_VALUES))


def default_encoder() -> Encode:
    from knowledge.minilm import shared_encoder  # the model loads on first use

    return shared_encoder().encode


def load_models(path: Path = WEIGHTS_FILE) -> dict[str, LinearModel]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        key: LinearModel(np.asarray(m["weights"], dtype=np.float64), float(m["bias"]),
                         float(m["threshold"]))
        for key, m in data["models"].items()
    }


def save_models(models: dict[str, LinearModel], path: Path = WEIGHTS_FILE, **about: Any) -> None:
    data = {**about, "models": {
        key: {"threshold": m.threshold, "bias": round(m.bias, 6),
              "weights": [round(float(w), 6) for w in m.weights]}
        for key, m in models.items()}}
    path.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")


def _sigmoid(z: np.ndarray[Any, np.dtype[np.float64]]) -> np.ndarray[Any, np.dtype[np.float64]]:
    result: np.ndarray[Any, np.dtype[np.float64]] = 1.0 / (1.0 + np.exp(-z))
    return result


class FacilitationClassifier:
    """`labels(text, team_lines)`: the rules, with the model deciding where they found no cue."""

    def __init__(self, encode: Encode | None = None,
                 models: dict[str, LinearModel] | None = None) -> None:
        self._encode = encode
        self._models = models

    def _parts(self) -> tuple[Encode, dict[str, LinearModel]]:
        if self._encode is None:
            self._encode = default_encoder()
        if self._models is None:
            self._models = load_models()
        return self._encode, self._models

    def warm_up(self) -> None:
        """Load the sentence model now (e.g. in a background worker), not on a lead's turn."""
        self.probabilities(["warming up"])

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, the model's probability for every key of `MODEL_KEYS` it has."""
        if not texts:
            return []
        encode, models = self._parts()
        vectors = encode(list(texts)).astype(np.float64)
        columns = {key: _sigmoid(vectors @ m.weights + m.bias) for key, m in models.items()}
        return [{key: float(p[i]) for key, p in columns.items()} for i in range(len(texts))]

    def _model_value(self, key: str, probability: float) -> bool:
        _, models = self._parts()
        return probability >= models[key].threshold

    def _model_focus(self, probs: dict[str, float]) -> Focus:
        scored = [(probs.get(f"focus:{f}", 0.0), f) for f in FOCUS_VALUES]
        best = max(scored, key=lambda pair: pair[0])
        return best[1]

    def model_labels(self, texts: Sequence[str]) -> list[LeadLabels]:
        """The model alone (no rules): for measuring; team_words and several stay False."""
        out: list[LeadLabels] = []
        for probs in self.probabilities(texts):
            values: dict[str, Any] = {
                key: self._model_value(key, probs[key]) for key in BINARY_LABELS if key in probs}
            values["focus"] = self._model_focus(probs)
            out.append(LeadLabels(**values))
        return out

    def combine(self, reading: RuleReading, probs: dict[str, float]) -> tuple[LeadLabels,
                                                                                 bool]:
        """The combined labels and whether the model changed any of the rules' labels."""
        values = reading.labels.model_dump()
        changed = False
        for key in BINARY_LABELS:
            if reading.cues.get(key) or key not in probs:
                continue
            decided = self._model_value(key, probs[key])
            changed |= decided != values[key]
            values[key] = decided
        if not reading.cues.get("focus") and all(f"focus:{f}" in probs for f in FOCUS_VALUES):
            focus = self._model_focus(probs)
            if self._model_value(f"focus:{focus}", probs[f"focus:{focus}"]):
                changed |= focus != values["focus"]
                values["focus"] = focus
        if not values["question"]:
            values["open"] = values["several_questions"] = False
        return LeadLabels(**values), changed

    def labels_and_source(self, text: str, team_lines: Sequence[str] = ()
                          ) -> tuple[LeadLabels, Literal["rules", "model"]]:
        reading = analyse(text, team_lines)
        labels, changed = self.combine(reading, self.probabilities([text])[0])
        source: Literal["rules", "model"] = "model" if changed else "rules"
        return labels, source

    def labels(self, text: str, team_lines: Sequence[str] = ()) -> LeadLabels:
        return self.labels_and_source(text, team_lines)[0]
