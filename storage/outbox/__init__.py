"""The outbox: every message owed, written with the change it reports, and its delivery.

Service functions (storage.outbox.service) take a unit of work: the sender's any_due,
claim_due, mark_delivered, mark_failed, postpone, and owe_reply for a change that is no
ticket's. Other domains owe their news by adding OutboxMessage rows (storage.tickets.notify)
and the reply to whoever acted as an OwedReply.
"""

from storage.outbox import service
from storage.outbox.models import OutboxMessage
from storage.outbox.queue import PRIORITY_NORMAL, PRIORITY_URGENT, OutboxItem, reply_owed
from storage.outbox.replies import OwedReply

__all__ = [
    "PRIORITY_NORMAL",
    "PRIORITY_URGENT",
    "OutboxItem",
    "OutboxMessage",
    "OwedReply",
    "reply_owed",
    "service",
]
