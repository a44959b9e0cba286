"""/start, /help, /cancel, /language, /privacy and /forget_me."""

from __future__ import annotations

from typing import Any, Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import fit
from bot.context import CityContext
from bot.messages import LANGUAGES, is_chinese, t
from bot.wiring import CommandInfo, Registration, Wiring
from handlers.buttons import (
    ChooseLanguage,
    ForgetMe,
    button,
    expired,
    offer_buttons,
    offered_here,
    pressed,
)
from handlers.common import answer_query, button_filter, edit_query_message, language_of, reply
from handlers.menu import main_menu
from storage import tickets
from storage.staff import service as staff

DRAFT_KEYS = (
    "draft",
    "report",
    "practice",
    "pending",
    "rework",
    "comment_for",
    "emergency",
    "possible_danger",
    "faq_draft",
    "faq_offer",
    "faq_delete",
    "cylinder_scan",
    "cylinder_offer",
    "inspection",
    "inspection_hazard",
    "inspector_check",
)
"""user_data keys that hold a half-finished flow; /cancel clears them."""
FORGET_OFFER, LANGUAGE_OFFER = "forget_offer", "language_offer"
"""user_data: the /forget_me confirmation and the /language choice whose buttons count."""
LANGUAGE_NAMES = {"zh": "简体中文", "zh-hant": "繁體中文", "en": "English"}
"""Each language by its own name, as the /language buttons show it (in the bot's order)."""


async def start(update: Update, context: CityContext) -> None:
    """Welcome the user and show the main menu (a group has none: it is told where to go)."""
    message = update.effective_message
    if message is None:
        return
    lang = language_of(update, context)
    user = update.effective_user
    comma = "，" if is_chinese(lang) else ", "
    name = f"{comma}{user.first_name}" if user else ""
    if message.chat.type != ChatType.PRIVATE:
        await message.reply_text(t("start.welcome_group", lang, name=name))
        return
    markup = main_menu(context, lang)
    await message.reply_text(t("start.welcome", lang, name=name), reply_markup=markup)


def help_text(wiring: Wiring, lang: str, *, private: bool = True, staff: bool = False) -> str:
    """What /help says: the commands the features declare for this kind of chat, staff's
    under their own heading, then the emergency numbers."""
    chat: Literal["private", "group"] = "private" if private else "group"

    def lines(commands: list[CommandInfo]) -> list[str]:
        return [
            t("help.line", lang, command=c.name, description=t(c.description_key, lang))
            for c in commands
        ]

    chosen = wiring.commands_for(staff=staff, chat=chat)
    parts = [t("help.head", lang), *lines([c for c in chosen if not c.staff])]
    if not private:
        parts += ["", t("help.in_group", lang)]
    if staff:
        parts += ["", t("help.staff_head", lang), *lines([c for c in chosen if c.staff])]
    return "\n".join([*parts, "", t("help.emergency", lang)])


async def help_command(update: Update, context: CityContext) -> None:
    """List what the bot does here, for who asks (staff see their commands too)."""
    message, user = update.effective_message, update.effective_user
    if message is None:
        return
    services = context.services
    is_staff = False
    if user is not None:
        async with services.store.unit_of_work(read_only=True) as uow:
            actor = await staff.identify(
                uow,
                user_id=user.id,
                admin_ids=services.settings.admin_ids,
                staff_ids=services.settings.staff_ids,
            )
        is_staff = actor.is_staff
    private = message.chat.type == ChatType.PRIVATE
    text = help_text(services.wiring, language_of(update, context), private=private, staff=is_staff)
    await fit.reply_text(message, text)


def clear_drafts(context: CityContext) -> bool:
    """Drop every half-finished flow of the user; True if there was one."""
    if context.user_data is None:
        return False
    found = False
    for key in DRAFT_KEYS:
        if context.user_data.pop(key, None) is not None:
            found = True
    return found


CANCEL_GROUP = -30
"""/cancel is seen before every feature, so no conversation can keep it for itself."""


async def end_conversation_quietly(update: Update, context: CityContext) -> int:
    """The /cancel fallback of every conversation: end it; cancel() says so once."""
    return ConversationHandler.END


async def _end_every_conversation(update: Update, context: CityContext) -> bool:
    ended = False
    for handlers in context.application.handlers.values():
        for handler in handlers:
            if not isinstance(handler, ConversationHandler):
                continue
            # An active conversation matches /cancel through its fallback, which ends it;
            # an idle one does not match at all.
            check = handler.check_update(update)
            if check is not None:
                await handler.handle_update(update, context.application, check, context)
                ended = True
    return ended


