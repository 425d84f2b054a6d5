"""The offline coach: no model at all, a deterministic Solution-Focused coach.

It words the move the graph planned (ask a room's question, reframe problem talk, summarise,
close) from the phrase files in `prompts/`, echoing the user's own words. Structured output
comes from the same deterministic parsers the graph uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from coach.llm.port import LLMError, ModelT, Prompt, Usage
from coach.prompt_files import fill, phrases
from coach.reframe.detector import ProblemTalk
from coach.reframe.reframer import reframe

_ECHO_SLOTS = frozenset(
    {"best_hopes", "future_perfect", "notice", "scale_why", "resources", "meaning", "scale_next"}
)
_WORDS = re.compile(r"\S+")


def _problem_of(data: Any) -> ProblemTalk | None:
    """The problem talk the graph noticed (a plain dict in the state), if it is whole."""
    if not isinstance(data, dict):
        return None
    fields = {k: v for k, v in data.items() if k in ProblemTalk.__dataclass_fields__}
    try:
        return ProblemTalk(**fields)
    except TypeError:
        return None


def _pick(options: list[str] | str, seed: int) -> str:
    if isinstance(options, str):
        return options
    return options[seed % len(options)]


def _fragment(text: str, limit: int = 10) -> str:
    words = _WORDS.findall(text.strip().rstrip(".!?"))
    fragment = " ".join(words[:limit])
    return fragment + ("…" if len(words) > limit else "")



def _latest_per_kr(news: list[str]) -> list[str]:
    """One line per KR a turn touched: its state after the turn, under the first news kind
    ("Noted: …" when the turn began it), not each step on the way."""
    last: dict[str, str] = {}
    for item in news:
        key, _, value = item.partition(":")
        if key in ("kr", "changed"):
            last[_kr_of(value)] = value
    out: list[str] = []
    seen: set[str] = set()
    for item in news:
        key, _, value = item.partition(":")
        metric = _kr_of(value)
        if key in ("kr", "changed"):
            if metric in seen:
                continue
            seen.add(metric)
            item = f"{key}:{last[metric]}"
        out.append(item)
    return out


def _kr_of(readback: str) -> str:
    """"visits, the door counter, 41500 visits → 60000 visits by 31.12., 2026": the measure
    is what comes before the last comma ahead of the arrow (a deadline may hold commas)."""
    return readback.partition(" → ")[0].rsplit(", ", 1)[0]


class OfflineCoach:
    """Implements the `LLM` port without a model."""

    def __init__(self) -> None:
        self._usage = Usage()

    @property
    def backend(self) -> str:
        return "offline"

    @property
    def model(self) -> str:
        return "offline coach"

    @property
    def usage(self) -> Usage:
        return self._usage

    def complete(self, prompt: Prompt) -> str:
        self._usage.add(0, 0)
        if prompt.task == "coach_reply":
            return self._reply(prompt.facts)
        if prompt.task == "reframe":
            found = reframe(str(prompt.facts.get("user_text", "")))
            return found.text if found else ""
        raise LLMError(f"the offline coach has no words for the task {prompt.task!r}")

    def stream(self, prompt: Prompt) -> Iterator[str]:
        text = self.complete(prompt)
        for match in re.finditer(r"\S+\s*", text):
            yield match.group(0)

    def structured(self, prompt: Prompt, schema: type[ModelT]) -> ModelT:
        try:
            return schema.model_validate(dict(prompt.facts.get("structured", {})))
        except ValueError as err:
            raise LLMError(f"the offline coach cannot fill {schema.__name__}: {err}") from None

    # -- wording -------------------------------------------------------------------------
    def _question(self, facts: Mapping[str, Any], seed: int) -> str:
        slot = str(facts.get("slot") or "").partition(":")[0]
        entry: dict[str, Any] = phrases("questions.yaml").get(slot, {})
        values = {k: v for k, v in dict(facts.get("slot_values", {})).items()}
        options = entry.get("questions", ["What would you like to talk about next?"])
        if slot == "objective" and facts.get("objective_candidate"):
            options = entry.get("with_candidate", options)
        if slot in ("scale_why", "scale_next") and facts.get("scale") is None:
            options = entry.get("no_scale", options)
        if facts.get("personal") and entry.get("personal"):
            options = entry["personal"]  # "my running": no team, no customers
        changed = any(str(n).startswith(("kr:", "changed:", "removed:", "undone:", "objective:"))
                      for n in facts.get("news", []))
        if facts.get("asked_before") and entry.get("again") and not (slot == "confirm"
                                                                     and changed):
            options = entry["again"]  # after a change, the final check asks for a yes again
        return fill(_pick(options, seed), **values)

    def _reply(self, facts: Mapping[str, Any]) -> str:
        words: dict[str, Any] = phrases("offline_coach.yaml")
        move = dict(facts.get("move", {}))
        kind = move.get("kind", "ask")
        seed = int(facts.get("turn_number", 0))
        user_text = str(facts.get("user_text", ""))
        room = str(facts.get("room", ""))
        parts: list[str] = []
        if facts.get("first_turn"):
            parts.append(words["intro"])
        if kind == "reframe":
            found = reframe(user_text, problem=_problem_of(facts.get("problem")))
            parts.append(found.text if found else "What would you like to happen instead?")
            return " ".join(parts)
        if kind == "summary":
            parts.append(
                "Here is where we are.\n"
                + str(facts.get("gathered", ""))
                + "\n\n"
                + str(facts.get("draft", ""))
            )
            parts.append(self._question(facts, seed))
            return "\n\n".join(parts)
        if kind == "finish":
            return self._finish(facts, words)
        if kind == "confirm":
            parts.extend(self._acknowledge(facts, words, seed))
            questions = [str(n).partition(":")[2] for n in facts.get("news", [])
                         if str(n).startswith("confirm:")]
            parts.append(questions[-1] if questions else "Shall I write that down?")
            return " ".join(p for p in parts if p).strip()
        parts.extend(self._acknowledge(facts, words, seed))
        if move.get("note") == "paused":
            parts.append(words["paused"])
        if move.get("note") == "reopened":
            parts.append(words["reopened"])
        if move.get("note") == "revisit":
            parts.append(fill(words["revisit"], room_title=facts.get("room_title", "")))
            return " ".join(parts)
        if move.get("entered") and not facts.get("first_turn"):
            parts.append(words["enter"].get(room, ""))
        if room == "gift_shop" and str(facts.get("slot", "")).startswith("confirm"):
            parts.append(
                "\n" + str(facts.get("draft", "")) + "\n" + self._findings(facts, words) + "\n"
            )
        elif room == "gift_shop" and move.get("entered"):
            parts.append(
                fill(words["gift_summary"], summary="\n" + str(facts.get("gathered"))) + "\n"
            )
            if facts.get("strength"):
                parts.append(fill(words["strength"], strength=_fragment(str(facts["strength"]),
                                                                         16)))
        if facts.get("fresh_examples") and facts.get("examples"):
            parts.append(self._example(facts, words))
        parts.append(self._question(facts, seed))
        return " ".join(p for p in parts if p).replace(" \n", "\n").strip()

    def _example(self, facts: Mapping[str, Any], words: dict[str, Any]) -> str:
        best = dict(facts["examples"][0])
        krs = best.get("key_results") or [{}]
        first = krs[0].get("text", "") if isinstance(krs[0], dict) else str(krs[0])
        return fill(words["example_offer"], citation=best.get("citation", "a team"),
                    objective=best.get("objective", ""), kr=first)

    def _acknowledge(self, facts: Mapping[str, Any], words: dict[str, Any], seed: int) -> list[str]:
        news = _latest_per_kr([str(n) for n in facts.get("news", [])])
        said: list[str] = []
        for item in news:
            key, _, value = item.partition(":")
            if key == "kr":
                said.append(fill(words["captured_kr"], kr_text=value))
            elif key == "changed":
                said.append(fill(words["changed_kr"], kr_text=value))
            elif key == "removed":
                said.append(fill(words["removed_kr"], metric=value))
            elif key in ("undone", "nothing_to_undo", "not_taken", "kr_limit", "welcome"):
                said.append(str(words[key]))
            elif key == "language":
                said.append(str(words["language_note"]))
            elif key == "objective":
                said.append(fill(words["captured_objective"], objective=value))
            elif key == "objective_adopted":
                said.append(fill(words["adopted_objective"], objective=value))
            elif key == "baseline_unknown":
                said.append(fill(words["baseline_unknown"], metric=value))
            elif key == "not_understood":
                said.append(words["not_understood"].get(value, ""))
        if said or facts.get("first_turn") or facts.get("was_command"):
            return said
        asked = str(facts.get("asked") or "")
        user_text = str(facts.get("user_text", ""))
        if asked in _ECHO_SLOTS and len(user_text.split()) >= 3:
            return [f"“{_fragment(user_text)}” — {_pick(words['acknowledge'], seed).lower()}"]
        return [_pick(words["acknowledge"], seed)] if user_text else []

    def _findings(self, facts: Mapping[str, Any], words: dict[str, Any]) -> str:
        findings = [f for f in facts.get("findings", []) if f.get("severity") != "info"]
        if not findings:
            return str(words["findings_line_none"])
        listed = "; ".join(str(f.get("message")) for f in findings[:4])
        return fill(words["findings_line_some"], findings=listed)

    def _finish(self, facts: Mapping[str, Any], words: dict[str, Any]) -> str:
        return fill(
            words["finish"],
            draft=str(facts.get("draft", "")),
            findings_line=self._findings(facts, words),
        )
