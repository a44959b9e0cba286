"""Triage of what a resident reports: which category is it, and is it urgent?

Keywords, not a model: the suggestion comes with its reason ("因为您提到了“垃圾桶”") and the
resident confirms or changes it. Gas danger is told by knowledge/triage/danger.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.triage.danger import emergency_sign
from knowledge.triage.danger_text import fold


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """Keywords that point to a category, and whether they make the ticket urgent."""

    category: str
    keywords: tuple[str, ...]
    urgent_keywords: tuple[str, ...] = ()


RULES: tuple[CategoryRule, ...] = (
    CategoryRule(
        "gas",
        (
            "煤气",
            "燃气",
            "天然气",
            "液化气",
            "钢瓶",
            "气瓶",
            "煤气罐",
            "软管",
            "减压阀",
            "gas",
            "lpg",
            "cylinder",
        ),
        ("漏气", "泄漏", "泄露", "煤气味", "燃气味", "leak", "smell"),
    ),
    CategoryRule(
        "facilities",
        (
            "井盖",
            "路灯",
            "路面",
            "人行道",
            "坑",
            "护栏",
            "下水道",
            "雨水口",
            "盲道",
            "manhole",
            "street light",
            "streetlight",
            "pothole",
            "pavement",
            "railing",
        ),
        (
            "井盖缺失",
            "井盖丢",
            "井盖没了",
            "没有井盖",
            "井盖不见",
            "井盖被偷",
            "井盖破",
            "missing manhole",
            "manhole cover missing",
            "open manhole",
        ),
    ),
    CategoryRule(
        "sanitation",
        (
            "垃圾",
            "垃圾桶",
            "满溢",
            "脏",
            "粪便",
            "污水",
            "清扫",
            "保洁",
            "臭",
            "异味",
            "rubbish",
            "garbage",
            "trash",
            "litter",
            "bin",
            "dirty",
        ),
    ),
    CategoryRule(
        "greening",
        (
            "树",
            "树枝",
            "草坪",
            "绿化",
            "花坛",
            "倒伏",
            "修剪",
            "枯",
            "tree",
            "branch",
            "grass",
            "hedge",
            "lawn",
        ),
    ),
    CategoryRule(
        "street_order",
        (
            "摆摊",
            "占道",
            "小贩",
            "流动摊",
            "广告",
            "招牌",
            "横幅",
            "门前三包",
            "乱堆",
            "乱摆",
            "张贴",
            "vendor",
            "vending",
            "stall",
            "advert",
            "billboard",
            "signboard",
            "poster",
        ),
    ),
    CategoryRule(
        "illegal_construction",
        (
            "违建",
            "违法建设",
            "违章",
            "加建",
            "搭建",
            "私搭",
            "乱建",
            "铁皮房",
            "illegal construction",
            "illegal building",
            "extension",
        ),
    ),
    CategoryRule(
        "sanitation_fees",
        (
            "垃圾费",
            "卫生费",
            "处理费",
            "环卫费",
            "收费",
            "sanitation fee",
            "rubbish fee",
            "garbage fee",
        ),
    ),
)

SOURCE_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("gas-", "gas"),
    ("lpg-", "gas"),
    ("urban-gas-", "gas"),
    ("liwan-", "gas"),
    ("municipal-facilities", "facilities"),
    ("sanitation-fees", "sanitation_fees"),
    ("sanitation-", "sanitation"),
    ("guangzhou-waste", "sanitation"),
    ("greening-", "greening"),
    ("street-vending", "street_order"),
    ("outdoor-ads", "street_order"),
    ("menqian", "street_order"),
    ("city-appearance", "street_order"),
    ("illegal-construction", "illegal_construction"),
)
"""Corpus documents (by file-name prefix) whose topic is a category, for the index fallback."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested category with its reason: the word that matched, or the document."""

    category: str
    urgent: bool
    reason: str  # "keyword" | "document" | "none"
    evidence: str


def suggest_category(text: str | None) -> Suggestion:
    """The category of the earliest keyword (the longest at that place); 'other' if none."""
    folded = fold(text)
    sign = emergency_sign(folded)
    if sign is not None:
        return Suggestion(
            "gas", True, "keyword", _first_match(folded, RULES[0].urgent_keywords) or sign
        )
    best: tuple[int, CategoryRule, str] | None = None
    for rule in RULES:
        for keyword in rule.keywords:
            position = folded.find(keyword)
            # The earliest mention names the subject; at one position the longest word wins.
            if position >= 0 and (
                best is None or (position, -len(keyword)) < (best[0], -len(best[2]))
            ):
                best = (position, rule, keyword)
    if best is None:
        return Suggestion("other", False, "none", "")
    _, rule, keyword = best
    urgent_word = _first_match(folded, rule.urgent_keywords)
    return Suggestion(rule.category, urgent_word is not None, "keyword", urgent_word or keyword)


def urgent_sign(text: str | None, category: str) -> str | None:
    """The words that make a ticket of `category` urgent (a missing cover, a smell of gas)."""
    folded = fold(text)
    rule = next((rule for rule in RULES if rule.category == category), None)
    if rule is None:
        return None
    if rule is RULES[0]:  # gas: a danger sign counts as much as its own urgent words
        return _first_match(folded, rule.urgent_keywords) or emergency_sign(folded)
    return _first_match(folded, rule.urgent_keywords)


def category_for_source(source: str) -> str | None:
    """The category a corpus document is about, from its file name."""
    name = source.rsplit("/", 1)[-1]
    return next(
        (category for prefix, category in SOURCE_CATEGORIES if name.startswith(prefix)), None
    )


def _first_match(text: str, words: tuple[str, ...]) -> str | None:
    return next((word for word in words if word in text), None)
