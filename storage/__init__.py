"""The work-order store: models, lifecycle, services, outbox and migrations (no Telegram)."""

# Each domain's tables join the one Base.metadata when its models are imported.
import storage.apikeys.models
import storage.assets.models
import storage.attendance.models
import storage.botstate.models
import storage.cylinders.models
import storage.faq.models
import storage.inspections.models
import storage.outbox.models
import storage.quiz.models
import storage.staff.models
import storage.tickets.models
import storage.weblogin.models  # noqa: F401
from storage.db.uow import UnitOfWork
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
from storage.store import Store
from storage.tickets.categories import Catalog, Category, load_catalog
from storage.tickets.filing import NewTicket
from storage.tickets.lifecycle import OPEN_STATUSES, Action, Actor, Role, Status
from storage.tickets.photos import PhotoStore, StoredImage
from storage.tickets.queries import NearbyTicket, Page, QueueFilter, TicketDetail
from storage.tickets.stats import Stats

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
    "UnitOfWork",
    "UnknownCategory",
    "load_catalog",
]
