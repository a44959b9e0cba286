"""Triage of what a resident reports: which category is it, and is it urgent?

Keywords, not a model: the suggestion comes with its reason ("因为您提到了“垃圾桶”") and the
resident confirms or changes it. The keywords are data, in the categories file (each
category's `keywords` and `urgent_keywords`); bot/app.py hands them in as CategoryRules.
Gas danger is told by knowledge/triage/danger.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.triage.danger import emergency_sign
from knowledge.triage.danger_text import fold


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """Keywords that point to a category, and whether they make the ticket urgent."""

    category: str
    keywords: tuple[str, ...]
    urgent_keywords: tuple[str, ...] = ()


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


def suggest_category(
    text: str | None, rules: Sequence[CategoryRule], *, emergency_category: str = "gas"
) -> Suggestion:
    """The category of the earliest keyword (the longest at that place); 'other' if none.
    A gas danger suggests `emergency_category`, urgent, whatever else is said."""
    folded = fold(text)
    sign = emergency_sign(folded)
    if sign is not None:
        word = _first_match(folded, _urgent_words(rules, emergency_category)) or sign
        return Suggestion(emergency_category, True, "keyword", word)
    best: tuple[int, CategoryRule, str] | None = None
    for rule in rules:
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


def urgent_sign(
    text: str | None,
    category: str,
    rules: Sequence[CategoryRule],
    *,
    emergency_category: str = "gas",
) -> str | None:
    """The words that make a ticket of `category` urgent (a missing cover, a smell of gas)."""
    folded = fold(text)
    found = _first_match(folded, _urgent_words(rules, category))
    if found is None and category == emergency_category:
        return emergency_sign(folded)  # a danger counts as much as the category's own words
    return found


def _urgent_words(rules: Sequence[CategoryRule], category: str) -> tuple[str, ...]:
    return tuple(
        word for rule in rules if rule.category == category for word in rule.urgent_keywords
    )


def category_for_source(source: str) -> str | None:
    """The category a corpus document is about, from its file name."""
    name = source.rsplit("/", 1)[-1]
    return next(
        (category for prefix, category in SOURCE_CATEGORIES if name.startswith(prefix)), None
    )


def _first_match(text: str, words: tuple[str, ...]) -> str | None:
    return next((word for word in words if word in text), None)
