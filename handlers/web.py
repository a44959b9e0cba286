"""/web (staff): a one-time login link to the dashboard; /map: the Mini App's button.

The login link is sent directly, not through the outbox: the outbox would keep the token
in plain text in its table, which the token store exists to avoid, and a link lost to a
crash costs nothing but typing /web again (the unused token expires by itself).
"""

from __future__ import annotations

from urllib.parse import quote

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
    WebAppInfo,
)
from telegram.ext import CommandHandler, filters

from bot.context import CityContext
from bot.messages import t
from bot.wiring import CommandInfo, Registration
from handlers.common import language_of, reply
from handlers.staff_common import send, staff_command
from storage import Actor
from storage.weblogin import service as weblogin
from storage.weblogin.service import LOGIN_TOKEN_TTL

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
WEB_COMMANDS = (
    CommandInfo("web", "web.cmd.web", staff=True, where="private"),
    CommandInfo("map", "web.cmd.map", where="private"),
)


def _base_url(context: CityContext) -> str | None:
    url = context.services.settings.web_url
    return str(url).rstrip("/") if url is not None else None


@staff_command
async def web_login(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """Send a staff member a one-time link that logs them in to the dashboard."""
    base = _base_url(context)
    if base is None:
        await send(update, t("web.not_configured", lang))
        return
    assert actor.user_id is not None
    async with context.services.store.unit_of_work() as uow:
        token = await weblogin.issue_login_token(uow, user_id=actor.user_id)
    minutes = int(LOGIN_TOKEN_TTL.total_seconds() // 60)
    link = f"{base}/login?token={quote(token)}"
    text = t("web.login.link", lang, minutes=minutes)
    if not base.startswith("https://"):
        # Telegram refuses a button to a local address (http://127.0.0.1:…), which is what
        # an operator trying the dashboard out has: the link goes in the text, unpreviewed.
        await send(update, f"{text}\n{link}", link_preview_options=NO_PREVIEW)
        return
    button = InlineKeyboardButton(t("web.login.button", lang), url=link)
    await send(update, text, reply_markup=InlineKeyboardMarkup([[button]]))


async def open_map(update: Update, context: CityContext) -> None:
    """Offer the Mini App's map: staff see every open ticket in it, residents their own."""
    base = _base_url(context)
    if base is None or not base.startswith("https://"):
        await reply(update, context, "map.not_configured")
        return
    lang = language_of(update, context)
    button = InlineKeyboardButton(t("map.button", lang), web_app=WebAppInfo(url=f"{base}/app"))
    message = update.effective_message
    if message is not None:
        await message.reply_text(t("map.open", lang), reply_markup=InlineKeyboardMarkup([[button]]))


def handlers() -> list[Registration]:
    """/web and /map, in private chats (a Mini App button works only there)."""
    private = filters.ChatType.PRIVATE
    return [
        Registration(CommandHandler("web", web_login, filters=private)),
        Registration(CommandHandler("map", open_map, filters=private)),
    ]
