"""Strings the command line prints for operators."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cli.queue_empty": {"zh": "没有符合条件的工单。", "en": "No tickets match."},
    "cli.tickets_total": {"zh": "共 {count} 张工单", "en": "{count} ticket(s)"},
}
