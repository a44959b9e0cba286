"""Triage of what a resident says: which category is it about, and is gas in danger now?"""

from knowledge.triage.category import (
    SOURCE_CATEGORIES,
    CategoryRule,
    Suggestion,
    category_for_source,
    suggest_category,
    urgent_sign,
)
from knowledge.triage.danger import (
    DangerAssessment,
    Tier,
    assess_danger,
    emergency_sign,
    is_gas_emergency,
)
from knowledge.triage.suggester import SUGGEST_BUDGET, Suggester

__all__ = [
    "SOURCE_CATEGORIES",
    "SUGGEST_BUDGET",
    "CategoryRule",
    "DangerAssessment",
    "Suggester",
    "Suggestion",
    "Tier",
    "assess_danger",
    "category_for_source",
    "emergency_sign",
    "is_gas_emergency",
    "suggest_category",
    "urgent_sign",
]
