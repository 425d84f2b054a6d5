"""The model reader: the language model reads the turn into the `Reading` schema (structured
output through the LLM port), behind the same number guard as the rules reader; on any
failure — an error, an invalid answer, a number without its words — the rules reader reads it.
"""

from __future__ import annotations

import logging
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from coach.llm.port import LLM, LLMError, Message, Prompt
from coach.prompt_files import phrases, render
from graph.reading.context import ReadingContext
from graph.reading.guard import guard
from graph.reading.models import (
    Edit,
    KRStatement,
    Pending,
    ProblemNote,
    Quantity,
    Reading,
    SlotAnswer,
)
from graph.reading.port import Reader
from graph.reading.quantities import approximations
from graph.reading.statements import readback_question

log = logging.getLogger(__name__)
Number = int | float


class ModelKR(BaseModel):
    metric: str | None = None
    baseline: Number | None = None
    baseline_words: str | None = None
    target: Number | None = None
    target_words: str | None = None
    unit: str | None = None
    due: str | None = None
    baseline_unknown: bool = False


class ModelEdit(BaseModel):
    action: Literal["change", "replace", "remove", "rename_objective", "undo"]
    kr_number: int | None = None
    field: Literal["baseline", "target", "due", "metric"] | None = None
    value: Number | None = None
    value_words: str | None = None
    title: str | None = None
    key_result: ModelKR | None = None


class ModelReading(BaseModel):
    """What the model is asked for (flat, so small models can fill it)."""

    intent: Literal["kr", "answer", "objective", "edit", "yes", "no", "unknown", "problem",
                    "exception", "command", "other"]
    command: Literal["next", "back", "summary", "quit"] | None = None
    key_results: list[ModelKR] = Field(default_factory=list)
    answer_value: Number | None = None
    answer_words: str | None = None
    answer_due: str | None = None
    objective: str | None = None
    edits: list[ModelEdit] = Field(default_factory=list)
    approximate: bool = False
    approximate_words: str | None = None
    problem_talk: bool = False
    wish: str | None = None


def _draft_lines(ctx: ReadingContext) -> str:
    return "\n".join(f"{i}. {kr.text}" for i, kr in enumerate(ctx.krs, start=1)) or "(none)"


def read_prompt(text: str, ctx: ReadingContext) -> Prompt:
    slot = ctx.asked_base or "none"
    question = str(phrases("questions.yaml").get(slot, {}).get("goal", "(the start)"))
    context = render("read_context.md", question=question, slot=slot, draft=_draft_lines(ctx))
    messages = [Message(role="system", content=render("read_turn.md")),
                Message(role="system", content=context), Message(role="user", content=text)]
    return Prompt(task="read_turn", messages=messages,
                  facts={"user_text": text, "slot": slot})


def _quantity(value: Number | None, words: str | None, unit: str | None) -> Quantity | None:
    if value is None:
        return None
    return Quantity(value=value, span=(words or str(value)).strip(), unit=unit)


def _statement(kr: ModelKR, text: str) -> KRStatement:
    return KRStatement(text=text.strip(), metric=kr.metric,
                       baseline=_quantity(kr.baseline, kr.baseline_words, kr.unit),
                       target=_quantity(kr.target, kr.target_words, kr.unit), unit=kr.unit,
                       due=kr.due, baseline_unknown=kr.baseline_unknown)


def _edit(edit: ModelEdit, text: str, ctx: ReadingContext) -> Edit:
    index = edit.kr_number - 1 if edit.kr_number is not None else None
    if index is not None and not 0 <= index < len(ctx.krs):
        index = None
    return Edit(action=edit.action, kr=index, field=edit.field,
                value=_quantity(edit.value, edit.value_words, None),
                due=edit.value_words if edit.field == "due" else None,
                statement=_statement(edit.key_result, text) if edit.key_result else None,
                title=edit.title)


