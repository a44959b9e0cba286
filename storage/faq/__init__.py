"""The FAQ domain: staff-made entries and changes to shipped ones, with their log."""

from storage.faq.models import (
    STAFF_PREFIX,
    STAFF_SOURCE,
    FaqEntryExists,
    FaqEntryNotFound,
    FaqFields,
)
from storage.faq.service import (
    Change,
    Saved,
    Shipped,
    add_entry,
    delete_entry,
    edit_entry,
    get_entry,
    latest_change,
    list_changes,
    list_entries,
    save_entry,
)

__all__ = [
    "STAFF_PREFIX",
    "STAFF_SOURCE",
    "Change",
    "FaqEntryExists",
    "FaqEntryNotFound",
    "FaqFields",
    "Saved",
    "Shipped",
    "add_entry",
    "delete_entry",
    "edit_entry",
    "get_entry",
    "latest_change",
    "list_changes",
    "list_entries",
    "save_entry",
]
