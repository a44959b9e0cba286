"""Traditional characters for readers of a zh-Hant locale.

The store's data (category and department names, staff notes), the FAQ and the policy
index are written in simplified Chinese; a reader whose locale is written in traditional
characters (Hong Kong, Macau, Taiwan, many Cantonese speakers in Guangzhou) gets them
converted when they are shown. zhconv's Hong Kong variant gives the words Hong Kong and
Guangzhou readers use (私隱, 裏); a few of its Hong Kong character forms (説, 羣, 户) look
dated to most of them, so the common traditional forms replace those.
"""

from __future__ import annotations

from typing import Final

from zhconv import convert

COMMON_FORMS: Final = str.maketrans(
    {
        "説": "說",
        "羣": "群",
        "户": "戶",
        "衞": "衛",
        "着": "著",
        "卧": "臥",
        "温": "溫",
        "脱": "脫",
        "牀": "床",
        "啓": "啟",
        "閲": "閱",
        "峯": "峰",
        "揾": "搵",
    }
)

WORDS_WITH_LI: Final = (
    "公里",
    "英里",
    "海里",
    "里程",
    "鄰里",
    "鄉里",
    "故里",
    "萬里",
    "千里",
    "里弄",
)
"""Words whose 里 (a unit, a neighbourhood) zhconv takes for 裏 (inside)."""


def traditional(text: str) -> str:
    """`text` in traditional characters, as the zh_Hant catalogue writes them."""
    if not text:
        return text
    converted = str(convert(text, "zh-hk")).translate(COMMON_FORMS)
    for word in WORDS_WITH_LI:
        converted = converted.replace(word.replace("里", "裏"), word)
    return converted
