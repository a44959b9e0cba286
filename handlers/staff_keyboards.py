"""Inline keyboards of the next moves on a ticket, by its status."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import t
from bot.messages.words import REJECT_TEMPLATES
from handlers.buttons import RejectReason, StaffMove, button
from storage import Catalog

REJECT_REASONS = len(REJECT_TEMPLATES)
"""How many canned reasons for rejecting (staff.tpl.reject.N) the catalogue has."""


def keyboard_for(
    number: str, status: str, department: str, catalog: Catalog, lang: str
) -> InlineKeyboardMarkup:
    """Buttons for the next moves from `status`, and one for the details."""
    rows: list[list[InlineKeyboardButton]] = []
    if status == "submitted":
        rows.append(
            [
                button(t("staff.button.accept", lang), StaffMove("accept", number)),
                button(t("staff.button.reject", lang), StaffMove("reject", number)),
            ]
        )
    elif status == "accepted":
        name = catalog.department_name(department, lang)
        rows.append(
            [
                button(
                    t("staff.button.dispatch", lang, department=name), StaffMove("dispatch", number)
                )
            ]
        )
    elif status == "dispatched":
        rows.append(
            [
                button(t("staff.button.claim", lang), StaffMove("claim", number)),
                button(t("staff.button.start", lang), StaffMove("start", number)),
            ]
        )
    elif status == "resolved":
        rows.append([button(t("staff.button.verify", lang), StaffMove("verify", number))])
    rows.append([button(t("staff.button.show", lang), StaffMove("show", number))])
    return InlineKeyboardMarkup(rows)


def reasons_keyboard(number: str, lang: str) -> InlineKeyboardMarkup:
    """Canned reasons for rejecting a ticket, then back to the moves or a reason typed."""
    return InlineKeyboardMarkup(
        [
            *(
                [button(t(key, lang), RejectReason(number, index))]
                for index, key in enumerate(REJECT_TEMPLATES, start=1)
            ),
            [
                button(t("staff.button.back", lang), StaffMove("back", number)),
                button(t("staff.button.reject_other", lang), StaffMove("other", number)),
            ],
        ]
    )
