"""`citybot kb train-answers`: rebuild the answer decision model from dev question files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.common import fail, settings_from
from bot.messages import t
from knowledge.errors import KnowledgeError


def train_answers(
    ctx: typer.Context,
    cases_files: Annotated[
        list[Path],
        typer.Argument(
            help="Dev question files (answer cases, or kb eval files for their out-of-scope "
            "lines). Never a held-out set."
        ),
    ],
    index: Annotated[Path | None, typer.Option("--index", help="Index folder.")] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write the model (default: the shipped file in knowledge/answer/).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Train which answer to give (or none) on dev files and the FAQ; print the curve."""
    from bot.cli.kb import open_knowledge_base
    from knowledge.answer.decision import MODEL_PATH
    from knowledge.answer.decision_training import train, training_cases

    settings = settings_from(ctx)
    lang = settings.default_language
    target = out or MODEL_PATH
    try:
        sets = [training_cases(path) for path in cases_files]
        model, curve, chosen = train(open_knowledge_base(settings, index), sets)
    except KnowledgeError as exc:
        fail(str(exc))
    table = Table(title=t("cli.kb.train.title", lang, files=len(cases_files)))
    table.add_column(t("cli.kb.train.threshold", lang), justify="right")
    table.add_column(t("cli.kb.train.stated", lang), justify="right")
    table.add_column(t("cli.kb.train.refused", lang), justify="right")
    for point in curve:
        stated, refused = point.shares()
        mark = " ←" if point is chosen else ""
        table.add_row(f"{point.threshold:.2f}{mark}", f"{stated:.3f}", f"{refused:.3f}")
    Console().print(table)
    target.write_text(model.to_json(), encoding="utf-8")
    stated, refused = chosen.shares()
    typer.echo(
        t(
            "cli.kb.train.written",
            lang,
            path=target,
            threshold=f"{chosen.threshold:.2f}",
            stated=f"{stated:.3f}",
            refused=f"{refused:.3f}",
        )
    )
