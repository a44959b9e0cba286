"""PTB persistence in our own database (not a pickle file), through storage's bot state."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.context import BotData
from storage import Store
from storage.botstate import service as botstate

UserData = dict[Any, Any]
ChatData = dict[Any, Any]
ConversationKey = tuple[int | str, ...]
"""A conversation's key as PTB documents it for BasePersistence (chat, user, message ids)."""
ConversationDict = MutableMapping[ConversationKey, object]
StateEntry = tuple[str, str, Any, str | None]
"""(namespace, key, data or None to delete, its JSON encoding)."""

_captured: ContextVar[list[StateEntry] | None] = ContextVar("citybot_captured", default=None)


def _conversation_key(key: ConversationKey) -> str:
    return json.dumps(list(key))


def _parse_conversation_key(text: str) -> ConversationKey:
    return tuple(json.loads(text))


class DatabasePersistence(BasePersistence[UserData, ChatData, BotData]):
    """User data, chat data and conversation states stored as JSON rows.

    With `refresh=True`, each update reloads its user's and chat's data first, so several
    webhook workers behind one URL see each other's writes.
    """

    def __init__(self, store: Store, *, refresh: bool = False, update_interval: float = 60) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, callback_data=False),
            update_interval=update_interval,
        )
        self.store = store
        self.refresh = refresh
        # What the database holds, as JSON text: PTB offers every touched dict for saving,
        # and most updates change nothing.
        self._saved: dict[tuple[str, str], str | None] = {}
        # Writes of a step whose transaction failed (the database was away): retried with
        # the next step rather than lost.
        self._unsaved: dict[tuple[str, str], tuple[Any, str | None]] = {}

    async def _save(self, namespace: str, key: str, data: object) -> None:
        # None, and an emptied user/chat dict, delete the row; a state of 0 is a state.
        gone = data is None or data == {}
        encoded = None if gone else json.dumps(data, sort_keys=True, ensure_ascii=False)
        # Everything saved is loaded (and remembered) at start, so a key not remembered
        # has no row: deleting it would be a write for nothing.
        known = (namespace, key) in self._saved
        if (known and self._saved[(namespace, key)] == encoded) or (not known and gone):
            self._saved[(namespace, key)] = encoded
            return
        captured = _captured.get()
        if captured is not None:
            captured.append((namespace, key, None if gone else data, encoded))
            return
        async with self.store.unit_of_work() as uow:
            await botstate.save_entries(
                uow, namespace=namespace, entries=[(key, None if gone else data)]
            )
        self._saved[(namespace, key)] = encoded

    async def _load(self, namespace: str) -> dict[str, Any]:
        async with self.store.unit_of_work(read_only=True) as uow:
            return await botstate.load_namespace(uow, namespace=namespace)

    async def _load_entry(self, namespace: str, key: str) -> Any:
        async with self.store.unit_of_work(read_only=True) as uow:
            return await botstate.load_entry(uow, namespace=namespace, key=key)

    async def save_step(
        self,
        update_persistence: Callable[[], Awaitable[None]],
        *,
        bot_id: int,
        finished: list[int],
    ) -> bool:
        """Run PTB's update_persistence and save what it writes together with `finished`.

        One transaction holds the new conversation state, user and chat data and the
        "done" marks, so a kill leaves either the old state with the update still to do,
        or the new state with the update done. False when there was nothing to save (the
        caller may then record `finished` lazily). Writes that fail are kept and retried
        with the next step.
        """
        captured: list[StateEntry] = []
        token = _captured.set(captured)
        try:
            await update_persistence()
        finally:
            _captured.reset(token)
        pending = dict(self._unsaved)
        for namespace, key, data, encoded in captured:
            pending[(namespace, key)] = (data, encoded)
        if not pending:
            return False
        entries = [(namespace, key, data) for (namespace, key), (data, _) in pending.items()]
        try:
            async with self.store.unit_of_work() as uow:
                await botstate.finish_updates_with_state(
                    uow, bot_id=bot_id, update_ids=finished, entries=entries
                )
        except Exception:
            self._unsaved = pending
            raise
        self._unsaved = {}
        for (namespace, key), (_, encoded) in pending.items():
            self._saved[(namespace, key)] = encoded
        return True

    def _remember(self, namespace: str, entries: dict[str, Any]) -> None:
        for key, data in entries.items():
            self._saved[(namespace, key)] = json.dumps(data, sort_keys=True, ensure_ascii=False)

    async def get_user_data(self) -> dict[int, UserData]:
        """All saved user data, by user id."""
        saved = await self._load("user_data")
        self._remember("user_data", saved)
        return {int(key): value for key, value in saved.items()}

    async def get_chat_data(self) -> dict[int, ChatData]:
        """All saved chat data, by chat id."""
        saved = await self._load("chat_data")
        self._remember("chat_data", saved)
        return {int(key): value for key, value in saved.items()}

    async def get_bot_data(self) -> BotData:
        """Bot data is not persisted (it holds the services)."""
        return BotData()

    async def get_callback_data(self) -> None:
        """Arbitrary callback data is not used."""
        return None

    async def get_conversations(self, name: str) -> ConversationDict:
        """The saved states of conversation `name`."""
        saved = await self._load(f"conversation:{name}")
        self._remember(f"conversation:{name}", saved)
        return {_parse_conversation_key(key): state for key, state in saved.items()}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        """Save (or, with None, end) one conversation's state."""
        await self._save(f"conversation:{name}", _conversation_key(key), new_state)

    async def update_user_data(self, user_id: int, data: UserData) -> None:
        """Save one user's data."""
        await self._save("user_data", str(user_id), data)

    async def update_chat_data(self, chat_id: int, data: ChatData) -> None:
        """Save one chat's data."""
        await self._save("chat_data", str(chat_id), data)

    async def update_bot_data(self, data: BotData) -> None:
        """Bot data is not persisted."""

    async def update_callback_data(self, data: Any) -> None:
        """Arbitrary callback data is not used."""

    async def drop_chat_data(self, chat_id: int) -> None:
        """Forget one chat's data."""
        await self._save("chat_data", str(chat_id), None)

    async def drop_user_data(self, user_id: int) -> None:
        """Forget one user's data."""
        await self._save("user_data", str(user_id), None)

    async def refresh_user_data(self, user_id: int, user_data: UserData) -> None:
        """Reload a user's data before their update, when state is shared between workers."""
        if self.refresh:
            fresh = await self._load_entry("user_data", str(user_id)) or {}
            self._remember("user_data", {str(user_id): fresh})
            user_data.clear()
            user_data.update(fresh)

    async def refresh_chat_data(self, chat_id: int, chat_data: ChatData) -> None:
        """Reload a chat's data before its update, when state is shared between workers."""
        if self.refresh:
            fresh = await self._load_entry("chat_data", str(chat_id)) or {}
            self._remember("chat_data", {str(chat_id): fresh})
            chat_data.clear()
            chat_data.update(fresh)

    async def refresh_bot_data(self, bot_data: BotData) -> None:
        """Bot data is not persisted."""

    async def flush(self) -> None:
        """Every write goes to the database at once; nothing is buffered here."""
