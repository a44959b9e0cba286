"""Domain anchors that tell a city-management question from an everyday one."""

from __future__ import annotations

import pytest

from knowledge.domain import on_topic


@pytest.mark.parametrize(
    "question", ["煤气罐能放地下室吗", "垃圾桶满了", "Where do I report a broken street light"]
)
def test_domain_questions_are_on_topic(question: str) -> None:
    assert on_topic(question)


@pytest.mark.parametrize(
    "question", ["电动车怎样上牌", "比特币现在多少钱", "how much is a flight to london"]
)
def test_everyday_questions_are_not(question: str) -> None:
    assert not on_topic(question)
