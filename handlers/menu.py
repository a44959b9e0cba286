"""The main menu keyboard, built from the rows the features declared (bot/features.py)."""

from __future__ import annotations

from telegram import ReplyKeyboardMarkup

from bot.context import CityContext
from bot.messages import t


def main_menu(context: CityContext, lang: str) -> ReplyKeyboardMarkup:
    """The main menu in `lang`, its rows as the application's features declared them."""
    rows = context.services.wiring.menu_rows
    return ReplyKeyboardMarkup(
        [[t(key, lang) for key in row] for row in rows],
        resize_keyboard=True,
        input_field_placeholder=t("menu.placeholder", lang),
    )
