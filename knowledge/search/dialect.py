"""Rewriting Cantonese words and common typos in a question into standard written Chinese.

Residents type 嘅/咗/唔/喺 and 几耐/边个; the corpus is in Mandarin. Left as they are, such
characters form bigrams no passage has, which sinks both the ranking and the confidence
(an unseen bigram weighs as the rarest term there is). Unlike the synonym map, this replaces
the words rather than appending, so the noise is gone. Only forms that cannot be misread in
Mandarin are listed: bare 系 or 点 are left alone (系统, 疏导点).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from zhconv import convert

from knowledge import lexicons

# The word lists are data: knowledge/lexicons/cantonese.yaml and typos.yaml.
CANTONESE: Final[Mapping[str, str]] = lexicons.mapping("cantonese")
# Homophone and near-form slips seen in residents' messages, for words the corpus relies on.
TYPOS: Final[Mapping[str, str]] = lexicons.mapping("typos")

_TABLE: Final = {**CANTONESE, **TYPOS}
_PATTERN: Final = re.compile("|".join(re.escape(k) for k in sorted(_TABLE, key=len, reverse=True)))
_YUAN: Final = re.compile(r"(?<=\d)\s*蚊")  # 1200蚊 is 1200元


def standardize(text: str) -> str:
    """`text` in simplified characters, with Cantonese words and known typos replaced by
    standard forms."""
    # Many Cantonese speakers type traditional characters (舊樓, 煤氣); the corpus is simplified.
    text = convert(text, "zh-hans")
    return _PATTERN.sub(lambda match: _TABLE[match.group(0)], _YUAN.sub("元", text))
