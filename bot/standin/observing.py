"""Observing the bot: what it sent, edited, answered and called, and waiting for it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from telegram import BotCommand, BotCommandScope, Message

from bot.standin.errors import StandInError
from bot.standin.state import ApiCall, CallbackAnswer, Edit, World, scope_key

MessagePredicate = Callable[[Message], bool]


class BotObserver:
    """Read-only views of the bot's behaviour, and waits on it (mixed into StandIn)."""

    world: World
    _cursors: dict[int, int]

    # ---------------------------------------------------------------------

    @property
    def sent(self) -> list[Message]:
        """Every message the bot sent, in order, as sent (edits not applied)."""
        return list(self.world.sent)

    def messages_to(self, chat_id: int) -> list[Message]:
        """The bot's messages still in a chat, in order, with edits applied."""
        record = self.world.chats.get(chat_id)
        if record is None:
            return []
        bot_id = self.world.bot_user.id
        return [
            m
            for m in record.messages.values()
            if m.from_user and m.from_user.id == bot_id and m.forum_topic_created is None
        ]

    def message(self, chat_id: int, message_id: int) -> Message | None:
        """A message's current state (None once deleted)."""
        record = self.world.chats.get(chat_id)
        return record.messages.get(message_id) if record else None

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: MessagePredicate | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 (the driver's documented API)
    ) -> Message:
        """The first matching message the bot sends to the chat after the last one waited for."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            sent = self.world.sent_by_chat.get(chat_id, [])
            for index in range(self._cursors.get(chat_id, 0), len(sent)):
                if predicate is None or predicate(sent[index]):
                    self._cursors[chat_id] = index + 1
                    return sent[index]
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise StandInError(self._timeout_report(chat_id, timeout))
            await self.world.changed.wait(remaining)

    def _timeout_report(self, chat_id: int, timeout: float) -> str:
        texts = [m.text or m.caption or "<media>" for m in self.world.sent_by_chat.get(chat_id, [])]
        failed = [f"{c.method}: {c.description}" for c in self.world.calls if c.error_code][-5:]
        return (
            f"no matching message to chat {chat_id} within {timeout}s; "
            f"bot sent there: {texts[-5:]}; recent failed calls: {failed}"
        )

    async def wait_idle(
        self,
        quiet: float = 0.05,
        timeout: float = 5.0,  # noqa: ASYNC109 (the driver's documented API)
    ) -> None:
        """Wait until every update reached the bot and it made no request for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        world = self.world
        while True:
            now = loop.time()
            settled = not world.updates.unfetched and world.busy == 0
            if settled and now - world.last_activity >= quiet:
                return
            if now >= deadline:
                raise StandInError(
                    f"bot not idle after {timeout}s: "
                    f"{len(world.updates.unfetched)} updates not fetched, "
                    f"{world.busy} requests in flight"
                )
            await asyncio.sleep(min(quiet / 2, 0.01))

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery, in order."""
        return list(self.world.callback_answers)

    def callback_answer(self, query_id: str) -> CallbackAnswer | None:
        """The answer to one callback query, if the bot answered it."""
        pending = self.world.callbacks.get(query_id)
        return pending.answer if pending else None

    @property
    def edits(self) -> list[Edit]:
        """Every edit the bot made (before and after), in order."""
        return list(self.world.edits)

    @property
    def deleted(self) -> list[Message]:
        """Messages deleted with deleteMessage, in order."""
        return list(self.world.deleted)

    @property
    def calls(self) -> list[ApiCall]:
        """Every API call the bot made (method, decoded params, error if any)."""
        return list(self.world.calls)

    def calls_to(self, method: str) -> list[ApiCall]:
        """The calls of one method (case-insensitive name)."""
        return [call for call in self.world.calls if call.method.lower() == method.lower()]

    def commands(
        self, scope: BotCommandScope | dict[str, Any] | None = None, language_code: str = ""
    ) -> list[BotCommand]:
        """The commands set for exactly this scope and language (setMyCommands)."""
        data = scope.to_dict() if isinstance(scope, BotCommandScope) else scope
        return list(self.world.commands.get(scope_key(data, language_code), []))

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates Telegram still holds for the bot (not yet confirmed)."""
        return list(self.world.updates.pending)

    @property
    def webhook_url(self) -> str | None:
        """The webhook set by the bot, if any."""
        hook = self.world.updates.webhook
        return hook.url if hook else None

    def file_bytes(self, file_id: str) -> bytes:
        """The stored bytes of a file (a photo size, document, ...)."""
        stored = self.world.files.get(file_id)
        if stored is None:
            raise StandInError(f"no file {file_id!r}")
        return stored.content
