"""Triage of what a resident writes: is it a gas emergency, and which category is it?

Rules, not a model: an emergency must be recognised in the first millisecond, offline,
and a wrong alarm on an ordinary question ("煤气罐能放地下室吗") is a defect too, so
every phrase here is tested both ways (tests/unit/test_triage.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

GAS = r"(?:煤气|燃气|天然气|液化气|液化石油气|瓦斯|沼气|管道气|气罐|煤气罐|钢瓶|气瓶|气)"
_TRADITIONAL = str.maketrans(
    {"氣": "气", "煤": "煤", "漏": "漏", "聞": "闻", "臭": "臭", "濃": "浓"}
)

# Something is leaking or smells now: a sense verb or intensity word before the smell,
# or a leak in the present/perfect ("漏了", "在漏", "泄漏了").
_EMERGENCY_ZH = [
    rf"(?:闻到|闻见|嗅到|有|好大|很大|好浓|很浓|好重|很重|一股|满屋|整屋|到处)[^，。！？,.!?]{{0,6}}{GAS}[^，。！？,.!?]{{0,3}}(?:味|臭)",
    rf"{GAS}(?:的)?(?:味|臭味|味道)(?:好|很|太|特别|非常)?(?:大|浓|重|冲|明显)",
    rf"{GAS}[^，。！？,.!?]{{0,8}}(?:在漏|漏了|漏气了|泄漏了|泄露了|一直漏|漏得|喷出|呲呲|嘶嘶|跑气了)",
    r"(?:漏气了|在漏气|正在漏气|泄漏了|泄露了)",
    r"报警器(?:在)?(?:响|叫|一直响|报警了|狂响)",
    r"(?:臭鸡蛋|烂鸡蛋)(?:的)?(?:味|气味)",
    rf"{GAS}(?:泄漏|泄露|漏气)(?:$|[！!。，,]|怎么办|咋办|快|救命|了)",
    r"(?:家里|屋里|厨房|楼道|楼梯|房间|店里|餐厅|地下室)[^，。！？,.!?]{0,6}"
    r"(?:漏气|泄漏|泄露|煤气味|燃气味|气味很大)",
]
_EMERGENCY_EN = [
    r"\bsmell(?:s|ing)?\s+(?:of\s+)?(?:gas|lpg|propane)\b",
    r"\b(?:gas|lpg|propane)\s+(?:smell|odou?r)\b",
    r"\b(?:gas|lpg|propane)\s+(?:is\s+)?leak(?:ing|s)?\b(?!\s+(?:detector|alarm|fine|penalt|law|test))",
    r"\bleak(?:ing|ed)?\s+gas\b",
    r"\b(?:lpg|propane|gas)\s+(?:cylinder|tank|bottle|pipe|hose|stove|cooker|meter)s?\s+"
    r"(?:is\s+|are\s+)?leak(?:ing|ed|s)?\b",
    r"\bgas\s+leak\b(?!\s*(?:detector|alarm|fine|penalt|law|test|check|inspection))",
    r"\brotten\s+eggs?\s+smell\b",
    r"\b(?:gas\s+)?alarm\s+(?:is\s+)?(?:going\s+off|beeping|sounding|ringing)\b",
]
# Hypotheticals, negations and rule questions are questions, not emergencies.
_NOT_NOW = [
    r"如果|假如|万一|要是|假设|假使|预防|防止|罚款|处罚|怎么罚|条例|规定|法律|法规|责任|赔偿|保险",
    r"演练|培训|宣传|题目|考题",
    r"没有(?:煤气|燃气)?(?:的)?味|没闻到|没有闻到|不漏|没漏|没有泄漏|不是漏气",
    r"\b(?:if|what if|in case|fine|penalt(?:y|ies)|law|regulation|drill|quiz)\b",
    r"\bhow\s+(?:do|can|to)\s+(?:i\s+|you\s+)?(?:check|detect|test|prevent)\b",
]

_emergency = re.compile("|".join(_EMERGENCY_ZH + _EMERGENCY_EN), re.IGNORECASE)
_not_now = re.compile("|".join(_NOT_NOW), re.IGNORECASE)


def normalize(text: str) -> str:
    """Fold width and case, simplify a few traditional characters, drop spaces in Chinese."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL).lower()
    return re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", folded)


def is_gas_emergency(text: str | None) -> bool:
    """True when the text says gas is leaking or smells, now (not "if", not a rule question)."""
    if not text or not text.strip():
        return False
    folded = normalize(text[:2000])
    if not _emergency.search(folded):
        return False
    return not _not_now.search(folded)


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
    folded = normalize(text or "")
    if is_gas_emergency(folded):
        return Suggestion(
            "gas", True, "keyword", _first_match(folded, RULES[0].urgent_keywords) or "gas"
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


def category_for_source(source: str) -> str | None:
    """The category a corpus document is about, from its file name."""
    name = source.rsplit("/", 1)[-1]
    return next(
        (category for prefix, category in SOURCE_CATEGORIES if name.startswith(prefix)), None
    )


def _first_match(text: str, words: tuple[str, ...]) -> str | None:
    return next((word for word in words if word in text), None)
