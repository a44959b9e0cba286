"""Measuring the index on a question file: hit@k, MRR, abstention accuracy, latency.

A passage is a hit when it contains the expected answer text (compared without whitespace and
after NFKC folding) and, when the case names a source file, comes from that file. hit@k and
MRR are over the answerable questions; abstention accuracy is over all of them (answerable
ones must be answered, out-of-scope ones must abstain); latency is the whole `answer` call.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge.answer import Answer
from knowledge.errors import EvaluationFileError
from knowledge.ingest.store import Chunk
from knowledge.search.retriever import SearchResult


@dataclass(frozen=True, slots=True)
class EvalCase:
    """One line of a question file."""

    question: str
    answer: str = ""
    source: str = ""
    abstain: bool = False


@dataclass(slots=True)
class EvalReport:
    """The figures `kb eval` prints."""

    questions: int = 0
    answerable: int = 0
    hit_at_1: float = 0.0
    hit_at_3: float = 0.0
    hit_at_5: float = 0.0
    mrr: float = 0.0
    abstention_accuracy: float = 0.0
    answered_when_answerable: float = 0.0
    abstained_when_out_of_scope: float = 0.0
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    misses: list[str] = field(default_factory=list)  # answerable questions not hit in the top 5
    wrong_abstentions: list[str] = field(default_factory=list)


def load_cases(path: Path) -> list[EvalCase]:
    """Parse a JSON-lines question file; a bad line raises EvaluationFileError naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    cases: list[EvalCase] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            case = EvalCase(
                question=str(raw["question"]),
                answer=str(raw.get("answer") or ""),
                source=str(raw.get("source") or ""),
                abstain=bool(raw.get("abstain", False)),
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvaluationFileError(f"{path.name}:{number}: not a question line ({exc})") from exc
        if not case.abstain and not case.answer:
            raise EvaluationFileError(f"{path.name}:{number}: needs an answer or abstain: true")
        cases.append(case)
    return cases


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def is_hit(case: EvalCase, chunk: Chunk) -> bool:
    """True when the chunk is a right passage for the case."""
    if case.source and Path(chunk.source).name != Path(case.source).name:
        return False
    return _fold(case.answer) in _fold(chunk.text)


def first_hit_rank(case: EvalCase, result: SearchResult) -> int | None:
    """1-based rank of the first right passage, or None."""
    for rank, hit in enumerate(result.hits, start=1):
        if is_hit(case, hit.chunk):
            return rank
    return None


def evaluate(
    cases: Sequence[EvalCase],
    search: Callable[[str, int], SearchResult],
    answer: Callable[[str], Answer],
    k: int = 5,
) -> EvalReport:
    """Run every case through `search` (for ranks) and `answer` (for abstention, timing)."""
    report = EvalReport(questions=len(cases))
    ranks: list[int | None] = []
    latencies: list[float] = []
    right_abstentions = answered = abstained_out = 0
    for case in cases:
        started = time.perf_counter()
        reply = answer(case.question)
        latencies.append((time.perf_counter() - started) * 1000.0)
        if reply.abstained == case.abstain:
            right_abstentions += 1
        else:
            report.wrong_abstentions.append(case.question)
        if case.abstain:
            abstained_out += reply.abstained
            continue
        answered += not reply.abstained
        rank = first_hit_rank(case, search(case.question, max(k, 5)))
        ranks.append(rank)
        if rank is None:
            report.misses.append(case.question)
    report.answerable = len(ranks)
    if ranks:
        report.hit_at_1 = sum(r is not None and r <= 1 for r in ranks) / len(ranks)
        report.hit_at_3 = sum(r is not None and r <= 3 for r in ranks) / len(ranks)
        report.hit_at_5 = sum(r is not None and r <= 5 for r in ranks) / len(ranks)
        report.mrr = sum(1.0 / r for r in ranks if r is not None) / len(ranks)
        report.answered_when_answerable = answered / len(ranks)
    out_of_scope = len(cases) - len(ranks)
    if out_of_scope:
        report.abstained_when_out_of_scope = abstained_out / out_of_scope
    if cases:
        report.abstention_accuracy = right_abstentions / len(cases)
        report.latency_p50_ms = float(np.percentile(latencies, 50))
        report.latency_p95_ms = float(np.percentile(latencies, 95))
    return report
