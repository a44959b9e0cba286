"""Build the services (store, index) from the settings: the one place that wires them."""

from __future__ import annotations

from bot.settings import Settings
from storage import Store


def open_store(settings: Settings) -> Store:
    """The work-order store configured by `settings`."""
    return Store.open(
        settings.database_url,
        photos_dir=settings.photos_dir,
        categories_file=settings.categories_file,
        max_photo_bytes=settings.max_photo_bytes,
        duplicate_radius_m=settings.duplicate_radius_m,
        duplicate_max_age_days=settings.duplicate_max_age_days,
    )
