"""Category suggestions carry their reason; documents map to categories."""

from __future__ import annotations

import pytest

from bot.app import suggester_for
from knowledge.triage import category_for_source
from storage import load_catalog
from storage.tickets.categories import parse_catalog

TRIAGE = suggester_for(load_catalog())
"""The shipped categories file's keywords, as bot/app.py hands them to the suggester."""


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
        ("the manhole cover is missing", "facilities", True, "manhole cover is missing"),
        ("看不出是什么问题", "other", False, ""),
    ],
)
def test_category_suggestions_carry_their_reason(
    text: str, category: str, urgent: bool, evidence: str
) -> None:
    suggestion = TRIAGE.suggest(text)
    found = (suggestion.category, suggestion.urgent, suggestion.evidence)
    assert found == (category, urgent, evidence)


def test_documents_map_to_categories() -> None:
    assert category_for_source("gas-hose-safety.md") == "gas"
    assert category_for_source("sanitation-fees.md") == "sanitation_fees"
    assert category_for_source("baiyun-smart-city-management-1-4-n.md") is None


def test_an_operator_s_file_brings_its_own_keywords() -> None:
    own = parse_catalog(
        {
            "departments": {"desk": {"zh": "窗口"}},
            "emergency_category": "gas",
            "question_category": "ask",
            "categories": [
                {
                    "code": "gas",
                    "zh": "燃气",
                    "en": "Gas",
                    "department": "desk",
                    "deadline": {"hours": 2},
                },
                {
                    "code": "ask",
                    "zh": "咨询",
                    "en": "Ask",
                    "department": "desk",
                    "deadline": {"hours": 72},
                },
                {
                    "code": "dogs",
                    "zh": "犬只",
                    "en": "Dogs",
                    "department": "desk",
                    "deadline": {"hours": 24},
                    "keywords": ["狗"],
                    "urgent_keywords": ["咬人"],
                },
            ],
        }
    )
    triage = suggester_for(own)
    suggestion = triage.suggest("楼下有只狗")
    assert (suggestion.category, suggestion.evidence) == ("dogs", "狗")
    assert triage.suggest("小区门口垃圾桶满了").reason == "none"  # the shipped words are not its
    assert triage.urgent_sign("那只狗咬人了", "dogs") == "咬人"
    assert triage.urgent_sign("闻到好大煤气味", "gas") is not None  # a danger is always urgent
