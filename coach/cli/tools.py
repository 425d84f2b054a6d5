"""`coach reframe --jsonl` and `coach check-kr --jsonl`: the coach's parts as filters."""

from __future__ import annotations

import json

import typer

from coach.cli.context import fail
from coach.cli.lines import InputError, read_stdin_lines
from coach.okr.validator import check_kr
from coach.reframe.reframer import reframe


def _lines() -> list[str]:
    try:
        return read_stdin_lines()
    except InputError as err:
        raise fail(str(err)) from None


def reframe_command(
    jsonl: bool = typer.Option(False, "--jsonl", help="One utterance per line in, JSON out."),
) -> None:
    """Notice problem talk and ask for the preferred alternative."""
    from coach.reframe.classifier import ProblemTalkClassifier
    from coach.reframe.noticing import ProblemTalkNoticer

    notice = ProblemTalkNoticer(ProblemTalkClassifier())
    for text in _lines():
        found = reframe(text, notice=notice)
        record = {"text": text, "problem_talk": found is not None,
                  "reframe": found.text if found else None}
        typer.echo(json.dumps(record, ensure_ascii=False) if jsonl else
                   f"{text}\n  → {record['reframe'] or '(no problem talk)'}")


def check_kr_command(
    jsonl: bool = typer.Option(False, "--jsonl", help="One KR per line (objective<TAB>kr)."),
) -> None:
    """Check Key Results against the OKR rules."""
    for line in _lines():
        objective, tab, kr_text = line.partition("\t")
        if not tab:
            objective, kr_text = "", line
        parsed, findings = check_kr(kr_text.strip(), objective.strip() or None)
        record = {"text": kr_text.strip(),
                  "findings": [f.model_dump(exclude_none=True) for f in findings],
                  "parsed": parsed.model_dump()}
        if jsonl:
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(kr_text.strip())
            for finding in findings:
                typer.echo(f"  {finding.severity}: {finding.message} [{finding.rule}]")
