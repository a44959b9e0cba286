"""The main menu keyboard; feature modules add their buttons to MENU_ROWS."""

from __future__ import annotations

from telegram import ReplyKeyboardMarkup

from bot.messages import t, t_

MENU_ROWS: list[list[str]] = [[t_("menu.help"), t_("menu.language"), t_("menu.privacy")]]
"""Catalogue keys of the buttons, row by row (marked with t_); feature modules insert theirs."""


def add_menu_row(keys: list[str], *, first: bool = False) -> None:
    """Add a row of buttons to the main menu (once)."""
    if keys not in MENU_ROWS:
        MENU_ROWS.insert(0 if first else len(MENU_ROWS), keys)


def main_menu(lang: str) -> ReplyKeyboardMarkup:
    """The main menu in `lang`."""
    return ReplyKeyboardMarkup(
        [[t(key, lang) for key in row] for row in MENU_ROWS],
        resize_keyboard=True,
        input_field_placeholder=t("menu.placeholder", lang),
    )
