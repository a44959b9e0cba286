"""The gas-danger check under its old name; it lives in knowledge/triage/ now."""

from knowledge.triage.danger import (
    DangerAssessment,
    assess_danger,
    emergency_sign,
    is_gas_emergency,
)
from knowledge.triage.danger_text import fold as normalize

__all__ = ["DangerAssessment", "assess_danger", "emergency_sign", "is_gas_emergency", "normalize"]
