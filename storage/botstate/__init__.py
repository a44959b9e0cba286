"""The bot's saved state (PTB persistence) and the update ledger.

Service functions (storage.botstate.service) take a unit of work: load_namespace, load_entry,
save_entries, receive_updates, finish_updates, finish_updates_with_state, take_over_unfinished,
prune_updates. Other domains may use delete_key_everywhere (a resident forgotten).
"""

from storage.botstate import service
from storage.botstate.models import BotState, ProcessedUpdate
from storage.botstate.state import delete_key_everywhere

__all__ = ["BotState", "ProcessedUpdate", "delete_key_everywhere", "service"]
