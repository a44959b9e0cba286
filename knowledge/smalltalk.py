"""Recognising greetings, thanks and other chit-chat, which never get policy passages.

A message counts as chit-chat only when, after stripping punctuation, emoji and spaces, nothing
is left but chit-chat phrases. "你好，煤气罐能放地下室吗" is a question with a greeting in
front: the greeting is removed and the question answered.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

from zhconv import convert

from knowledge import lexicons
from knowledge.text import normalize


class SmallTalk(StrEnum):
    """The kinds of chit-chat the bot answers with a canned reply."""

    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    IDENTITY = "identity"
    ACKNOWLEDGE = "acknowledge"


# The phrases are data: knowledge/lexicons/smalltalk.yaml, one list per kind.
_PHRASES: Final[dict[SmallTalk, tuple[str, ...]]] = {
    SmallTalk(kind): phrases
    for kind, phrases in lexicons.groups("smalltalk", tuple(SmallTalk)).items()
}
_KIND_OF: Final = {phrase: kind for kind, phrases in _PHRASES.items() for phrase in phrases}
_ALTERNATIVES: Final = "|".join(
    re.escape(phrase) for phrase in sorted(_KIND_OF, key=len, reverse=True)
)
# Sentence-final particles, Mandarin and Cantonese (早晨呀, 唔该晒喇, 拜拜啰).
_PARTICLES: Final = "啊|呀|哈|呢|啦|吧|哦|噢|哟|喔|喇|嘞|啰|咯|喎|嘛|丫|~"
_WHOLE: Final = re.compile(rf"(?:(?:{_ALTERNATIVES})(?:{_PARTICLES})*\s*)+")
# A greeting is stripped only when punctuation or a space follows it, so that 早餐店… or
# "hiking" keep their first characters.
_LEADING_GREETING: Final = re.compile(
    "^(?:"
    + "|".join(re.escape(p) for p in sorted(_PHRASES[SmallTalk.GREETING], key=len, reverse=True))
    + r")(?:[\s,，!！.。~]+|$)"
)
_NOISE: Final = re.compile(r"[^\w\s]+|_")


def _folded(message: str) -> str:
    # The phrases are written in simplified characters; 唔該晒 and 多謝 are the same words.
    folded: str = convert(normalize(message), "zh-hans")
    return folded


def classify(message: str) -> SmallTalk | None:
    """The kind of chit-chat `message` is, or None if it carries a question."""
    bare = _NOISE.sub(" ", _folded(message)).strip()
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
    original, folded = normalize(message), _folded(message)
    match = _LEADING_GREETING.match(folded)
    if match is None:
        return original or message
    # Folding keeps the length of nearly every text; where it does not, the folded text.
    stripped = (original if len(original) == len(folded) else folded)[match.end() :]
    return stripped or message
