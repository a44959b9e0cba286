"""Gas emergencies are recognised in every phrasing we know; ordinary questions never are."""

from __future__ import annotations

import pytest

from knowledge.triage import category_for_source, is_gas_emergency, suggest_category

EMERGENCIES = [
    "闻到煤气味",
    "闻到煤气味怎么办",
    "家里有煤气味",
    "厨房好大一股煤气味！",
    "我家燃气泄漏了",
    "燃气泄漏",
    "煤气罐漏气了怎么办",
    "楼道里有很浓的燃气味",
    "天然气管子在漏气，嘶嘶响",
    "煤气味好重啊快来人",
    "屋里一股臭鸡蛋味",
    "液化气瓶漏了",
    "燃气报警器一直响",
    "餐厅后厨漏气了",
    "煤 气 味 很 大",
    "家裏有煤氣味",  # traditional characters
    "ｇａｓ ｌｅａｋ",  # full-width letters
    "I smell gas in my kitchen",
    "There is a gas leak in our building",
    "gas is leaking from the stove",
    "smells of gas on the stairs",
    "gas smell in the flat next door",
    "LPG cylinder leaking!!",
    "help gas leak",
    "my gas alarm is going off",
    "闻到燃气味，报警器也在响",
]

ORDINARY = [
    "旧楼装管道气要多少钱",
    "旧楼装管道燃气有补贴吗？",
    "煤气罐能放地下室吗",
    "燃气热水器可以装在浴室吗",
    "燃气报警器应该装在哪里",
    "怎么检查燃气是否泄漏",
    "如果闻到煤气味应该怎么办",
    "万一燃气泄漏要注意什么",
    "燃气泄漏会怎么处罚",
    "城镇燃气管理条例规定了什么",
    "煤气软管多久换一次",
    "液化气钢瓶的二维码有什么用",
    "燃气公司上门安检要收费吗",
    "学校燃气安全演练怎么组织",
    "家里没有煤气味但报修了",
    "what should I do if I smell gas",
    "how do I check for a gas leak",
    "gas leak detector recommendations",
    "what is the fine for a gas leak",
    "is there a subsidy for piped gas",
    "垃圾桶满了",
    "你好",
    "",
    "   ",
    "🔥🔥🔥",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_phrasings_raise_the_alarm(text: str) -> None:
    assert is_gas_emergency(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_questions_do_not(text: str) -> None:
    assert not is_gas_emergency(text)


def test_long_text_is_bounded() -> None:
    assert not is_gas_emergency("垃圾" * 10_000)
    assert is_gas_emergency("闻到煤气味" + "。" * 10_000)


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
