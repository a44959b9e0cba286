"""Drafts kept in user_data (persisted as JSON): a ReportDraft in and out of its slot."""

from __future__ import annotations

from telegram import Message

from bot.context import CityContext
from storage.tickets import ReportDraft

REPORT = "report"
"""The user_data key of the photo report being made."""


def draft_in(context: CityContext, key: str = REPORT) -> ReportDraft | None:
    """The draft kept under `key`, or None (never begun, cancelled, filed)."""
    data = (context.user_data or {}).get(key)
    if not isinstance(data, dict) or "intake_key" not in data:
        return None
    return ReportDraft.from_json(data)


def keep(context: CityContext, draft: ReportDraft, key: str = REPORT) -> None:
    """Keep `draft` under `key` (saved with the conversation)."""
    assert context.user_data is not None
    context.user_data[key] = draft.to_json()


def drop(context: CityContext, key: str = REPORT) -> None:
    """Forget the draft under `key`."""
    (context.user_data or {}).pop(key, None)


def report_began(context: CityContext) -> tuple[int, int] | None:
    """The chat and message the report under way began with (its intake key says), if any."""
    draft = draft_in(context)
    kind, _, rest = draft.intake_key.partition(":") if draft is not None else ("", "", "")
    chat, _, message = rest.partition(":")
    if kind != "tg" or not chat.lstrip("-").isdigit() or not message.isdigit():
        return None
    return int(chat), int(message)


def new_draft(
    message: Message,
    lang: str,
    text: str = "",
    *,
    emergency: bool = False,
    question: str | None = None,
) -> ReportDraft:
    """A draft begun by `message` (its key makes the filing idempotent)."""
    user = message.from_user
    return ReportDraft(
        intake_key=f"tg:{message.chat.id}:{message.message_id}",
        reporter_id=user.id if user is not None else None,
        language=lang,
        started=message.date.isoformat(),
        caption=text[:2000],
        emergency=emergency,
        question=question,
    )
