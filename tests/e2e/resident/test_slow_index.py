"""A slow index (a sentence-transformers model on a busy CPU) stalls no chat: the category
suggestion is searched in a thread, and a report goes on without it after a second."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import pytest

from bot.messages import t
from knowledge.triage import SUGGEST_BUDGET
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg

SEARCH_SECONDS = 3.0
"""How long each index search takes here: well past the suggestion's budget."""


class SlowSearch:
    """The real index search, delayed the way a model computing an embedding delays it:
    the calling thread is busy (time.sleep, not an await) for SEARCH_SECONDS."""

    def __init__(self, search: Any) -> None:
        self.search = search
        self.started = threading.Event()
        self.finished = threading.Event()

    def __call__(self, question: str, k: int = 5) -> Any:
        self.started.set()
        try:
            time.sleep(SEARCH_SECONDS)
            return self.search(question, k)
        finally:
            self.finished.set()


async def test_other_chats_are_served_while_the_index_is_slow(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    resident, neighbour = harness.users["resident"], harness.users["neighbour"]
    base = await harness.services.knowledge_base()  # loaded, as on a bot that has run a while
    slow = SlowSearch(base.search)
    monkeypatch.setattr(base, "search", slow)
    # No keyword matches these words, so the category is asked of the index.
    harness.standin.send_photo(resident, jpeg(), caption="楼下乱扔废旧电池和过期药品")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_text(resident, "天河路100号")
    await harness.eventually(slow.started.is_set)
    loop = asyncio.get_running_loop()
    searching_since = loop.time()

    # A second resident's /start is answered while the first one's search is in flight.
    welcome = await harness.say(neighbour, "/start")
    assert welcome.text
    assert not slow.finished.is_set(), "the /start reply waited for the index search"

    # The first resident is asked for the category without a suggestion, within the budget
    # (and not only once the search is over).
    no_suggestion = t("report.ask_category", "zh", reason=t("report.reason_none", "zh"))
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == no_suggestion)
    assert loop.time() - searching_since < SUGGEST_BUDGET + 1.0 < SEARCH_SECONDS
    assert not slow.finished.is_set()
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    assert keyboard.reply_markup is not None

    # The abandoned search ends in its thread and changes nothing afterwards.
    await harness.eventually(slow.finished.is_set)
    await harness.settle()
    assert not any("我建议" in (m.text or "") for m in harness.sent_to(resident))
