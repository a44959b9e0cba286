"""A button press as a step of a conversation, tracked per message by our own records.

PTB's ConversationHandler keeps its state per chat and user; a CallbackQueryHandler in it
takes a press on any message of the chat, which is why PTB warns about per_message=False.
A report's step must not be taken by a button of an earlier step or an earlier report
(an old category keyboard choosing the category of today's report), so each step keeps the
message its buttons were offered on, and `StepButton` lets only presses on that message
through; any other press is answered "this button has expired" and the step stays as it
was. Buttons that name what they act on (a ticket the store checks the presser's standing
on) need no record: their authority is the store's.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseHandler

from bot.context import CityContext
from handlers.buttons import expired, is_offered

Callback = Callable[[Update, CityContext], Coroutine[Any, Any, Any]]


class StepButton(BaseHandler[Update, CityContext, Any]):
    """Presses whose data `pattern` matches, on the message user_data[`offered`] records."""

    __slots__ = ("offered", "pattern")

    def __init__(
        self, pattern: Callable[[object], bool], callback: Callback, *, offered: str | None
    ) -> None:
        super().__init__(callback)
        self.pattern = pattern
        self.offered = offered

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
        """The step's callback for a press on its own message; "expired" for any other."""
        self.collect_additional_context(context, update, application, check_result)
        query = update.callback_query
        record = (context.user_data or {}).get(self.offered) if self.offered else None
        # No record at all (the user's data was deleted): the callback ends the step itself.
        if query is not None and record is not None and not is_offered(record, query):
            await expired(update, context)
            return None
        return await self.callback(update, context)
