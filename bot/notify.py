"""Turn an outbox row into the message to send: text, optional photo, optional buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.messages import CATALOGUE, t
from storage import Catalog
from storage.outbox import OutboxItem

ButtonsFactory = Any  # Callable[[OutboxItem, str], InlineKeyboardMarkup | None]


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message ready for Telegram."""

    text: str
    photo: Path | None = None
    buttons: InlineKeyboardMarkup | None = None


BUTTONS: dict[str, ButtonsFactory] = {}
"""Inline keyboards per message key, contributed by handler modules (rate, staff moves…)."""


def format_deadline(value: str | None, catalog: Catalog) -> str:
    """An ISO deadline as local 'YYYY-MM-DD HH:MM'."""
    if not value:
        return "-"
    moment = datetime.fromisoformat(value).astimezone(catalog.timezone)
    return moment.strftime("%Y-%m-%d %H:%M")


def render(item: OutboxItem, catalog: Catalog, photos_root: Path) -> Rendered:
    """Render `item` in its recipient's language with the catalogue."""
    lang = item.language
    params: dict[str, Any] = {"note": "", "rating": "", "description": "", **item.params}
    category = catalog.categories.get(str(params.get("category", "")))
    params["category"] = category.name(lang) if category else params.get("category", "")
    params["department"] = catalog.department_name(str(params.get("department", "")), lang)
    params["deadline"] = format_deadline(params.get("deadline"), catalog)
    urgent = params.get("priority") == "urgent"
    params["priority_mark"] = t("notify.urgent_mark", lang) if urgent else ""
    place = params.get("place") or ""
    params["place"] = t("notify.place", lang, place=place) if place else ""
    key = f"notify.{item.message_key}"
    text = t(key, lang, **params) if key in CATALOGUE else f"{item.message_key}: {params['number']}"
    photo = photos_root / str(params["photo"]) if params.get("photo") else None
    factory = BUTTONS.get(item.message_key)
    return Rendered(text, photo, factory(item, lang) if factory else None)
