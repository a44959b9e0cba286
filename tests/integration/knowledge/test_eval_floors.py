"""Quality floors on the held-out evaluation set (never tuned on; see README for figures)."""

from __future__ import annotations

import jieba
import pytest

from knowledge.base import KnowledgeBase
from knowledge.evaluation import EvalReport, evaluate, is_hit, load_cases
from tests.integration.knowledge.conftest import DATA

EVAL_FILE = DATA / "kb_eval.jsonl"


@pytest.fixture(scope="module")
def report(shipped_kb: KnowledgeBase) -> EvalReport:
    return evaluate(load_cases(EVAL_FILE), shipped_kb.search, shipped_kb.answer)


def test_the_eval_set_is_big_enough() -> None:
    cases = load_cases(EVAL_FILE)
    assert sum(not case.abstain for case in cases) >= 80
    assert sum(case.abstain for case in cases) >= 15


# Issue 3 asks for hit@3 >= 0.9 on this held-out set; 0.885 is what we reach (2026-11-24).
# The floor below guards against regressions; the target stays as a strict xfail, which
# turns red the day it is met so that the floor is raised with it.
MEASURED_HIT_AT_3 = 0.88


def test_hit_at_3_does_not_regress(report: EvalReport) -> None:
    assert report.hit_at_3 >= MEASURED_HIT_AT_3, report.misses


@pytest.mark.xfail(strict=True, reason="issue 3 target hit@3 >= 0.9 not reached yet (0.885)")
def test_hit_at_3_target(report: EvalReport) -> None:
    assert report.hit_at_3 >= 0.9


def test_abstention_floor(report: EvalReport) -> None:
    assert report.abstention_accuracy >= 0.9, report.wrong_abstentions


def test_we_beat_plain_bm25(shipped_kb: KnowledgeBase, report: EvalReport) -> None:
    rank_bm25 = pytest.importorskip("rank_bm25", reason="the bench extra is not installed")
    chunks = shipped_kb._retriever.chunks
    bm25 = rank_bm25.BM25Okapi([jieba.lcut(chunk.text) for chunk in chunks])
    cases = [case for case in load_cases(EVAL_FILE) if not case.abstain]
    reciprocal = 0.0
    for case in cases:
        scores = bm25.get_scores(jieba.lcut(case.question))
        ranked = sorted(range(len(chunks)), key=lambda i: -scores[i])[:5]
        rank = next((r for r, i in enumerate(ranked, 1) if is_hit(case, chunks[i])), None)
        reciprocal += 1.0 / rank if rank else 0.0
    baseline_mrr = reciprocal / len(cases)
    assert report.mrr > baseline_mrr
