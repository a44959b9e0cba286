"""Moved: each domain keeps its own tables (storage/<domain>/models.py, Base in storage/db/base.py).

Kept only so that code not yet moved over still imports; import from the domains instead.
"""

from storage.botstate.models import BotState, ProcessedUpdate
from storage.db.base import NAMING_CONVENTION, Base
from storage.outbox.models import OutboxMessage
from storage.staff.models import StaffMember
from storage.tickets.models import DailyCounter, Follower, Photo, Ticket, TicketEvent

__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "BotState",
    "DailyCounter",
    "Follower",
    "OutboxMessage",
    "Photo",
    "ProcessedUpdate",
    "StaffMember",
    "Ticket",
    "TicketEvent",
]
