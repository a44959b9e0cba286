"""What the bot does with everything no feature claimed: a clear reply, or silence by design."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    MessageHandler,
    filters,
)

from bot.context import CityContext
from bot.messages import t, t_
from bot.wiring import Registration
from handlers.buttons import expired
from handlers.common import language_of, reply

GUARD_GROUP = -50

UNSUPPORTED: list[tuple[filters.BaseFilter, str]] = [
    (filters.Sticker.ALL, t_("kind.sticker")),
    (filters.VOICE, t_("kind.voice")),
    (filters.AUDIO, t_("kind.audio")),
    (filters.VIDEO, t_("kind.video")),
    (filters.VIDEO_NOTE, t_("kind.video_note")),
    (filters.ANIMATION, t_("kind.animation")),
    (filters.CONTACT, t_("kind.contact")),
    (filters.POLL, t_("kind.poll")),
    (filters.Dice.ALL, t_("kind.dice")),
    (filters.GAME, t_("kind.game")),
]


async def ignore(update: Update, context: CityContext) -> None:
    """Edited messages and channel posts are ignored by design; nothing else sees them."""
    raise ApplicationHandlerStop


async def unsupported(update: Update, context: CityContext) -> None:
    """Say which kind of message we cannot handle, and what to send instead."""
    message = update.effective_message
    if message is None:
        return
    kind = next((key for flt, key in UNSUPPORTED if flt.check_update(update)), t_("kind.other"))
    lang = language_of(update, context)
    await message.reply_text(t("unsupported.kind", lang, kind=t(kind, lang)))


async def unknown_command(update: Update, context: CityContext) -> None:
    """A command nobody handles."""
    await reply(update, context, "unknown.command")


async def membership_changed(update: Update, context: CityContext) -> None:
    """Greet a group we were added to; leave channels, where the bot has nothing to do."""
    change = update.my_chat_member
    if change is None:
        return
    joined = change.new_chat_member.status in (
        ChatMemberStatus.MEMBER,
        ChatMemberStatus.ADMINISTRATOR,
    )
    was_out = change.old_chat_member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED)
    if not (joined and was_out):
        return
    if change.chat.type == ChatType.CHANNEL:
        await context.bot.leave_chat(change.chat.id)
    elif change.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        await context.bot.send_message(
            change.chat.id, t("group.hello", language_of(update, context))
        )


def handlers() -> list[Registration]:
    """The guard (before every feature) and the fallbacks (after every feature).

    The fallbacks share the features' group and come last in it: PTB lets one handler
    per group take an update, so they only see what no feature took.
    """
    skipped = filters.UpdateType.EDITED | filters.UpdateType.CHANNEL_POSTS
    private = filters.ChatType.PRIVATE
    kinds = UNSUPPORTED[0][0]
    for flt, _ in UNSUPPORTED[1:]:
        kinds = kinds | flt
    return [
        Registration(MessageHandler(skipped, ignore), group=GUARD_GROUP),
        Registration(
            ChatMemberHandler(membership_changed, ChatMemberHandler.MY_CHAT_MEMBER),
            group=GUARD_GROUP + 1,
        ),
        Registration(MessageHandler(private & kinds, unsupported)),
        Registration(MessageHandler(private & filters.COMMAND, unknown_command)),
        Registration(MessageHandler(private & ~filters.COMMAND, unsupported)),
        # A press no feature took: forged, replayed, or left from a flow that ended.
        Registration(CallbackQueryHandler(expired)),
    ]
