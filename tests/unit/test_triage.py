"""Category suggestions carry their reason; documents map to categories."""

from __future__ import annotations

import pytest

from knowledge.triage import category_for_source, suggest_category


@pytest.mark.parametrize(
    ("text", "category", "urgent", "evidence"),
    [
        ("路口的井盖不见了，很危险", "facilities", True, "井盖不见"),
        ("井盖缺失，晚上看不见", "facilities", True, "井盖缺失"),
        ("小区门口垃圾桶满了没人清", "sanitation", False, "垃圾桶"),
        ("大树树枝断了挡住人行道", "greening", False, "树"),
        ("天桥下有流动摊贩占道经营", "street_order", False, "流动摊"),
        ("楼顶有人私搭铁皮房", "illegal_construction", False, "私搭"),
        ("餐厅煤气罐软管老化", "gas", False, "煤气罐"),
        ("闻到煤气味", "gas", True, "煤气味"),
        ("overflowing garbage bin on the corner", "sanitation", False, "garbage"),
        ("看不出是什么问题", "other", False, ""),
    ],
)
def test_category_suggestions_carry_their_reason(
    text: str, category: str, urgent: bool, evidence: str
) -> None:
    suggestion = suggest_category(text)
    found = (suggestion.category, suggestion.urgent, suggestion.evidence)
    assert found == (category, urgent, evidence)


def test_documents_map_to_categories() -> None:
    assert category_for_source("gas-hose-safety.md") == "gas"
    assert category_for_source("sanitation-fees.md") == "sanitation_fees"
    assert category_for_source("baiyun-smart-city-management-1-4-n.md") is None
