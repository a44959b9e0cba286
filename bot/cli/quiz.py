"""`citybot quiz …`: check a question file (a teacher's upload, a bank file) or the whole bank."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import fail, settings_from
from bot.messages import t
from bot.messages.quiz_problems import problem_message
from bot.messages.words import QUIZ_TOPIC, word
from knowledge.quiz import (
    BANK_DIR,
    LEVELS,
    Problem,
    QuestionBank,
    parse_bank_file,
    parse_upload,
    read_bank,
)

quiz_app = typer.Typer(
    help="Safety quiz question sets: check a file or the shipped bank.", no_args_is_help=True
)


@quiz_app.callback()
def _quiz() -> None:
    """Safety quiz question sets (题库): check a teacher's file or the shipped bank."""


def _print_problems(label: str, problems: list[Problem], lang: str) -> None:
    for found in problems:
        where = f"{label}:{found.line}" if found.line else label
        typer.echo(f"{where}: {problem_message(found, lang)}")


def _summary(label: str, count: int, problems: int, lang: str) -> str:
    if problems:
        return t("quiz.check.failed", lang, file=label, problems=problems, count=count)
    return t("quiz.check.ok", lang, file=label, count=count)


def _bank_counts(bank: QuestionBank, lang: str) -> str:
    levels = Counter(question.level for question in bank)
    topics = ", ".join(
        f"{word(QUIZ_TOPIC, topic, lang)} {bank.count(topic)}" for topic in bank.topics()
    )
    per_level = {level: levels.get(level, 0) for level in LEVELS}
    return t("quiz.check.bank_counts", lang, count=len(bank), topics=topics, **per_level)


def _is_bank_file(path: Path) -> bool:
    try:
        return path.resolve().parent == BANK_DIR.resolve()
    except OSError:
        return False


def _check_builtin(lang: str) -> int:
    report = read_bank()
    total = 0
    for name in report.files:
        found = report.problems.get(name, [])
        total += len(found)
        _print_problems(str(BANK_DIR / name), found, lang)
    typer.echo(_summary(str(BANK_DIR), len(report.bank), total, lang))
    typer.echo(_bank_counts(report.bank, lang))
    return total


def _check_file(path: Path, *, bank_rules: bool, lang: str) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    if bank_rules or _is_bank_file(path):
        questions, problems = parse_bank_file(data, path.name)
    else:
        questions, problems = parse_upload(data, path.name)
    _print_problems(str(path), problems, lang)
    typer.echo(_summary(str(path), len(questions), len(problems), lang))
    return len(problems)


@quiz_app.command("check")
def check(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A question file (.csv, .yaml). Omit with --builtin.", show_default=False
        ),
    ] = None,
    builtin: Annotated[
        bool, typer.Option("--builtin", help="Check the shipped question bank (every file).")
    ] = False,
    bank: Annotated[
        bool,
        typer.Option(
            "--bank",
            help="Apply the shipped bank's rules (ids, English, sources) instead of an upload's; "
            "automatic for files in the bank folder.",
        ),
    ] = False,
) -> None:
    """Validate a question file and print each problem as FILE:LINE: message; exit 1 if any."""
    if builtin == (file is not None):
        fail("give a FILE to check, or --builtin for the shipped bank (not both)")
    lang = settings_from(ctx).default_language
    if file is None:
        problems = _check_builtin(lang)
    else:
        problems = _check_file(file, bank_rules=bank, lang=lang)
    if problems:
        raise typer.Exit(1)
