"""`citybot triage …`: rebuild the gas-danger model from the shipped training messages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console, JustifyMethod
from rich.table import Table

from bot.cli.common import settings_from
from bot.messages import t, t_

_COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    (t_("cli.triage.group"), "left"),
    (t_("cli.triage.label"), "left"),
    (t_("cli.triage.count"), "right"),
    (t_("cli.triage.danger"), "right"),
    (t_("cli.triage.possible"), "right"),
)
_GROUPS = {"writers": t_("cli.triage.group.writers"), "all": t_("cli.triage.group.all")}
_LABELS = {
    "danger": t_("cli.triage.label.danger"),
    "boundary": t_("cli.triage.label.boundary"),
    "ordinary": t_("cli.triage.label.ordinary"),
    "not danger": t_("cli.triage.label.not_danger"),
}

triage_app = typer.Typer(
    help="The gas-danger classifier: rebuild its model from the shipped messages.",
    no_args_is_help=True,
)


@triage_app.callback()
def _triage() -> None:
    """The gas-danger classifier (燃气危险识别): rebuild the shipped model."""


@triage_app.command("train")
def train(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Where to write the model (default: the shipped file in knowledge/triage/).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Train on knowledge/training/gas_danger/, print the cross-validation by writer, write."""
    # Imported here: scikit-learn and the model are not loaded for the other commands.
    from knowledge.triage.danger_model import MODEL_PATH
    from knowledge.triage.danger_training import train_from_shipped_data

    lang = settings_from(ctx).default_language
    target = out or MODEL_PATH
    model, report = train_from_shipped_data(target)
    table = Table(title=t("cli.triage.title", lang))
    for key, justify in _COLUMNS:
        table.add_column(t(key, lang), justify=justify)
    for (group, label), (count, danger, possible) in report.rows.items():
        name = t(_GROUPS[group], lang) if group in _GROUPS else group
        shown = t(_LABELS[label], lang) if label in _LABELS else label
        table.add_row(name, shown, str(count), f"{danger:.3f}", f"{possible:.3f}")
    Console().print(table)
    typer.echo(t("cli.triage.thresholds", lang, danger=model.t_danger, possible=model.t_possible))
    typer.echo(
        t(
            "cli.triage.written",
            lang,
            path=target,
            size=target.stat().st_size,
            buckets=model.buckets.size,
        )
    )
