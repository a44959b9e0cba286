"""What kind of fact a question asks for, and what a sentence stating it looks like.

"多久处理" asks for a duration, "最多俾几多钱" an amount, "几时实施" a date, "胶管最长几米" a
length: an answer that has no duration, amount, date or length does not answer it, whatever
else it says. Those four are `strict`: a candidate answer without one is not offered (dev
data: of 76 right candidates to such questions 6 lacked one, all from the question patterns
missing a phrasing that is now in them). "Who do I call" and "may I" are looser: a rule
or a phone number is preferred, not required.

The question is read standardised (simplified characters, dialect words rewritten: see
knowledge/search/dialect.py), so 幾耐 and 幾多錢 are asked like 多久 and 多少钱. The first
kind that matches wins, so "how many days" is a duration before "fee" makes it an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Ask:
    """A kind of fact: how a question asks for it, how an answer states it."""

    name: str
    asks: re.Pattern[str]
    answers: re.Pattern[str]
    strict: bool

    def stated_in(self, text: str) -> bool:
        """True when `text` states a fact of this kind."""
        return self.answers.search(text) is not None


ASKS: Final = (
    Ask(
        "duration",
        re.compile(
            r"多久|多长时间|多少时间|几耐|几长时间|时限|几天|多少天|几日|几个?工作日|多少个?工作日"
            r"|几个?小时|多少个?小时|几个钟|几多个钟|几个月|how long (?:does|do|will|would|is"
            r"|should|until|before|after|for|it|have|has|must)|how soon|how fast|within how"
            r"|how many (?:days|hours|working days|minutes|weeks|months)",
            re.I,
        ),
        re.compile(
            # A span of time, not a date: 3个月 or 两年, never the 4月 or 2024年 of a date.
            r"(?<![\d.])\d{1,3}(?:\.\d)?\s*(?:个\s*)?(?:小时|天|工作日|分钟|周|星期|个月)"
            r"|(?<!\d)\d{1,2}\s*年(?![\d\s]*月)|半(?:天|日|年|个月|小时)"
            r"|[一二两三四五六七八九十百]+\s*(?:个\s*)?(?:小时|天|工作日|分钟|星期|个月|年)(?![\d\s]*月)"
            r"|\b(?:hours?|days?|minutes?|weeks?|months?|years?)\b",
            re.I,
        ),
        strict=True,
    ),
    Ask(
        "length",
        re.compile(
            r"多长|多少米|几米|几多米|多远|多高|多宽|多深|how far|how (?:high|wide|deep)"
            r"|how long (?:can|may|must|should) (?:a|an|the|my|it)\b|how long\b.*\bbe\b"
            r"|what distance|how many (?:metres|meters|cm)",
            re.I,
        ),
        re.compile(
            r"\d+(?:\.\d+)?\s*(?:米|厘米|公分|公里|cm\b|km\b|m\b|metres?|meters?)"
            r"|[一二两三四五六七八九十半]+\s*(?:米|公里)",
            re.I,
        ),
        strict=True,
    ),
    Ask(
        "amount",
        re.compile(
            r"多少钱|几多钱|几钱|几多蚊|多少蚊|多少元|几多元|补多少|补几多|收多少|收几多|罚多少|罚几多"
            r"|交多少|交几多|俾几多|给多少|付多少|出多少|多少费用|费用是多少|价格|价钱|罚款.{0,6}多少"
            r"|how much|what does it cost|what is the (?:price|cost|fine)|how expensive",
            re.I,
        ),
        re.compile(
            r"\d[\d,，.]*\s*万?\s*(?:元|块|蚊|yuan|rmb)|\byuan\b|\brmb\b|¥|免费|不收费|不收钱"
            r"|free of charge|\bfree\b|no charge|百分之|\d+\s*%|\bper ?cent\b",
            re.I,
        ),
        strict=True,
    ),
    Ask(
        "when",
        re.compile(
            r"几时|几点|什么时候|哪天|哪一天|几号|哪年|哪一年|几月|何时|什么时间|^\s*when\b"
            r"|\bwhen (?:did|does|do|is|was|were|will|can|should|are)\b"
            r"|what (?:date|day|year|time)|which (?:year|date|day|month)",
            re.I,
        ),
        re.compile(
            r"\d+\s*年|\d+\s*月\s*\d*\s*日?|\d+\s*[点时:：]|\b(?:19|20)\d\d\b|早上|晚上|上午|下午"
            r"|凌晨|\b(?:January|February|March|April|May|June|July|August|September|October"
            r"|November|December)\b",
            re.I,
        ),
        strict=True,
    ),
    Ask(
        "contact",
        re.compile(
            r"电话|热线|打什么|打咩|打边个|打哪个|找谁|找边个|哪个部门|边个部门|\bcall\b|phone"
            r"|which number|what number"
            r"|who (?:do|should|can) (?:i|we) (?:call|contact|ring|report)",
            re.I,
        ),
        re.compile(r"\b\d{3,}\b|12345|119|110|120|热线|hotline", re.I),
        strict=False,
    ),
    Ask(
        "permission",
        re.compile(
            r"可以|能不能|能否|可唔可以|得唔得|允许|准不准|是否|是不是"
            r"|may i|can i|allowed|is it ok",
            re.I,
        ),
        re.compile(
            r"不得|禁止|不能|不可以|不要|可以|应当|必须|\bmust\b|\bnot\b|never|allowed|\bmay\b",
            re.I,
        ),
        strict=False,
    ),
)


def ask_of(question: str) -> Ask | None:
    """The kind of fact the (standardised) question asks for, or None for an open question."""
    return next((ask for ask in ASKS if ask.asks.search(question)), None)
