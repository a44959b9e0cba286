"""A standard answer's opening yes or no is kept for yes/no questions only."""

from __future__ import annotations

import pytest

from knowledge.answer.polar import fitted_to, is_yes_no, without_yes_no_lead
from knowledge.search.dialect import standardize

SUBSIDY = "有。居民报装价格最高不超过1200元/户。"


@pytest.mark.parametrize(
    "question",
    [
        "旧楼装管道燃气有补贴吗",
        "旧楼装管道燃气有冇补贴",
        "煤气罐可唔可以放喺地库",
        "要不要交钱",
        "能否申请补贴",
        "有什么补贴吗",
        "煤气罐放地下室",  # a bare topic: "may I?"
        "Can I keep a cylinder in the basement?",
        "Is there a subsidy?",
    ],
)
def test_yes_no_questions_keep_the_opening_yes_or_no(question: str) -> None:
    assert is_yes_no(standardize(question))
    assert fitted_to(standardize(question), SUBSIDY) == SUBSIDY


@pytest.mark.parametrize(
    "question",
    [
        "多少钱",
        "旧楼装管道燃气补贴多少钱",
        "报装要几多钱",
        "钢瓶几耐检验一次",
        "胶管最长多长",
        "补贴发给谁",
        "How much does it cost?",
        "What's the fine?",
    ],
)
def test_other_questions_lose_it(question: str) -> None:
    assert not is_yes_no(standardize(question))
    assert fitted_to(standardize(question), SUBSIDY) == "居民报装价格最高不超过1200元/户。"


def test_only_a_yes_or_no_word_is_dropped() -> None:
    assert without_yes_no_lead("No, the bottle must stand upright.") == (
        "The bottle must stand upright."
    )
    assert without_yes_no_lead("Yes. Up to 1,200 yuan.") == "Up to 1,200 yuan."
    assert without_yes_no_lead("不可以。钢瓶不得存放于地下室。") == "钢瓶不得存放于地下室。"
    for kept in (
        "半天。",
        "可以上报。请拨打12345。",
        "违法。",
        "有的小区已经装了。",
        "No more than 1,200 yuan.",
    ):
        assert without_yes_no_lead(kept) == kept
    assert without_yes_no_lead("有。") == "有。", "nothing would be left"
