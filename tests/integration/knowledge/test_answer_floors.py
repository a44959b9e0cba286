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
        # Measured 2026-12-03 on the model trained on all of these but answers_dev_4/5. Their
        # out-of-scope questions are in the bank (knowledge/lexicons/out_of_scope.yaml), so
        # each is refused by heart: the refusal floors guard the bank, not the model.
        # 36/36 stated
        ("answers_dev.jsonl", 0.94, None),
        # 120/152 stated, 72/72 refused
        ("answers_dev_2.jsonl", 0.77, 0.97),
        # 133/165, 55/55
        ("answers_dev_3.jsonl", 0.79, 0.97),
        # 42/42 refused
        ("answers_dev_out_of_scope.jsonl", None, 0.97),
        # near misses by two more writers, never trained on: 43/90 stated, 180/180 refused
        ("answers_dev_4.jsonl", 0.46, 0.97),
        # 59/90, 180/180
        ("answers_dev_5.jsonl", 0.60, 0.97),
        # thirty personas' near misses and twins: 84/113, 109/109
        ("answers_dev_6.jsonl", 0.71, 0.97),
        # 77/111, 111/111
        ("answers_dev_7.jsonl", 0.66, 0.97),
        # 77/110, 110/110
        ("answers_dev_8.jsonl", 0.67, 0.97),
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
        # on this one (2026-12-03: the nearest questions' votes, e5 reading simplified
        # characters, 330 more out-of-scope questions in the bank, trained on
        # answers_dev_6/7/8 as well). Before → now:
        # 95 → 96 of 115 stated, 23 → 27 of 28 refused
        ("answers_blind.jsonl", 0.80, 0.89),
        # 119 → 125 of 156, 39 → 45 of 49
        ("answers_blind_2.jsonl", 0.77, 0.89),
        # 114 → 118 of 150, 41 → 44 of 50
        ("answers_blind_3.jsonl", 0.76, 0.85),
        # 94 → 97 of 131, 52 → 60 of 64
        ("answers_blind_4.jsonl", 0.71, 0.90),
        # 115 → 115 of 135, 53 → 58 of 66
        ("answers_blind_5.jsonl", 0.83, 0.85),
        # sixteen personas, 38 English and 38 Cantonese answerable: 104 → 104 of 135,
        # 57 → 60 of 65 (on the model before the e5 layer: 100, 40)
        ("answers_blind_6.jsonl", 0.75, 0.89),
        # written 2026-12-03 by two writers of six personas each, measured once on this
        # model: 98 of 140 stated (English 23 of 41), 57 of 60 refused
        ("answers_blind_7.jsonl", 0.68, 0.93),
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
