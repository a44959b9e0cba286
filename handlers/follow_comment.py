"""A comment or photo the reporter adds to their open ticket (the staff hear of it)."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ConversationHandler

from bot.context import CityContext
from bot.messages import t
from handlers.buttons import AddComment, pressed, reporter_press
from handlers.common import (
    PhotoTooLarge,
    PhotoUnavailable,
    answer_query,
    download_image,
    kick_outbox,
    language_of,
    reply,
    store_error_text,
)
from handlers.replies import owed_reply
from handlers.store_errors import problem_text
from storage import OPEN_STATUSES, Actor, InvalidImage, Role, StoreError
from storage.tickets import remarks

COMMENT = "comment"


async def start_comment(update: Update, context: CityContext) -> str | int:
    """Ask for the comment or photo to add to an open ticket (its reporter's)."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    press = pressed(update, AddComment)
    number = press.number if press is not None else ""
    standing = await reporter_press(update, context, number, OPEN_STATUSES)
    if standing is None:
        return ConversationHandler.END
    context.user_data["comment_for"] = standing.number
    await answer_query(query)
    await reply(update, context, "my.comment_prompt")
    return COMMENT


async def comment_given(update: Update, context: CityContext) -> str | int:
    """Add the resident's text or photo to their ticket (the staff hear of it)."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None and context.user_data is not None
    lang = language_of(update, context)
    number = context.user_data.pop("comment_for", "")
    store = context.services.store
    note = (message.text or message.caption or "")[:2000]
    saved = owed_reply(update, "my.comment_saved", lang)
    try:
        photos = []
        if message.photo or message.document is not None:
            data = await download_image(message, context)
            photos.append(await asyncio.to_thread(store.photos.put, data))
        async with store.unit_of_work() as uow:
            await remarks.comment(
                uow,
                number=number,
                by=Actor(user.id, Role.RESIDENT),
                note=note,
                photos=photos,
                reply=saved,
            )
    except (PhotoTooLarge, PhotoUnavailable, InvalidImage) as error:
        # Nothing was added: the resident may send another picture (or words) for it, told
        # what was wrong as the report flow tells it.
        context.user_data["comment_for"] = number
        if isinstance(error, PhotoTooLarge):
            size, limit = round(error.size / 2**20, 1), round(error.limit / 2**20, 1)
            await message.reply_text(t("report.too_big", lang, size=size, limit=limit))
        elif isinstance(error, InvalidImage):
            problem = problem_text(error, lang, store.catalog)
            await message.reply_text(t("report.not_image", lang, problem=problem))
        else:
            await message.reply_text(t("photo.unavailable", lang))
        return COMMENT
    except StoreError as error:
        await message.reply_text(store_error_text(error, lang, context.services.store.catalog))
        return ConversationHandler.END
    kick_outbox(context)
    return ConversationHandler.END
