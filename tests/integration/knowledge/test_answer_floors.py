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
        # measured: 34/36 stated
        ("answers_dev.jsonl", 0.92, None),
        # measured: 109/152 stated, 57/72 refused (the model before: 115, 51)
        ("answers_dev_2.jsonl", 0.71, 0.79),
        # measured: 121/165 stated, 32/55 refused (before: 123, 29)
        ("answers_dev_3.jsonl", 0.73, 0.58),
        # measured: 40/42 refused (before: 38)
        ("answers_dev_out_of_scope.jsonl", None, 0.95),
        # near misses by two more writers, not trained on: 47/90 stated, 136/180 refused
        # (before: 49, 106)
        ("answers_dev_4.jsonl", 0.52, 0.75),
        # ...and 57/90 stated, 132/180 refused (before: 63, 113)
        ("answers_dev_5.jsonl", 0.63, 0.73),
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
        # Held out, never trained or tuned on; each measured once on the model before and once
        # on this one (2026-12-02: 1,548 more FAQ similar questions, the composer's lead, the
        # decision retrained with its threshold at 0.55). Before → now:
        # 87 → 83 of 115 stated, 20 → 21 of 28 refused
        ("answers_blind.jsonl", 0.72, 0.74),
        # 119 → 114 of 156 stated, 29 → 33 of 49 refused
        ("answers_blind_2.jsonl", 0.73, 0.67),
        # 112 → 105 of 150 stated, 22 → 28 of 50 refused
        ("answers_blind_3.jsonl", 0.69, 0.55),
        # 92 → 90 of 131 stated, 40 → 47 of 64 refused
        ("answers_blind_4.jsonl", 0.68, 0.73),
        # a fifth writer, twelve personas, written this session: 116 → 115 of 135, 43 → 46 of 66
        ("answers_blind_5.jsonl", 0.85, 0.69),
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
