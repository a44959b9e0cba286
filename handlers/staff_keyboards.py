"""Inline keyboards of the next moves on a ticket, by its status."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import fit
from bot.messages import t
from storage import Catalog

REJECT_REASONS = 3
"""How many canned reasons for rejecting (staff.tpl.reject.N) the catalogue has."""


def _button(key: str, lang: str, data: str, **params: object) -> InlineKeyboardButton:
    return fit.button(t(key, lang, **params), data)


def keyboard_for(
    number: str, status: str, department: str, catalog: Catalog, lang: str
) -> InlineKeyboardMarkup:
    """Buttons for the next moves from `status`, and one for the details."""
    rows: list[list[InlineKeyboardButton]] = []
    if status == "submitted":
        rows.append(
            [
                _button("staff.button.accept", lang, f"st:accept:{number}"),
                _button("staff.button.reject", lang, f"st:reject:{number}"),
            ]
        )
    elif status == "accepted":
        name = catalog.department_name(department, lang)
        rows.append(
            [_button("staff.button.dispatch", lang, f"st:dispatch:{number}", department=name)]
        )
    elif status == "dispatched":
        rows.append(
            [
                _button("staff.button.claim", lang, f"st:claim:{number}"),
                _button("staff.button.start", lang, f"st:start:{number}"),
            ]
        )
    elif status == "resolved":
        rows.append([_button("staff.button.verify", lang, f"st:verify:{number}")])
    rows.append([_button("staff.button.show", lang, f"st:show:{number}")])
    return InlineKeyboardMarkup(rows)


def reasons_keyboard(number: str, lang: str) -> InlineKeyboardMarkup:
    """Canned reasons for rejecting a ticket."""
    return InlineKeyboardMarkup(
        [
            [_button(f"staff.tpl.reject.{index}", lang, f"st:rj:{number}:{index}")]
            for index in range(1, REJECT_REASONS + 1)
        ]
    )
