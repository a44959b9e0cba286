"""Work orders: filing, the lifecycle moves, the reads, deadline alerts and privacy.

Service functions take a unit of work (`async with store.unit_of_work() as uow:`):
service (accept, reject, merge, dispatch, start, extend, resolve, verify, rework, rate),
remarks (assign, join, comment, add_note, answer_reporter), lookups (get_ticket, get_detail,
list_queue, find_nearby, compute_stats, export_records …), alerts.raise_alerts, privacy.forget,
language.set_reader_language.
Other domains may use lifecycle (who acts) and categories; a reply owed is the outbox's.
Handlers import this package's names and its service modules, nothing else of it.
"""

from storage.outbox.replies import OwedReply
from storage.tickets import lookups, remarks, service
from storage.tickets.alerts import DeadlineAlert, raise_alerts
from storage.tickets.categories import Catalog, Category, fold, load_catalog
from storage.tickets.filing import MAX_DESCRIPTION, NewTicket
from storage.tickets.intake_draft import ReportDraft
from storage.tickets.language import set_reader_language
from storage.tickets.lifecycle import OPEN_STATUSES, Action, Actor, Role, Status, next_status
from storage.tickets.models import Ticket, TicketEvent
from storage.tickets.photos import PhotoStore, StoredImage, extract_gps
from storage.tickets.privacy import Forgotten, forget
from storage.tickets.queries import NearbyTicket, Page, QueueFilter, Standing, TicketDetail
from storage.tickets.serialize import EXPORT_FIELDS
from storage.tickets.stats import Stats

__all__ = [
    "EXPORT_FIELDS",
    "MAX_DESCRIPTION",
    "OPEN_STATUSES",
    "Action",
    "Actor",
    "Catalog",
    "Category",
    "DeadlineAlert",
    "Forgotten",
    "NearbyTicket",
    "NewTicket",
    "OwedReply",
    "Page",
    "PhotoStore",
    "QueueFilter",
    "ReportDraft",
    "Role",
    "Standing",
    "Stats",
    "Status",
    "StoredImage",
    "Ticket",
    "TicketDetail",
    "TicketEvent",
    "extract_gps",
    "fold",
    "forget",
    "load_catalog",
    "lookups",
    "next_status",
    "raise_alerts",
    "remarks",
    "service",
    "set_reader_language",
]
