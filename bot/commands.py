"""The command menus Telegram shows: residents see theirs, staff in staff chats see theirs."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.context import CityApplication
from bot.messages import DEFAULT_LANGUAGE, LANGUAGES, t

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A command, the catalogue key of its description, and who sees it."""

    name: str
    description_key: str
    staff: bool = False


COMMANDS: list[CommandInfo] = [
    CommandInfo("start", "cmd.start"),
    CommandInfo("help", "cmd.help"),
    CommandInfo("cancel", "cmd.cancel"),
    CommandInfo("language", "cmd.language"),
    CommandInfo("privacy", "cmd.privacy"),
    CommandInfo("forget_me", "cmd.forget_me"),
]
"""Every command; feature modules append theirs with add_commands()."""


def add_commands(*infos: CommandInfo) -> None:
    """Register feature commands for the menus (once each)."""
    for info in infos:
        if info not in COMMANDS:
            COMMANDS.append(info)


def menu_for(lang: str, *, staff: bool) -> list[BotCommand]:
    """The command list of residents (or, with staff=True, of staff) in `lang`."""
    chosen = [c for c in COMMANDS if staff or not c.staff]
    return [BotCommand(c.name, t(c.description_key, lang)) for c in chosen]


def _language_code(lang: str) -> str | None:
    """Telegram's language_code for the menu in `lang`: none for the default (Chinese) one,
    which Telegram shows to everyone whose language has no menu of its own."""
    return None if lang == DEFAULT_LANGUAGE else lang


async def _publish(bot: Bot, scope: BotCommandScope, *, staff: bool) -> None:
    """The menu of `scope` in every language we answer in."""
    for lang in LANGUAGES:
        await bot.set_my_commands(
            menu_for(lang, staff=staff), scope=scope, language_code=_language_code(lang)
        )


async def publish_commands(application: CityApplication) -> None:
    """Set the menus per scope (residents; each staff member and the staff group) and
    language; a failure is logged, not fatal."""
    settings = application.bot_data.services.settings if application.bot_data.services else None
    bot = application.bot
    try:
        await _publish(bot, BotCommandScopeDefault(), staff=False)
        if settings is None:
            return
        staff_chats = {*settings.admin_ids, *settings.staff_ids}
        if settings.staff_chat_id is not None:
            staff_chats.add(settings.staff_chat_id)
        for chat_id in sorted(staff_chats):
            await _publish(bot, BotCommandScopeChat(chat_id), staff=True)
    except TelegramError as exc:
        log.warning("could not publish the command menus: %s", exc)
