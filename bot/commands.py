"""The command menus Telegram shows: residents see theirs, staff in staff chats see theirs."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.context import CityApplication
from bot.messages import DEFAULT_LANGUAGE, LANGUAGES, t
from bot.wiring import Wiring

log = logging.getLogger(__name__)


def menu_for(wiring: Wiring, lang: str, *, staff: bool) -> list[BotCommand]:
    """The command list of residents (or, with staff=True, of staff) in `lang`."""
    chosen = wiring.commands_for(staff=staff)
    return [BotCommand(c.name, t(c.description_key, lang)) for c in chosen]


def _language_code(lang: str) -> str | None:
    """Telegram's language_code for the menu in `lang`: none for the default (Chinese) one,
    which Telegram shows to everyone whose language has no menu of its own."""
    return None if lang == DEFAULT_LANGUAGE else lang


MENU_LANGUAGES = tuple(lang for lang in LANGUAGES if lang == DEFAULT_LANGUAGE or len(lang) == 2)
"""Telegram takes a menu per two-letter language only: zh-hant readers see the Chinese one."""


async def _publish(bot: Bot, wiring: Wiring, scope: BotCommandScope, *, staff: bool) -> None:
    """The menu of `scope` in every language Telegram keeps a menu for."""
    for lang in MENU_LANGUAGES:
        await bot.set_my_commands(
            menu_for(wiring, lang, staff=staff), scope=scope, language_code=_language_code(lang)
        )


async def publish_commands(application: CityApplication) -> None:
    """Set the menus per scope (residents; each staff member and the staff group) and
    language; a failure is logged, not fatal."""
    services = application.bot_data.services
    if services is None:
        return
    settings, wiring, bot = services.settings, services.wiring, application.bot
    try:
        await _publish(bot, wiring, BotCommandScopeDefault(), staff=False)
        staff_chats = {*settings.admin_ids, *settings.staff_ids}
        if settings.staff_chat_id is not None:
            staff_chats.add(settings.staff_chat_id)
        for chat_id in sorted(staff_chats):
            await _publish(bot, wiring, BotCommandScopeChat(chat_id), staff=True)
    except TelegramError as exc:
        log.warning("could not publish the command menus: %s", exc)
