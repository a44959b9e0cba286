"""Triage of what a resident says: which category is it about, and is gas in danger now?"""

from knowledge.triage.category import (
    RULES,
    SOURCE_CATEGORIES,
    CategoryRule,
    Suggestion,
    category_for_source,
    suggest_category,
)
from knowledge.triage.danger import (
    DangerAssessment,
    Tier,
    assess_danger,
    emergency_sign,
    is_gas_emergency,
)

__all__ = [
    "RULES",
    "SOURCE_CATEGORIES",
    "CategoryRule",
    "DangerAssessment",
    "Suggestion",
    "Tier",
    "assess_danger",
    "category_for_source",
    "emergency_sign",
    "is_gas_emergency",
    "suggest_category",
]
