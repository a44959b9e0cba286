"""/resolve NUMBER note, completed by the after photo the store requires."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers.common import language_of
from handlers.staff_common import (
    confirmation,
    error_text,
    kick_outbox,
    send,
    staff_command,
    ticket_number,
    usage,
)
from storage.errors import InvalidImage, PermissionDenied, StoreError
from storage.staff import service as staff
from storage.tickets import Action, Actor, Role, lookups, next_status, service

PENDING = "pending"
"""The user_data key of a half-finished flow (/cancel clears it)."""
RESOLVE_FLOW = "staff.resolve"
PHOTO_GROUP = -5
"""Handler group of the after-photo step: before the resident features see the photo."""


@staff_command
async def resolve(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/resolve NUMBER note: checked now, completed by the after photo."""
    args = list(context.args or [])
    chat = update.effective_chat
    if len(args) < 2 or chat is None or context.user_data is None:
        await send(update, usage(lang, "staff.usage.resolve"))
        return
    async with context.services.store.unit_of_work(read_only=True) as uow:
        ticket = await lookups.get_ticket(uow, number=ticket_number(args[0], context))
    next_status(ticket.status, Action.RESOLVE, actor.role)
    if actor.role == Role.FIELD_WORKER and ticket.assignee_id not in (None, actor.user_id):
        raise PermissionDenied(actor.role.value, "resolve", "assigned_to_other")
    context.user_data[PENDING] = {
        "flow": RESOLVE_FLOW,
        "number": ticket.number,
        "note": " ".join(args[1:]),
        "chat": chat.id,
    }
    await send(update, t("staff.resolve.photo", lang, number=ticket.number))


def _pending_resolve(update: Update, context: CityContext) -> dict[str, Any] | None:
    pending = context.user_data.get(PENDING) if context.user_data is not None else None
    chat = update.effective_chat
    if isinstance(pending, dict) and pending.get("flow") == RESOLVE_FLOW and chat is not None:
        return pending if pending.get("chat") == chat.id else None
    return None


async def after_photo(update: Update, context: CityContext) -> None:
    """The after photo of a pending /resolve: store it and make the move."""
    pending = _pending_resolve(update, context)
    message = update.effective_message
    if pending is None or message is None or not message.photo:
        return
    lang = language_of(update, context)
    store = context.services.store
    try:
        data = await (await message.photo[-1].get_file()).download_as_bytearray()
        image = await asyncio.to_thread(store.photos.put, bytes(data))
        async with store.unit_of_work() as uow:
            actor = await staff.identify(
                uow,
                user_id=message.from_user.id if message.from_user else 0,
                admin_ids=context.services.settings.admin_ids,
                staff_ids=context.services.settings.staff_ids,
            )
            await service.resolve(
                uow,
                number=pending["number"],
                by=actor,
                note=pending["note"],
                photo=image,
                reply=confirmation(update, lang),
            )
    except InvalidImage as error:
        await send(update, error_text(error, lang, context.services.store.catalog))
        raise ApplicationHandlerStop from None
    except BadRequest:  # Telegram would not hand the photo over: the resolve stays pending
        await send(update, t("photo.unavailable", lang))
        raise ApplicationHandlerStop from None
    except StoreError as error:
        if context.user_data is not None:
            context.user_data.pop(PENDING, None)
        await send(update, error_text(error, lang, context.services.store.catalog))
        raise ApplicationHandlerStop from None
    if context.user_data is not None:
        context.user_data.pop(PENDING, None)
    kick_outbox(context)
    raise ApplicationHandlerStop


async def text_instead_of_photo(update: Update, context: CityContext) -> None:
    """Anything but a photo while /resolve waits for one: say a photo is needed."""
    if _pending_resolve(update, context) is None:
        return
    await send(update, t("staff.resolve.need_photo", language_of(update, context)))
    raise ApplicationHandlerStop


def handlers() -> list[Registration]:
    """/resolve and its after-photo step (seen before every feature, in PHOTO_GROUP)."""
    not_photo = ~filters.PHOTO & ~filters.COMMAND & filters.UpdateType.MESSAGE
    return [
        Registration(CommandHandler("resolve", resolve)),
        Registration(MessageHandler(filters.PHOTO, after_photo), group=PHOTO_GROUP),
        Registration(MessageHandler(not_photo, text_instead_of_photo), group=PHOTO_GROUP),
    ]
