"""What teachers call a quiz's topics and audiences: `/quiz 燃气 儿童 3` means what
`/quiz gas_home child 3` does. A word is a code, a name the bot shows in any language, or
one of the everyday words below, in either script and any case; a name of several words
("gas safety at home") may be typed as it is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

from bot.messages import LANGUAGES
from bot.messages.words import QUIZ_LEVEL, QUIZ_TOPIC, word
from knowledge.quiz import LEVELS, TOPICS, UPLOAD_TOPIC
from storage.tickets import fold

ALL_TOPICS: Final = "all"
TOPIC_WORDS: Final = {
    "gas_home": (
        "燃气",
        "燃气安全",
        "家庭用气",
        "用气",
        "用气安全",
        "煤气",
        "天然气",
        "管道燃气",
        "gas",
        "gas safety",
        "home gas",
    ),
    "lpg": (
        "液化气",
        "液化石油气",
        "瓶装气",
        "煤气罐",
        "煤气瓶",
        "钢瓶",
        "气瓶",
        "石油气",
        "lpg",
        "gas cylinder",
        "gas bottle",
        "cylinder",
    ),
    "gas_leak": ("燃气泄漏", "煤气泄漏", "泄漏", "漏气", "闻到煤气味", "leak", "gas leak"),
    "sorting": ("垃圾分类", "分类", "垃圾", "sorting", "waste sorting", "recycling", "rubbish"),
    "street_order": ("门前三包", "市容", "市容秩序", "街面秩序", "street order", "shopfront"),
    "facilities": ("城市设施", "市政设施", "设施", "井盖", "facilities", "city facilities"),
    UPLOAD_TOPIC: ("本群", "本群题目", "我们的", "自己的", "自己", "ours", "own", "our own"),
    ALL_TOPICS: ("全部", "综合", "所有", "所有主题", "everything", "any"),
}
"""Everyday words for each topic, besides its code and its names in the catalogue."""
LEVEL_WORDS: Final = {
    "child": (
        "儿童",
        "少儿",
        "小学生",
        "小学",
        "孩子",
        "小朋友",
        "学生",
        "kids",
        "kid",
        "children",
        "pupils",
        "pupil",
    ),
    "adult": ("成人", "成年人", "大人", "家长", "adults", "grown-ups", "parents"),
}
MAX_WORDS: Final = 8
"""The longest name, in words, a command's arguments are read for."""

Kind = Literal["topic", "level"]


def _vocabulary() -> dict[str, tuple[Kind, str]]:
    words: dict[str, tuple[Kind, str]] = {}

    def add(kind: Kind, code: str, names: Iterable[str]) -> None:
        for name in names:
            words.setdefault(fold(name), (kind, code))

    for code in (*TOPICS, UPLOAD_TOPIC, ALL_TOPICS):
        add("topic", code, [code, *(word(QUIZ_TOPIC, code, lang) for lang in LANGUAGES)])
    for code in LEVELS:
        add("level", code, [code, *(word(QUIZ_LEVEL, code, lang) for lang in LANGUAGES)])
    for code, names in TOPIC_WORDS.items():
        add("topic", code, names)
    for code, names in LEVEL_WORDS.items():
        add("level", code, names)
    return words


VOCABULARY: Final = _vocabulary()


def read_words(args: list[str]) -> list[tuple[Kind, str] | int] | None:
    """The topics, levels and numbers that `args` name, in order; None if a word is none."""
    read: list[tuple[Kind, str] | int] = []
    position = 0
    while position < len(args):
        if args[position].isdigit():
            read.append(int(args[position]))
            position += 1
            continue
        for span in range(min(MAX_WORDS, len(args) - position), 0, -1):
            meaning = VOCABULARY.get(fold(" ".join(args[position : position + span])))
            if meaning is not None:
                read.append(meaning)
                position += span
                break
        else:
            return None
    return read


def find_topic(args: list[str]) -> str | None:
    """The topic `/practice` arguments name (a code, a name, an everyday word), else None."""
    read = read_words(args)
    topics = [item[1] for item in read or () if isinstance(item, tuple) and item[0] == "topic"]
    return topics[0] if read is not None and len(read) == 1 and topics else None
