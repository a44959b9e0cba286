"""A button press as a step of a conversation, tracked by what the conversation began with.

PTB's ConversationHandler keeps its state per chat and user; a CallbackQueryHandler in it
takes a press on any message of the chat, which is why PTB warns about per_message=False.
A report's step must not be taken by a button of an earlier report (an old category
keyboard choosing the category of today's report): a press on a message older than the
one the report began with is answered "this button has expired", and the step stays as
it was. Within the report, its state takes only the kinds of button the step offers (a
step redone after a restart may have shown them twice: both copies count). Buttons that
name what they act on (a ticket the store checks the presser's standing on) need no more:
their authority is the store's.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseHandler

from bot.context import CityContext
from handlers.buttons import expired

Callback = Callable[[Update, CityContext], Coroutine[Any, Any, Any]]
Began = Callable[[CityContext], tuple[int, int] | None]
"""The chat and message a flow began with, or None (no flow: the callback ends the step)."""


class StepButton(BaseHandler[Update, CityContext, Any]):
    """Presses whose data `pattern` matches, on a message no older than `since` says."""

    __slots__ = ("pattern", "since")

    def __init__(
        self, pattern: Callable[[object], bool], callback: Callback, *, since: Began | None = None
    ) -> None:
        super().__init__(callback)
        self.pattern = pattern
        self.since = since

    def check_update(self, update: object) -> bool | None:
        """A callback query whose data is of the kind this step takes."""
        if not isinstance(update, Update) or update.callback_query is None:
            return None
        return bool(self.pattern(update.callback_query.data)) or None

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, CityContext, Any, Any, Any, Any],
        check_result: object,
        context: CityContext,
    ) -> Any:
        """The step's callback for a press of this flow; "expired" for an earlier one's."""
        self.collect_additional_context(context, update, application, check_result)
        began = self.since(context) if self.since is not None else None
        message = update.callback_query.message if update.callback_query else None
        if began is not None and message is not None:
            chat_id, first = began
            if message.chat.id != chat_id or message.message_id < first:
                await expired(update, context)
                return None
        return await self.callback(update, context)