async def cancel(update: Update, context: CityContext) -> None:
    """Leave whatever the user was doing, at any step; the next message starts afresh."""
    ended = await _end_every_conversation(update, context)
    found = clear_drafts(context) or ended
    if found:
        await reply(update, context, "cancel.done")
    else:
        await reply(update, context, "cancel.nothing")
    raise ApplicationHandlerStop


async def language(update: Update, context: CityContext) -> None:
    """Offer the languages as buttons."""
    message = update.effective_message
    if message is None:
        return
    named = [code for code in LANGUAGE_NAMES if code in LANGUAGES]
    codes = [*named, *(code for code in LANGUAGES if code not in LANGUAGE_NAMES)]
    buttons = [[button(LANGUAGE_NAMES.get(code, code), ChooseLanguage(code)) for code in codes]]
    sent = await message.reply_text(
        t("language.choose", language_of(update, context)),
        reply_markup=InlineKeyboardMarkup(buttons),
    )
    offer_buttons(context, LANGUAGE_OFFER, sent)


async def language_chosen(update: Update, context: CityContext) -> None:
    """Store the chosen language and show the menu in it."""
    query = update.callback_query
    if query is None or context.user_data is None:
        return
    press = pressed(update, ChooseLanguage)
    choice = press.lang if press is not None else ""
    if choice not in LANGUAGES or not offered_here(context, LANGUAGE_OFFER, query):
        await expired(update, context)
        return
    context.user_data["lang"] = choice
    # News of their tickets (and messages owed, not yet sent) follows the choice.
    async with context.services.store.unit_of_work() as uow:
        await tickets.set_reader_language(uow, user_id=query.from_user.id, language=choice)
    await answer_query(query)
    await edit_query_message(query, t("language.set", choice))
    if query.message is not None and query.message.chat.type == ChatType.PRIVATE:
        menu = main_menu(context, choice)
        await context.bot.send_message(
            query.message.chat.id, t("menu.placeholder", choice), reply_markup=menu
        )


async def privacy(update: Update, context: CityContext) -> None:
    """Say what we store, why, and how to delete it."""
    await reply(update, context, "privacy.text")


async def forget_me(update: Update, context: CityContext) -> None:
    """Ask for confirmation before deleting the user's personal data."""
    message = update.effective_message
    if message is None:
        return
    lang = language_of(update, context)
    buttons = [
        [
            button(t("forget.yes", lang), ForgetMe("yes")),
            button(t("forget.no", lang), ForgetMe("no")),
        ]
    ]
    sent = await message.reply_text(
        t("forget.confirm", lang), reply_markup=InlineKeyboardMarkup(buttons)
    )
    offer_buttons(context, FORGET_OFFER, sent)  # only this confirmation's buttons may delete


async def forget_confirmed(update: Update, context: CityContext) -> None:
    """Delete (or keep) the user's personal data as they chose."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    lang = language_of(update, context)
    press = pressed(update, ForgetMe)
    if press is None or not offered_here(context, FORGET_OFFER, query):
        await expired(update, context)
        return
    await answer_query(query)
    if press.choice != "yes":
        (context.user_data or {}).pop(FORGET_OFFER, None)
        await edit_query_message(query, t("forget.kept", lang))
        return
    async with context.services.store.unit_of_work() as uow:
        forgotten = await tickets.forget(uow, user_id=user.id)
    if context.user_data is not None:
        context.user_data.clear()
    context.application.drop_user_data(user.id)
    await query.edit_message_text(
        t(
            "forget.done",
            lang,
            tickets=forgotten.tickets_anonymised,
            follows=forgotten.follows_removed,
        )
    )


def handlers() -> list[Registration]:
    """/cancel before every feature; the commands, menu buttons and choices of this module."""
    private = filters.ChatType.PRIVATE
    features: list[BaseHandler[Update, CityContext, Any]] = [
        CommandHandler("start", start),
        CommandHandler("help", help_command),
        CommandHandler("language", language),
        CommandHandler("privacy", privacy),
        CommandHandler("forget_me", forget_me, filters=private),
        MessageHandler(private & button_filter("menu.help"), help_command),
        MessageHandler(private & button_filter("menu.language"), language),
        MessageHandler(private & button_filter("menu.privacy"), privacy),
        CallbackQueryHandler(language_chosen, pattern=ChooseLanguage.matches),
        CallbackQueryHandler(forget_confirmed, pattern=ForgetMe.matches),
    ]
    cancelling = Registration(CommandHandler("cancel", cancel), group=CANCEL_GROUP)
    return [cancelling, *(Registration(handler) for handler in features)]
