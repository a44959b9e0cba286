"""Strings of the resident features."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
