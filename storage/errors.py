"""Domain errors of the work-order store; handlers turn them into clear replies."""

from __future__ import annotations

from collections.abc import Iterable


class StoreError(Exception):
    """Base of every error the store raises on purpose; `code` names it for the catalogue."""

    code = "store_error"


class TicketNotFound(StoreError):
    """No ticket has this public number (or id)."""

    code = "ticket_not_found"

    def __init__(self, ref: str | int) -> None:
        self.ref = ref
        super().__init__(f"no ticket {ref}")


class IllegalTransition(StoreError):
    """The move is not allowed from the ticket's current status."""

    code = "illegal_transition"

    def __init__(self, status: str, action: str, allowed: Iterable[str]) -> None:
        self.status = status
        self.action = action
        self.allowed = sorted(allowed)
        allowed_text = ", ".join(self.allowed) or "nothing (the ticket is finished)"
        super().__init__(f"cannot {action} a ticket that is {status}; allowed now: {allowed_text}")


class PermissionDenied(StoreError):
    """The actor's role may not make this move on this ticket."""

    code = "permission_denied"

    def __init__(self, role: str, action: str, reason: str = "") -> None:
        self.role = role
        self.action = action
        self.reason = reason
        suffix = f" ({reason})" if reason else ""
        super().__init__(f"a {role} may not {action} this ticket{suffix}")


class InvalidInput(StoreError):
    """A value given to the store is missing or malformed."""

    code = "invalid_input"

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class UnknownCategory(InvalidInput):
    """The category code is not in the categories file."""

    code = "unknown_category"

    def __init__(self, category: str, known: Iterable[str]) -> None:
        super().__init__("category", f"unknown category {category!r}; known: {', '.join(known)}")
        self.category = category


class InvalidImage(StoreError):
    """The bytes are not an image we accept (wrong type, corrupt, or too large)."""

    code = "invalid_image"

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class CategoriesFileError(StoreError):
    """The categories file is missing, unreadable or inconsistent."""

    code = "categories_file"
