"""The framing rules: what word order says about a danger sign, which the model cannot read.

A message the rules frame as not happening now can still get the safety line, never the full
alarm; a framing taken back ("…but I smell it") leaves the model's verdict alone.
"""

from __future__ import annotations

import pytest

from knowledge.triage.danger_rules import framing
from knowledge.triage.danger_text import fold

NOT_NOW = [
    # Another smell, and the writer says it is not gas.
    "烧焦味，我煮饭忘了关，不是煤气",
    "廚房有陣怪味 check咗 係雪櫃入面壞咗嘅蝦 唔係gas",  # Cantonese: 唔係 → 不系
    "the kitchen smells burnt, not gas",
    "it smells like essence in the parking, it's my scooter leaking fuel not the gas pipe",
    "宝宝发烧了，头很烫，这个跟燃气没关系吧",
    "昨晚嗰阵味系烧胶！唔关煤气事！",
    # A negated smell with nothing after it taking it back.
    "没有煤气味",
    "家里没有煤气味但报修了",
    "燃气报警器一直闪红灯但没响，没闻到味",
    # Teaching and dreams.
    "情景题：小明放学回家，闻到厨房有臭鸡蛋味，他该怎么做？",
    "请帮我把闻到燃气味怎么办编成一首顺口溜",
    "我梦到家里漏气了，吓醒了",
    "i dream last night the house smell gas and i wake up scared",
]

NOW = [
    # "是不是煤气" asks whether it is gas; it does not say it is not.
    "头好晕厨房有股怪味是不是煤气漏了",
    # Someone else does not smell it, the writer does.
    "我姥姥在厨房 她说没闻到 可是我闻到了 好臭",
    "修地铁的把燃气管挖穿了 没闻到味但声音好大",
    # No smell, but another sign of gas that no smell does not take away.
    "燃气报警器一直响，没闻到味",
    "hissing from the gas pipe behind the stove, no smell yet",
    # The writer's nose, not the air.
    "我鼻子塞闻不到，老公说厨房有煤气味",
    # "有没有味" is a question, not a negation.
    "燃气报警器响个不停，我问她有没有味，她说有一点点",
    # The past or a question, then the danger now.
    "上个月修过燃气管，现在厨房越来越臭",
    "那个燃气热水器是去年装的，刚才洗头头晕得好厉害，热水器还开着",
    "reported a gas smell this morning, engineer said it was fine, but it's back",
    "这次是真的不是假设！家里现在有煤气味",
    "干这行十几年，这种情况还是头一回遇到。燃气管的接头刮到了，一直在漏",
]


@pytest.mark.parametrize("text", NOT_NOW)
def test_not_gas_negations_teaching_and_dreams_are_not_happening_now(text: str) -> None:
    assert framing(fold(text)).not_now


@pytest.mark.parametrize("text", NOW)
def test_a_negation_taken_back_or_a_past_followed_by_now_leaves_the_danger(text: str) -> None:
    assert not framing(fold(text)).not_now
