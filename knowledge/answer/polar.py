"""Yes/no questions, and the yes or no a standard answer opens with ("有。…", "No. …").

A standard answer written for "旧楼装管道燃气有补贴吗" opens "有。", and it answers "装管道燃气
要多少钱" as well: the amount is in it. Asked "多少钱", though, "有。" answers nothing asked,
so the opening yes or no is dropped for a question that asks something else.

The question is read standardised (simplified characters, Cantonese rewritten: 有冇 and 可唔
可以 are read as 有没有 and 可不可以, and the Cantonese forms are listed too).
"""

from __future__ import annotations

import re
from typing import Final

_YES_NO_WORDS: Final = (
    "有|没有|无|会|不会|可能会|能|不能|都不能|可以|不可以|是|不是|是的|对|不对|要|不要|需要|不需要"
    "|必须|不必|不用|用|算|不算|一般算|一定|不一定|行|不行"
)
# The opening word and its stop: "有。" or "不可以，" (a comma too: "No, the …").
_LEAD: Final = re.compile(rf"^\s*(?:{_YES_NO_WORDS}|yes|no)\s*[。.，,！!]\s*", re.I)

# 吗/么 (…吗？), A-not-A (有没有, 可不可以, 有冇, 得唔得), 是否/能否; English opening auxiliaries.
_YES_NO: Final = re.compile(
    r"[吗么嘛麽][\s?？!！。~]*$|[吗么嘛][，,?？]"
    r"|(.)[不没冇唔]\1|可[不唔]可以|[是能可有]否|有无|有冇|係唔係|得唔得"
    r"|^\s*(?:is|are|am|was|were|do|does|did|can|could|will|would|shall|should|may|might"
    r"|must|has|have|had)\b",
    re.I,
)
# A question word makes it an open question, unless it also asks yes or no (有什么补贴吗).
_OPEN: Final = re.compile(
    r"多[少久长远高宽深大重]|几|什么|咩|怎么|怎样|点样|点解|为什么|为何|哪|边度|边个|谁|如何|何时"
    r"|\b(?:how|what|when|where|which|who|whom|why)\b",
    re.I,
)


def is_yes_no(question: str) -> bool:
    """True unless the (standardised) question asks how much, when, which … and not yes or
    no; a bare topic ("煤气罐放地下室") is read as "may I", the answer's no kept."""
    return _YES_NO.search(question) is not None or _OPEN.search(question) is None


def without_yes_no_lead(answer: str) -> str:
    """`answer` without the yes or no it opens with ("有。居民…" → "居民…")."""
    rest = _LEAD.sub("", answer, count=1)
    if not rest or rest == answer:
        return answer
    return rest[0].upper() + rest[1:]


def fitted_to(question: str, answer: str) -> str:
    """`answer` as it answers `question`: its opening yes or no only for a yes/no question."""
    return answer if is_yes_no(question) else without_yes_no_lead(answer)
