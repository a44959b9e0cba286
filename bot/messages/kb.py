"""Strings of the policy index (answers, abstentions, citations)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
