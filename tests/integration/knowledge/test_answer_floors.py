"""Floors on the answers residents read, on the dev sets (the decision model was trained on
them, so these guard against regressions, not measure quality: the held-out blind set is
scored separately, see README). Figures measured when the model was trained."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.messages import t
from knowledge.answer.scoring import AnswerReport, Reply, load_answer_cases, score
from knowledge.base import KnowledgeBase
from tests.integration.knowledge.conftest import DATA


def _report(kb: KnowledgeBase, path: Path) -> AnswerReport:
    def ask(question: str) -> Reply:
        answer = kb.answer(question)
        lang = answer.lang or "zh"
        lines = [t("kb.chinese_only", lang)] if "chinese_only" in answer.notes else []
        return Reply("\n".join([*lines, answer.text]), answer.abstained, lang)

    return score(load_answer_cases(path), ask)


@pytest.mark.parametrize(
    ("name", "stated", "refused"),
    [
        # measured: 34/36 stated (before the decision model: 26)
        ("answers_dev.jsonl", 0.92, None),
        # measured: 115/152 stated, 51/72 refused (before the decision model: 89, 42)
        ("answers_dev_2.jsonl", 0.75, 0.70),
        # measured: 123/165 stated, 29/55 refused (before it was trained on: 101, 33)
        ("answers_dev_3.jsonl", 0.74, 0.52),
        # measured: 38/42 refused (before the decision model: 34)
        ("answers_dev_out_of_scope.jsonl", None, 0.90),
        # near misses by two more writers, not trained on: 49/90 stated, 106/180 refused
        ("answers_dev_4.jsonl", 0.54, 0.58),
        # ...and 63/90 stated, 113/180 refused
        ("answers_dev_5.jsonl", 0.69, 0.62),
    ],
)
def test_dev_answers_floor(
    shipped_kb: KnowledgeBase, name: str, stated: float | None, refused: float | None
) -> None:
    report = _report(shipped_kb, DATA / name)
    tally = report.overall
    if stated is not None:
        assert tally.share(tally.stated, tally.answerable) >= stated, report.misses
    if refused is not None:
        assert tally.share(tally.refused, tally.out_of_scope) >= refused, report.misses


@pytest.mark.parametrize(
    ("name", "stated", "refused"),
    [
        # Held out, never trained or tuned on; measured once on the shipped model (2026-12-02):
        # 87/115 stated, 20/28 refused
        ("answers_blind.jsonl", 0.75, 0.71),
        # 119/156 stated, 29/49 refused
        ("answers_blind_2.jsonl", 0.76, 0.59),
        # 112/150 stated, 22/50 refused
        ("answers_blind_3.jsonl", 0.74, 0.43),
        # written this session before any change was measured on it: 92/131, 40/64
        ("answers_blind_4.jsonl", 0.70, 0.62),
        # a fifth writer, twelve personas, measured once before any change: 116/135, 43/66
        ("answers_blind_5.jsonl", 0.85, 0.65),
    ],
)
def test_blind_answers_floor(
    shipped_kb: KnowledgeBase, name: str, stated: float, refused: float
) -> None:
    # A floor, not a target: a change that lowers it answers residents worse on words its
    # makers never saw. The aim (90 % and 90 %) is far above it; see README.
    report = _report(shipped_kb, DATA / name)
    tally = report.overall
    assert tally.share(tally.stated, tally.answerable) >= stated
    assert tally.share(tally.refused, tally.out_of_scope) >= refused
