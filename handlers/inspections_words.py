"""Words of home gas inspections: the periods of the day, the days, the outbox's codes."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.messages import t, t_
from bot.messages.dates import format_day

PERIOD_WORDS = {
    "morning": t_("inspection.period.morning"),
    "afternoon": t_("inspection.period.afternoon"),
    "evening": t_("inspection.period.evening"),
}
OUTCOME_WORDS = {
    "unknown_badge": t_("inspection.outcome.unknown_badge"),
    "no_visit": t_("inspection.outcome.no_visit"),
}
ERROR_WORDS = {
    "no_badge": t_("inspection.error.no_badge"),
    "not_found": t_("inspection.error.not_found"),
    "not_requested": t_("inspection.error.not_requested"),
    "not_confirmed": t_("inspection.error.not_confirmed"),
    "day_out_of_range": t_("inspection.error.day"),
    "period_unknown": t_("inspection.error.day"),
    "address_missing": t_("inspection.error.address"),
}


def period_text(period: str, lang: str) -> str:
    """A period of the day in words ('上午（9:00–12:00）')."""
    key = PERIOD_WORDS.get(period)
    return t(key, lang) if key is not None else period


def day_text(day: date | str, lang: str) -> str:
    """A day written out in `lang`."""
    try:
        value = day if isinstance(day, date) else date.fromisoformat(day)
    except ValueError:
        return str(day)
    return format_day(value, lang)


def outbox_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """An inspection's outbox row: its day, period and outcome codes as words."""
    shown = dict(params)
    if "day" in shown:
        shown["day"] = day_text(str(shown["day"]), lang)
    if "period" in shown:
        shown["period"] = period_text(str(shown["period"]), lang)
    outcome = OUTCOME_WORDS.get(str(shown.get("outcome", "")))
    if outcome is not None:
        shown["outcome"] = t(outcome, lang)
    return shown


OUTBOX_KEYS = (
    t_("inspection.requested"),
    t_("inspection.staff_new"),
    t_("inspection.confirmed"),
    t_("inspection.confirm_done"),
    t_("inspection.reminder"),
    t_("inspection.done_ok"),
    t_("inspection.done_hazard"),
    t_("inspection.result_saved"),
    t_("inspection.hazard_saved"),
    t_("inspection.staff_false_badge"),
)
"""The outbox messages of inspections, whose codes `outbox_words` turns into words."""
WORDS = dict.fromkeys(OUTBOX_KEYS, outbox_words)
