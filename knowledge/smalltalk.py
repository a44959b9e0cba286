"""Recognising greetings, thanks and other chit-chat, which never get policy passages.

A message counts as chit-chat only when, after stripping punctuation, emoji and spaces, nothing
is left but chit-chat phrases. "你好，煤气罐能放地下室吗" is a question with a greeting in
front: the greeting is removed and the question answered.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

from knowledge.text import normalize


class SmallTalk(StrEnum):
    """The kinds of chit-chat the bot answers with a canned reply."""

    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    IDENTITY = "identity"
    ACKNOWLEDGE = "acknowledge"


_PHRASES: Final[dict[SmallTalk, tuple[str, ...]]] = {
    SmallTalk.GREETING: (
        "你好",
        "您好",
        "你们好",
        "大家好",
        "哈喽",
        "哈啰",
        "嗨",
        "在吗",
        "在不在",
        "有人吗",
        "早上好",
        "早安",
        "早",
        "中午好",
        "下午好",
        "晚上好",
        "晚安",
        "hi",
        "hello",
        "hey",
        "good morning",
        "good afternoon",
        "good evening",
        "小助手",
        "城管小助手",
    ),
    SmallTalk.THANKS: (
        "谢谢",
        "谢谢你",
        "谢谢您",
        "多谢",
        "感谢",
        "非常感谢",
        "谢啦",
        "thanks",
        "thank you",
        "thx",
        "辛苦了",
        "唔该",
        "多谢晒",
    ),
    SmallTalk.GOODBYE: ("再见", "拜拜", "bye", "goodbye", "see you", "回头见"),
    SmallTalk.IDENTITY: (
        "你是谁",
        "你是什么",
        "你叫什么",
        "你能做什么",
        "你会什么",
        "你会做什么",
        "who are you",
        "what can you do",
        "help",
    ),
    SmallTalk.ACKNOWLEDGE: (
        "好的",
        "好",
        "嗯",
        "嗯嗯",
        "哦",
        "噢",
        "ok",
        "okay",
        "收到",
        "明白",
        "知道了",
        "哈哈",
        "哈哈哈",
        "呵呵",
        "行",
        "可以",
        "没问题",
    ),
}
_KIND_OF: Final = {phrase: kind for kind, phrases in _PHRASES.items() for phrase in phrases}
_ALTERNATIVES: Final = "|".join(
    re.escape(phrase) for phrase in sorted(_KIND_OF, key=len, reverse=True)
)
_WHOLE: Final = re.compile(rf"(?:(?:{_ALTERNATIVES})(?:啊|呀|哈|呢|啦|吧|哦|噢|哟|喔|~)*\s*)+")
# A greeting is stripped only when punctuation or a space follows it, so that 早餐店… or
# "hiking" keep their first characters.
_LEADING_GREETING: Final = re.compile(
    "^(?:"
    + "|".join(re.escape(p) for p in sorted(_PHRASES[SmallTalk.GREETING], key=len, reverse=True))
    + r")(?:[\s,，!！.。~]+|$)"
)
_NOISE: Final = re.compile(r"[^\w\s]+|_")


def classify(message: str) -> SmallTalk | None:
    """The kind of chit-chat `message` is, or None if it carries a question."""
    bare = _NOISE.sub(" ", normalize(message)).strip()
    bare = re.sub(r"\s+", " ", bare)
    if not bare or len(bare) > 30:
        return None
    match = _WHOLE.fullmatch(bare)
    if match is None:
        return None
    # When several kinds appear ("你好，谢谢") the last one is what the user means now.
    found = [_KIND_OF[m.group(0)] for m in re.finditer(_ALTERNATIVES, bare)]
    return found[-1] if found else None


def strip_greeting(message: str) -> str:
    """The message without a leading greeting ("你好，煤气罐…" → "煤气罐…")."""
    stripped = _LEADING_GREETING.sub("", normalize(message), count=1)
    return stripped or message