def to_reading(model: ModelReading, text: str, ctx: ReadingContext,
               rules: Reading) -> Reading:
    """The model's answer as a `Reading` (problem-talk details come from the rules reader)."""
    reading = Reading(text=text, reader="model", language=rules.language,
                      personal=rules.personal, period=rules.period, exception=rules.exception)
    updates: dict[str, object] = {}
    if model.intent == "command" and model.command:
        return reading.model_copy(update={"command": model.command})
    if model.intent in ("yes", "no", "unknown"):
        updates["reply"] = model.intent
    updates["krs"] = [_statement(kr, text) for kr in model.key_results if kr.metric]
    updates["edits"] = [_edit(e, text, ctx) for e in model.edits]
    if model.objective and model.intent == "objective":
        updates["objective"] = model.objective
    if model.answer_value is not None or model.answer_due:
        updates["answer"] = SlotAnswer(slot=ctx.asked or "", text=text,
                                       number=_quantity(model.answer_value, model.answer_words,
                                                        None), due=model.answer_due)
    elif ctx.asked_base and model.intent in ("answer", "other", "exception", "problem"):
        updates["answer"] = SlotAnswer(slot=ctx.asked or "", text=text)
    if model.approximate:
        found = approximations(text)
        updates["confirm"] = [Pending(question=readback_question(a.span, a.proposal, a.unit),
                                      kr=ctx.asked_index, values={}) for a in found[:1]] or [
            Pending(question="Which number would you put on it — one figure?")]
        updates["confirm"] = rules.confirm or updates["confirm"]
    if model.problem_talk or model.intent == "problem":
        updates["problem"] = rules.problem or ProblemNote(kind="negative_state", focus=text,
                                                          clause=text, wanted=model.wish)
    if model.intent == "exception" and not reading.exception:
        updates["exception"] = text
    return reading.model_copy(update=updates)


class ModelReader:
    """Reads with the model; the rules reader is the fallback and supplies the details."""

    name = "model"

    def __init__(self, llm: LLM, fallback: Reader) -> None:
        self.llm = llm
        self.fallback = fallback
        self.read_by_model = 0
        self.fell_back = 0

    def read(self, text: str, ctx: ReadingContext) -> Reading:
        rules = self.fallback.read(text, ctx)
        if rules.command is not None:
            return rules  # "next", "back", "summary", "quit" need no model
        try:
            model = self.llm.structured(read_prompt(text, ctx), ModelReading)
            reading = guard(to_reading(model, text, ctx, rules), text)
        except (LLMError, ValidationError, ValueError, TypeError) as err:
            log.info("model reader fell back to the rules: %s", err)
            self.fell_back += 1
            return rules
        reading = _sane(reading, ctx)
        if _says_nothing(reading) and not _says_nothing(rules):
            self.fell_back += 1  # the model missed what the rules heard
            return rules.model_copy(update={"guarded": [*rules.guarded, *reading.guarded]})
        self.read_by_model += 1
        return cross_checked(reading, rules)


def _says_nothing(reading: Reading) -> bool:
    answer = reading.answer
    return not (reading.krs or reading.edits or reading.objective or reading.reply
                or reading.command or reading.confirm or reading.problem or reading.exception
                or (answer is not None and (answer.number is not None or answer.due)))


def _sane(reading: Reading, ctx: ReadingContext) -> Reading:
    """Edits that point at no Key Result of the draft are dropped (a small model invents them)."""
    def points(edit: Edit) -> bool:
        if edit.action in ("undo", "rename_objective"):
            return edit.action == "undo" or bool(edit.title)
        return edit.kr is not None and 0 <= edit.kr < len(ctx.krs)

    edits = [e for e in reading.edits if points(e)]
    return reading.model_copy(update={"edits": edits}) if edits != reading.edits else reading


def cross_checked(model: Reading, rules: Reading) -> Reading:
    """The model's reading, with what the rules heard where the model heard nothing: a KR the
    model missed, a read-back the guard needs (an approximation the model turned into a
    number), the problem talk, the answer to the question."""
    updates: dict[str, object] = {}
    if not model.krs and not model.edits:
        updates["krs"], updates["edits"] = rules.krs, rules.edits
    if not model.confirm and rules.confirm:
        updates["confirm"] = rules.confirm
    answer = model.answer
    if rules.answer is not None and (answer is None or (answer.number is None
                                                        and not answer.due)):
        updates["answer"] = rules.answer
    for name in ("objective", "reply", "problem", "exception", "period"):
        if getattr(model, name) is None and getattr(rules, name) is not None:
            updates[name] = getattr(rules, name)
    return model.model_copy(update=updates) if updates else model
