"""The typed context handlers receive: `context.services` gives them the store, the index,
the outbox and what the features declared."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.faq_live import LiveFaq
from bot.runtime.receipts import UpdateReceipts
from bot.settings import Settings
from bot.wiring import Wiring
from knowledge.triage import Suggester
from storage import Store
from storage.tickets.intake import Triage

if TYPE_CHECKING:
    from bot.geocoding import Geocoder
    from bot.runtime.outbox_sender import OutboxSender
    from knowledge.base import KnowledgeBase


@dataclass
class Services:
    """Everything handlers may call, built once by build_application()."""

    settings: Settings
    store: Store
    outbox: OutboxSender
    receipts: UpdateReceipts
    wiring: Wiring
    geocoder: Geocoder | None = None  # when the operator configured one
    knowledge: KnowledgeBase | None = None  # opened on first use
    triage: Triage = field(default_factory=Suggester)
    """Intake's category suggester and urgency check (knowledge's, given by bot/app.py)."""
    _knowledge_task: asyncio.Task[KnowledgeBase] | None = None
    faq: LiveFaq | None = None  # the shipped FAQ overlaid with staff's changes
    faq_task: asyncio.Task[None] | None = None  # loads it into the index once that is open

    def start_loading_knowledge(self) -> None:
        """Open (building on first use) the policy index in a thread, in the background."""
        if self.knowledge is None and self._knowledge_task is None:
            from bot.services import open_knowledge

            self._knowledge_task = asyncio.create_task(
                asyncio.to_thread(open_knowledge, self.settings)
            )

    async def settle_knowledge(self, within: float = 60.0) -> None:
        """Let a load in progress finish (its thread cannot be cancelled) before shutdown."""
        task = self._knowledge_task
        if task is not None and not task.done():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(task), within)

    async def knowledge_base(self) -> KnowledgeBase:
        """The policy index, waiting for it to finish opening if need be."""
        if self.knowledge is None:
            self.start_loading_knowledge()
            assert self._knowledge_task is not None
            self.knowledge = await asyncio.shield(self._knowledge_task)
        return self.knowledge


class BotData:
    """Application-wide data: the services. Not persisted (it holds connections)."""

    def __init__(self) -> None:
        self.services: Services | None = None


class CityContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with a typed `services` property."""

    @property
    def services(self) -> Services:
        """The services of this bot; set in post_init before any update is handled."""
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not ready; post_init has not run")
        return services


CityApplication = Application[
    ExtBot[None], CityContext, dict[Any, Any], dict[Any, Any], BotData, Any
]


def context_types() -> ContextTypes[CityContext, dict[Any, Any], dict[Any, Any], BotData]:
    """The ContextTypes the Application is built with."""
    return ContextTypes(context=CityContext, bot_data=BotData)
