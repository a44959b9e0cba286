"""Inline keyboards of the next moves on a ticket, by its status."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import fit
from bot.messages import t
from bot.messages.words import REJECT_TEMPLATES
from storage import Catalog

REJECT_REASONS = len(REJECT_TEMPLATES)
"""How many canned reasons for rejecting (staff.tpl.reject.N) the catalogue has."""


def _button(text: str, data: str) -> InlineKeyboardButton:
    return fit.button(text, data)


def keyboard_for(
    number: str, status: str, department: str, catalog: Catalog, lang: str
) -> InlineKeyboardMarkup:
    """Buttons for the next moves from `status`, and one for the details."""
    rows: list[list[InlineKeyboardButton]] = []
    if status == "submitted":
        rows.append(
            [
                _button(t("staff.button.accept", lang), f"st:accept:{number}"),
                _button(t("staff.button.reject", lang), f"st:reject:{number}"),
            ]
        )
    elif status == "accepted":
        name = catalog.department_name(department, lang)
        rows.append(
            [_button(t("staff.button.dispatch", lang, department=name), f"st:dispatch:{number}")]
        )
    elif status == "dispatched":
        rows.append(
            [
                _button(t("staff.button.claim", lang), f"st:claim:{number}"),
                _button(t("staff.button.start", lang), f"st:start:{number}"),
            ]
        )
    elif status == "resolved":
        rows.append([_button(t("staff.button.verify", lang), f"st:verify:{number}")])
    rows.append([_button(t("staff.button.show", lang), f"st:show:{number}")])
    return InlineKeyboardMarkup(rows)


def reasons_keyboard(number: str, lang: str) -> InlineKeyboardMarkup:
    """Canned reasons for rejecting a ticket."""
    return InlineKeyboardMarkup(
        [
            [_button(t(key, lang), f"st:rj:{number}:{index}")]
            for index, key in enumerate(REJECT_TEMPLATES, start=1)
        ]
    )
