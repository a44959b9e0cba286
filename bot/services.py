"""Build the services (store, index) from the settings: the one place that wires them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings
from storage import Store

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase


def open_store(settings: Settings) -> Store:
    """The work-order store configured by `settings`."""
    return Store.open(
        settings.database_url,
        photos_dir=settings.photos_dir,
        categories_file=settings.categories_file,
        max_photo_bytes=settings.max_photo_bytes,
        duplicate_radius_m=settings.duplicate_radius_m,
        duplicate_max_age_days=settings.duplicate_max_age_days,
        staff_language=settings.default_language,
        asset_snap_m=settings.asset_snap_m,
    )


def open_knowledge(
    settings: Settings, *, index: Path | None = None, build_if_missing: bool = True
) -> KnowledgeBase:
    """The policy index the settings name (built from the shipped corpus if empty);
    `index` forces a local folder instead of the configured one."""
    from knowledge.answer.llm import chat_model_from_settings
    from knowledge.base import KnowledgeBase

    chat_model = None
    if settings.llm_configured:
        api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        chat_model = chat_model_from_settings(
            str(settings.llm_base_url), str(settings.llm_model), api_key
        )
    chroma_url = None if index is not None else settings.chroma_url
    return KnowledgeBase.open(
        index_dir=index or settings.index_dir,
        chroma_url=str(chroma_url) if chroma_url else None,
        embedding_model_path=settings.embedding_model_path,
        chat_model=chat_model,
        build_if_missing=build_if_missing,
    )
