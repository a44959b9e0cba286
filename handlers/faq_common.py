"""Shared by the FAQ handlers: the live FAQ, refreshing the index, the FAQ's error replies."""

from __future__ import annotations

import logging

from bot.context import CityContext
from bot.faq_live import LiveFaq
from bot.messages import t
from storage.errors import StoreError
from storage.faq import FaqEntryExists, FaqEntryNotFound

log = logging.getLogger(__name__)


def live_faq(context: CityContext) -> LiveFaq:
    """The live FAQ of this bot (made in build_application)."""
    live = context.services.faq
    assert live is not None, "build_application() makes the live FAQ"
    return live


async def refresh_index(context: CityContext) -> None:
    """Load a change into the index now, so the next resident's question gets it."""
    try:
        await live_faq(context).refresh(await context.services.knowledge_base())
    except Exception:  # the change is committed; the poll loads it if this fails
        log.exception("could not load the FAQ change into the index; the next poll will")


def saved_text(error: StoreError, lang: str) -> str:
    """The reply to an FAQ error, in `lang`."""
    entry_id = str(error.params.get("entry_id", ""))
    if isinstance(error, FaqEntryNotFound):
        return t("faq.not_found", lang, entry_id=entry_id)
    if isinstance(error, FaqEntryExists):
        return t("faq.exists", lang, entry_id=entry_id)
    return t("error.generic", lang)
