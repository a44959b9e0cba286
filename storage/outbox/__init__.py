"""The outbox: every message owed, written with the change it reports, and its delivery.

Other domains owe messages by adding OutboxMessage rows (storage.tickets.notify) and ask
reply_owed whether an update's reply is owed already; the queue's claim and delivery steps
are for the sender (the Store's outbox operations).
"""

from storage.outbox.models import OutboxMessage
from storage.outbox.queue import PRIORITY_NORMAL, PRIORITY_URGENT, OutboxItem, reply_owed

__all__ = ["PRIORITY_NORMAL", "PRIORITY_URGENT", "OutboxItem", "OutboxMessage", "reply_owed"]
