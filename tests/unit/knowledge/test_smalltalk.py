"""Chit-chat never reaches the policy index."""

from __future__ import annotations

import pytest

from knowledge.smalltalk import SmallTalk, classify, strip_greeting


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("你好", SmallTalk.GREETING),
        ("您好！！", SmallTalk.GREETING),
        ("hi", SmallTalk.GREETING),
        ("Hello 👋", SmallTalk.GREETING),
        ("在吗？", SmallTalk.GREETING),
        ("谢谢", SmallTalk.THANKS),
        ("谢谢啦~", SmallTalk.THANKS),
        ("Thank you!", SmallTalk.THANKS),
        ("好的，谢谢", SmallTalk.THANKS),
        ("拜拜", SmallTalk.GOODBYE),
        ("你是谁", SmallTalk.IDENTITY),
        ("ok", SmallTalk.ACKNOWLEDGE),
        ("早晨", SmallTalk.GREETING),
        ("有冇人", SmallTalk.GREETING),
        ("唔該晒", SmallTalk.THANKS),
        ("多謝晒！", SmallTalk.THANKS),
        ("拜拜啰", SmallTalk.GOODBYE),
        ("得閒飲茶", SmallTalk.GOODBYE),
        ("好嘅", SmallTalk.ACKNOWLEDGE),
    ],
)
def test_chit_chat_is_recognised(message: str, kind: SmallTalk) -> None:
    assert classify(message) is kind


@pytest.mark.parametrize(
    "message",
    [
        "你好，煤气罐能放地下室吗",
        "hi, where do I report a gas leak",
        "谢谢你告诉我垃圾怎么分类",
        "唔該，煤氣罐點樣處理",
        "早晨啲垃圾車幾點嚟",
        "",
        "🔥",
    ],
)
def test_questions_are_not_chit_chat(message: str) -> None:
    assert classify(message) is None


def test_a_leading_greeting_is_stripped_from_a_question() -> None:
    assert strip_greeting("你好，煤气罐能放地下室吗") == "煤气罐能放地下室吗"
    assert strip_greeting("Hi, gas leak!") == "gas leak!"
    assert strip_greeting("门前三包") == "门前三包"
    assert strip_greeting("早餐店门口能摆摊吗") == "早餐店门口能摆摊吗"
    assert strip_greeting("hiking trail rubbish") == "hiking trail rubbish"
    assert strip_greeting("早晨，煤氣罐可以放喺地庫嗎") == "煤氣罐可以放喺地庫嗎"
    assert strip_greeting("早晨啲垃圾車幾點嚟") == "早晨啲垃圾車幾點嚟"
