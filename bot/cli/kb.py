"""`citybot kb …`: build the policy index, ask it questions, evaluate it on a question file."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bot.cli.common import fail, settings_from
from bot.cli.kb_train import train_answers
from bot.messages import t
from bot.messages.answers import render_answer
from bot.settings import Settings
from knowledge.errors import KnowledgeError

if TYPE_CHECKING:
    from knowledge.answer import Answer
    from knowledge.base import KnowledgeBase

# The index (chromadb, jieba) takes about a second to import, so it is imported inside
# the commands that use it: `citybot tickets …` and `citybot --help` stay quick.
DEFAULT_K = 5

kb_app = typer.Typer(help="The policy index: build, ask, evaluate.", no_args_is_help=True)

IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="Index folder (default: CITYBOT_INDEX_DIR or the chroma server)."),
]
KOption = Annotated[int, typer.Option("--k", min=1, max=50, help="Passages to retrieve.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def open_knowledge_base(
    settings: Settings, index: Path | None, *, build_if_missing: bool = True
) -> KnowledgeBase:
    """The knowledge base the settings describe; `--index` forces a local folder."""
    from bot.services import open_knowledge

    return open_knowledge(settings, index=index, build_if_missing=build_if_missing)


@kb_app.command("build")
def build(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            help="A folder of documents (repeatable). The index then holds exactly these; "
            "'builtin' names the shipped corpus. Default: the shipped corpus.",
        ),
    ] = None,
    index: IndexOption = None,
) -> None:
    """(Re)index documents: unchanged ones are skipped, changed replaced, removed deleted."""
    settings = settings_from(ctx)
    lang = settings.default_language
    err = Console(stderr=True)
    try:
        from knowledge.ingest.indexer import BUILTIN_LABEL, SourceFolder

        folders = [SourceFolder.resolve(spec) for spec in (source or [BUILTIN_LABEL])]
        for folder in folders:
            if not folder.path.is_dir():
                fail(f"source folder not found: {folder.path}")
        base = open_knowledge_base(settings, index, build_if_missing=False)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}"),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task(t("kb.build_progress", lang), total=None, name="")

            def advance(done: int, total: int, name: str) -> None:
                progress.update(task, completed=done, total=total, name=name)

            report = base.build(folders, on_progress=advance)
    except KnowledgeError as exc:
        fail(str(exc))
    for name, reason in report.failed:
        err.print(t("kb.build_skipped", lang, name=name, reason=reason), markup=False)
    summary = {**asdict(report), "failed": len(report.failed)}
    typer.echo(t("kb.build_summary", lang, **summary))


def _answer_json(answer: Answer, lang: str) -> dict[str, Any]:
    return {
        "answer": render_answer(answer, answer.lang or lang),
        "abstained": answer.abstained,
        "sources": [
            {"title": s.title, "source": s.source, "text": s.text, "score": s.score}
            for s in answer.sources
        ],
    }


@kb_app.command("ask")
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, or '-' for one per stdin line.")],
    index: IndexOption = None,
    k: KOption = DEFAULT_K,
    json_output: JsonOption = False,
) -> None:
    """Answer a question from the index, with citations (or say honestly it cannot)."""
    settings = settings_from(ctx)
    lang = settings.default_language
    try:
        base = open_knowledge_base(settings, index)
        if question == "-":
            # One JSON line per input line, blank lines included, so outputs pair with inputs.
            for line in sys.stdin:
                reply = base.answer(line.rstrip("\r\n"), k=k)
                typer.echo(json.dumps(_answer_json(reply, lang), ensure_ascii=False))
            return
        reply = base.answer(question, k=k)
    except KnowledgeError as exc:
        fail(str(exc))
    if json_output:
        typer.echo(json.dumps(_answer_json(reply, lang), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_answer(reply, reply.lang or lang))


@kb_app.command("eval")
def eval_(
    ctx: typer.Context,
    qa_file: Annotated[Path, typer.Argument(help="JSON lines: question, answer|abstain, source.")],
    index: IndexOption = None,
    k: KOption = DEFAULT_K,
    json_output: JsonOption = False,
) -> None:
    """Measure hit@1/3/5, MRR, abstention accuracy and latency on a question file."""
    settings = settings_from(ctx)
    lang = settings.default_language
    try:
        from knowledge.evaluation import evaluate, load_cases

        cases = load_cases(qa_file)
        base = open_knowledge_base(settings, index)
        report = evaluate(cases, base.search, lambda q: base.answer(q, k=k), k=k)
    except KnowledgeError as exc:
        fail(str(exc))
    if json_output:
        typer.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return
    table = Table(title=t("kb.eval_title", lang, path=qa_file.name, questions=report.questions))
    table.add_column(t("kb.eval_metric", lang))
    table.add_column(t("kb.eval_value", lang), justify="right")
    for label, value in (
        ("hit@1", report.hit_at_1),
        ("hit@3", report.hit_at_3),
        ("hit@5", report.hit_at_5),
        ("MRR", report.mrr),
        (t("kb.eval_abstention", lang), report.abstention_accuracy),
    ):
        table.add_row(label, f"{value:.3f}")
    table.add_row(t("kb.eval_latency", lang, which="p50"), f"{report.latency_p50_ms:.1f} ms")
    table.add_row(t("kb.eval_latency", lang, which="p95"), f"{report.latency_p95_ms:.1f} ms")
    Console().print(table)
    typer.echo(t("kb.eval_misses", lang, count=len(report.misses)))


def _reply_text(answer: Answer, lang: str) -> str:
    """The answer as read, without its list of sources (a passage there states no fact)."""
    lines = [t("kb.chinese_only", lang)] if "chinese_only" in answer.notes else []
    return "\n".join([*lines, answer.text])


@kb_app.command("eval-answers")
def eval_answers(
    ctx: typer.Context,
    cases_file: Annotated[
        Path, typer.Argument(help="JSON lines: question, lang, facts [[alternatives…]]|abstain.")
    ],
    index: IndexOption = None,
    json_output: JsonOption = False,
    misses: Annotated[bool, typer.Option("--misses", help="List the failed questions.")] = False,
) -> None:
    """Score the answer text: every fact stated in the asker's language; out of scope refused."""
    settings = settings_from(ctx)
    lang = settings.default_language
    try:
        from knowledge.answer.scoring import Reply, load_answer_cases, score

        cases = load_answer_cases(cases_file)
        base = open_knowledge_base(settings, index)

        def ask(question: str) -> Reply:
            answer = base.answer(question)
            asked_in = answer.lang or lang
            return Reply(_reply_text(answer, asked_in), answer.abstained, asked_in)

        report = score(cases, ask)
    except KnowledgeError as exc:
        fail(str(exc))
    if json_output:
        typer.echo(json.dumps(asdict(report), ensure_ascii=False, indent=2))
        return
    table = Table(title=t("kb.eval_title", lang, path=cases_file.name, questions=len(cases)))
    table.add_column(t("kb.answers_group", lang))
    table.add_column(t("kb.answers_stated", lang), justify="right")
    table.add_column(t("kb.answers_stated_other_words", lang), justify="right")
    table.add_column(t("kb.answers_in_language", lang), justify="right")
    table.add_column(t("kb.answers_refused", lang), justify="right")
    groups = [(t("kb.answers_all", lang), report.overall), *sorted(report.by_language.items())]
    for name, tally in groups:
        table.add_row(
            name,
            f"{tally.share(tally.stated, tally.answerable):.3f} "
            f"({tally.stated}/{tally.answerable})",
            f"{tally.share(tally.stated_in_other_words, tally.answerable):.3f} "
            f"({tally.stated_in_other_words}/{tally.answerable})",
            f"{tally.share(tally.in_language, tally.answerable):.3f}",
            f"{tally.share(tally.refused, tally.out_of_scope):.3f} "
            f"({tally.refused}/{tally.out_of_scope})",
        )
    Console().print(table)
    if misses:
        for line in report.misses:
            typer.echo(line)


# In its own module (kb_train.py): training is no part of using the index.
kb_app.command("train-answers")(train_answers)
