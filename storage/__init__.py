"""The work-order store: models, lifecycle, services, outbox and migrations (no Telegram)."""

import storage.quiz_models  # noqa: F401  (the quiz tables join Base.metadata)
from storage.categories import Catalog, Category, load_catalog
from storage.errors import (
    CategoriesFileError,
    IllegalTransition,
    InvalidImage,
    InvalidInput,
    PermissionDenied,
    StoreError,
    TicketNotFound,
    UnknownCategory,
)
from storage.lifecycle import OPEN_STATUSES, Action, Actor, Role, Status
from storage.photos import PhotoStore, StoredImage
from storage.queries import NearbyTicket, Page, QueueFilter, TicketDetail
from storage.stats import Stats
from storage.store import Store
from storage.tickets import NewTicket

__all__ = [
    "OPEN_STATUSES",
    "Action",
    "Actor",
    "Catalog",
    "CategoriesFileError",
    "Category",
    "IllegalTransition",
    "InvalidImage",
    "InvalidInput",
    "NearbyTicket",
    "NewTicket",
    "Page",
    "PermissionDenied",
    "PhotoStore",
    "QueueFilter",
    "Role",
    "Stats",
    "Status",
    "Store",
    "StoreError",
    "StoredImage",
    "TicketDetail",
    "TicketNotFound",
    "UnknownCategory",
    "load_catalog",
]
