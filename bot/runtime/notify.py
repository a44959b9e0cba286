"""Turn an outbox row into the message to send: text, optional photo, optional buttons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import fit
from bot.messages import t, t_
from bot.messages.dates import format_due
from storage import Catalog
from storage.outbox.queue import OutboxItem

ButtonsFactory = Callable[[OutboxItem, str], InlineKeyboardMarkup | None]
WordsFactory = Callable[[dict[str, Any], str], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message ready for Telegram."""

    text: str
    photo: Path | None = None
    buttons: InlineKeyboardMarkup | None = None


LONG_FIELDS = ("description", "note")
"""What a resident or a member of staff wrote: shortened (…) when a post would not fit."""

NEWS: dict[str, str] = {
    "ticket.accept": t_("notify.ticket.accept"),
    "ticket.reject": t_("notify.ticket.reject"),
    "ticket.merge": t_("notify.ticket.merge"),
    "ticket.dispatch": t_("notify.ticket.dispatch"),
    "ticket.start": t_("notify.ticket.start"),
    "ticket.extend": t_("notify.ticket.extend"),
    "ticket.resolve": t_("notify.ticket.resolve"),
    "ticket.resolve_followed": t_("notify.ticket.resolve_followed"),
    "ticket.verify": t_("notify.ticket.verify"),
    "ticket.rework": t_("notify.ticket.rework"),
    "ticket.rework_by_staff": t_("notify.ticket.rework_by_staff"),
    "ticket.reply": t_("notify.ticket.reply"),
    "staff.ticket_new": t_("notify.staff.ticket_new"),
    "staff.ticket_rework": t_("notify.staff.ticket_rework"),
    "staff.ticket_rework_by_staff": t_("notify.staff.ticket_rework_by_staff"),
    "staff.ticket_rate": t_("notify.staff.ticket_rate"),
    "staff.ticket_comment": t_("notify.staff.ticket_comment"),
    "staff.deadline_near": t_("notify.staff.deadline_near"),
    "staff.deadline_over": t_("notify.staff.deadline_over"),
}
"""The text of each piece of news the store owes (storage/tickets/notify.py and
storage/tickets/alerts.py name them). Any other outbox row is an owed reply, whose key is the
msgid a handler named."""


def format_deadline(
    value: str | None, catalog: Catalog, lang: str, now: datetime | None = None
) -> str:
    """An ISO moment as the local date and time, written as `lang` writes them; seen from
    `now`, a deadline of today or tomorrow is named by its day ("今天 18:30")."""
    if not value:
        return "-"
    return format_due(datetime.fromisoformat(value), catalog.timezone, lang, now)


def render(
    item: OutboxItem,
    catalog: Catalog,
    photos_root: Path,
    *,
    words: WordsFactory | None = None,
    buttons: ButtonsFactory | None = None,
    now: datetime | None = None,
) -> Rendered:
    """Render `item` in its recipient's language with the catalogue; `words` turns its
    stored codes into words ('accepted' → '已立案'), `buttons` makes its keyboard (both
    declared by the features, bot/features.py)."""
    lang = item.language
    # Rows owed before a text gained a placeholder lack it: they render with it empty.
    blank = dict.fromkeys(("note", "rating", "description", "into"), "")
    params: dict[str, Any] = {**blank, **item.params}
    category = catalog.categories.get(str(params.get("category", "")))
    name = category.name(lang) if category else str(params.get("category", ""))
    params["category"] = fit.shorten(name, fit.NAME)
    department = catalog.department_name(str(params.get("department", "")), lang)
    params["department"] = fit.shorten(department, fit.NAME)
    params["deadline"] = format_deadline(params.get("deadline"), catalog, lang, now)
    urgent = params.get("priority") == "urgent"
    params["priority_mark"] = t("notify.urgent_mark", lang) if urgent else ""
    place = fit.shorten(str(params.get("place") or ""), fit.PLACE)
    params["place"] = t("notify.place", lang, place=place) if place else ""
    if words is not None:
        params = words(params, lang)
    # News has its own texts (notify.*); an owed reply is the catalogue text a handler
    # used to send itself ("report.filed", "staff.done"). A key that is neither raises: the
    # sender records the row as failed, and the catalogue tests catch it first.
    key = NEWS.get(item.message_key, item.message_key)
    photo = photos_root / str(params["photo"]) if params.get("photo") else None
    # A post with a photo carries its words as the caption: 1,024 characters, not 4,096.
    limit = fit.CAPTION if photo is not None else fit.TEXT
    long = {name: params[name] for name in LONG_FIELDS if isinstance(params.get(name), str)}
    text = fit.fit_fields(lambda fields: t(key, lang, **{**params, **fields}), long, limit)
    keyboard = fit.check_keyboard(buttons(item, lang)) if buttons is not None else None
    return Rendered(text, photo, keyboard)
