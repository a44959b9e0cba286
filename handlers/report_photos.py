"""The photos of a report: each one downloaded, checked and kept with the draft, and the
resident told what became of it (an album once, not once per picture)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from telegram import Update

from bot.context import CityContext
from bot.messages import t
from handlers.common import PhotoTooLarge, PhotoUnavailable, download_image, language_of
from handlers.drafts import draft_in, keep
from handlers.store_errors import problem_text
from storage import InvalidImage
from storage.tickets import extract_gps

MAX_PHOTOS = 3
ALBUM = "report_album"
"""user_data: the album (media group) whose first picture the resident was answered for."""


async def keep_photo(update: Update, context: CityContext, *, quiet: bool) -> bool:
    """Keep the message's picture with the draft; False (and the resident told why) if not.

    `quiet`: the caller answers this picture itself. Otherwise the first picture of an
    album is acknowledged and the rest of that album kept without a word."""
    message = update.effective_message
    draft = draft_in(context)
    assert message is not None and draft is not None and context.user_data is not None
    lang = language_of(update, context)
    album = message.media_group_id
    if album is not None:
        quiet = quiet or context.user_data.get(ALBUM) == album
        context.user_data[ALBUM] = album
    if len(draft.photos) >= MAX_PHOTOS:
        await message.reply_text(t("report.too_many_photos", lang))
        return False
    try:
        data = await download_image(message, context)
        stored = await asyncio.to_thread(context.services.store.photos.put, data)
    except PhotoTooLarge as error:
        size, limit = round(error.size / 2**20, 1), round(error.limit / 2**20, 1)
        await message.reply_text(t("report.too_big", lang, size=size, limit=limit))
        return False
    except InvalidImage as error:
        catalog = context.services.store.catalog
        await message.reply_text(
            t("report.not_image", lang, problem=problem_text(error, lang, catalog))
        )
        return False
    except PhotoUnavailable:
        await message.reply_text(t("photo.unavailable", lang))
        return False
    draft = draft.with_photo(stored, message.caption)
    if message.document is not None and draft.photo_gps is None:
        gps = await asyncio.to_thread(extract_gps, data)
        if gps is not None:
            draft = replace(draft, photo_gps=gps)
    keep(context, draft)
    if not quiet:
        await message.reply_text(t("report.photo_added", lang, count=len(draft.photos)))
    return True
