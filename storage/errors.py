"""Domain errors of the work-order store; handlers turn them into clear replies.

Each error carries a `code` and `params`: the handlers render the two in the user's language
(handlers/store_errors.py names a msgid per code). The English of `str(error)` is for logs,
the command line and tests; it never reaches a chat.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final


class StoreError(Exception):
    """Base of every error the store raises on purpose; `code` names it for the catalogue."""

    code = "store_error"

    def __init__(self, message: str = "", **params: object) -> None:
        super().__init__(message)
        self.params: dict[str, object] = params


class TicketNotFound(StoreError):
    """No ticket has this public number (or id)."""

    code = "ticket_not_found"

    def __init__(self, ref: str | int) -> None:
        self.ref = ref
        super().__init__(f"no ticket {ref}", ref=ref)


class IllegalTransition(StoreError):
    """The move is not allowed from the ticket's current status."""

    code = "illegal_transition"

    def __init__(self, status: str, action: str, allowed: Iterable[str]) -> None:
        self.status = status
        self.action = action
        self.allowed = sorted(allowed)
        allowed_text = ", ".join(self.allowed) or "nothing (the ticket is finished)"
        super().__init__(
            f"cannot {action} a ticket that is {status}; allowed now: {allowed_text}",
            status=status,
            action=action,
            allowed=self.allowed,
        )


DENIALS: Final = {
    "": "",
    "assigned_to_other": "it is assigned to someone else",
    "reporter_only": "only its reporter may do that",
    "claim_for_self": "a field worker may only claim for themself",
}
"""Why a move is denied, beyond the role: code → English (for logs)."""


class PermissionDenied(StoreError):
    """The actor's role may not make this move on this ticket; `reason` is a DENIALS code."""

    code = "permission_denied"

    def __init__(self, role: str, action: str, reason: str = "") -> None:
        self.role = role
        self.action = action
        self.reason = reason
        english = DENIALS[reason]
        suffix = f" ({english})" if english else ""
        super().__init__(f"a {role} may not {action} this ticket{suffix}", role=role, action=action)


PROBLEMS: Final = {
    "reason_required": "is required",
    "note_required": "is required",
    "text_required": "is required",
    "reason_too_long": "longer than {limit} characters",
    "note_too_long": "longer than {limit} characters",
    "text_too_long": "longer than {limit} characters",
    "description_too_long": "longer than {limit} characters",
    "photo_required": "a photo of the result is required",
    "rating_range": "must be a whole number from 1 to 5",
    "rated_already": "this ticket has been rated already",
    "merge_target_missing": "name the ticket to merge into",
    "merge_into_itself": "a ticket cannot be merged into itself",
    "merge_target_closed": "{number} is {status}, not open",
    "dispatch_target_missing": "name a department or a worker",
    "unknown_department": "unknown department {department!r}; known: {known}",
    "deadline_missing": "give the new deadline (timezone-aware)",
    "deadline_not_later": "the new deadline must be later than the current one and now",
    "role_unknown": "must be one of {roles}",
    "priority_unknown": "must be one of {priorities}",
    "location_half": "give both latitude and longitude, or neither",
    "location_off_earth": "({latitude}, {longitude}) is not a place on Earth",
    "intake_key_length": "must be 1 to 64 characters",
    "asset_code_format": "must be a 部件's class (5 digits) and its code (17 digits) of that class",
    "origin_length": "must be 1 to {limit} characters",
    "template_unknown": "no canned text #{index}",
    "unknown_category": "unknown category {category!r}; known: {known}",
}
"""What can be wrong with a value given to the store: code → English (for logs)."""


def _english(template: str, params: dict[str, object]) -> str:
    shown = {
        name: ", ".join(map(str, value)) if isinstance(value, list | tuple) else value
        for name, value in params.items()
    }
    return template.format(**shown)


class InvalidInput(StoreError):
    """A value given to the store is missing or malformed; `code` is a PROBLEMS code."""

    code = "invalid_input"

    def __init__(self, field: str, problem: str, /, **params: object) -> None:
        self.field = field
        self.code = problem
        self.problem = _english(PROBLEMS[problem], params)
        super().__init__(f"{field}: {self.problem}", **params)


class UnknownCategory(InvalidInput):
    """The category code is not in the categories file."""

    def __init__(self, category: str, known: Iterable[str]) -> None:
        super().__init__("category", "unknown_category", category=category, known=list(known))
        self.category = category


IMAGE_PROBLEMS: Final = {
    "image_empty": "the file is empty",
    "image_too_big": "the file is {size} bytes; the limit is {limit}",
    "image_format": "{format} images are not accepted",
    "image_too_many_pixels": "the image is {width}x{height}; too many pixels",
    "image_unreadable": "the file is not an image we can read",
    "image_damaged": "the image is damaged ({kind})",
}
"""Why bytes are not an image we accept: code → English (for logs)."""


class InvalidImage(StoreError):
    """The bytes are not an image we accept (wrong type, corrupt, or too large)."""

    code = "invalid_image"

    def __init__(self, problem: str, /, **params: object) -> None:
        self.code = problem
        self.problem = _english(IMAGE_PROBLEMS[problem], params)
        super().__init__(self.problem, **params)


MERGE_DIFFERENCES: Final = ("category", "priority", "distance")
"""What may tell two tickets apart as different problems (MergeMismatch.differences)."""


class MergeMismatch(StoreError):
    """The two tickets of a merge do not look like one problem: another category, another
    priority or too far apart. Merging them anyway takes `force`."""

    code = "merge_mismatch"

    def __init__(
        self,
        number: str,
        into: str,
        differences: Iterable[str],
        *,
        categories: tuple[str, str],
        priorities: tuple[str, str],
        distance_m: float | None,
    ) -> None:
        self.number = number
        self.into = into
        self.differences = [d for d in MERGE_DIFFERENCES if d in set(differences)]
        self.categories = categories
        self.priorities = priorities
        self.distance_m = distance_m
        super().__init__(
            f"{number} and {into} differ in {', '.join(self.differences)}",
            number=number,
            into=into,
            differences=self.differences,
            categories=list(categories),
            priorities=list(priorities),
            distance_m=distance_m,
        )


class UrgentMerge(StoreError):
    """An urgent ticket may not become part of an ordinary one, forced or not: it would lose
    its urgent deadline, its alerts and its place at the top of the queue."""

    code = "merge_urgent"

    def __init__(self, number: str, into: str) -> None:
        self.number = number
        self.into = into
        super().__init__(
            f"{number} is urgent; it cannot be merged into the ordinary ticket {into}",
            number=number,
            into=into,
        )


class CategoriesFileError(StoreError):
    """The categories file is missing, unreadable or inconsistent."""

    code = "categories_file"
