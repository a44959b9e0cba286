"""Domain anchors: stems that mark a question as being about what our documents cover.

A question with no anchor at all (电动车怎样上牌, 头痛吃什么药) may still share a word or
two with some passage (电动车起火, 头晕头痛), which is how out-of-scope questions slip past
the coverage test. Such questions get their confidence scaled down (see the retriever), not
zeroed: a resident can ask an in-scope question in words this list lacks.
"""

from __future__ import annotations

import re
from typing import Final

from knowledge import lexicons
from knowledge.text import normalize

# The stems are data: knowledge/lexicons/anchors.txt.
ANCHORS: Final = lexicons.word_list("anchors")
# English anchors match at a word start only (recycl → recycling; light is not in flight).
_PATTERN: Final = re.compile(
    "|".join(rf"\b{re.escape(a)}" if a.isascii() else re.escape(a) for a in ANCHORS)
)


def on_topic(question: str) -> bool:
    """True when the (standardised) question mentions at least one domain anchor."""
    return _PATTERN.search(normalize(question)) is not None
