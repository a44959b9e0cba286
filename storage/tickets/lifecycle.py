"""The work order's lifecycle: one table of moves and who may make them.

After the national digital city-management flow (受理 → 立案 → 派遣 → 处置 → 核查 → 结案)
and the 12345 hotline's reply, follow-up and rating.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from storage.errors import IllegalTransition, PermissionDenied


class Status(StrEnum):
    """Where a ticket stands."""

    SUBMITTED = "submitted"  # 待受理
    ACCEPTED = "accepted"  # 已立案
    DISPATCHED = "dispatched"  # 已派遣
    IN_PROGRESS = "in_progress"  # 处置中
    RESOLVED = "resolved"  # 已处置
    CLOSED = "closed"  # 已结案
    REJECTED = "rejected"  # 不予受理
    DUPLICATE = "duplicate"  # 已合并


OPEN_STATUSES = frozenset(
    {Status.SUBMITTED, Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS, Status.RESOLVED}
)
"""Statuses in which the ticket still needs someone's work (resolved awaits verification)."""


class Action(StrEnum):
    """A move on a ticket; some change its status, some (extend, rate, notes) do not."""

    FILE = "file"
    ACCEPT = "accept"
    REJECT = "reject"
    MERGE = "merge"
    DISPATCH = "dispatch"
    START = "start"
    EXTEND = "extend"
    RESOLVE = "resolve"
    VERIFY = "verify"
    REWORK = "rework"
    RATE = "rate"
    # Moves that never change the status:
    ASSIGN = "assign"
    JOIN = "join"
    COMMENT = "comment"
    NOTE = "note"
    REPLY = "reply"
    # Written by a move on another ticket: that one was merged into this one.
    MERGED_IN = "merged_in"


class Role(StrEnum):
    """Who acts. A RESIDENT acts as REPORTER on the tickets they filed."""

    RESIDENT = "resident"
    REPORTER = "reporter"
    FIELD_WORKER = "field_worker"
    DISPATCHER = "dispatcher"
    ADMIN = "admin"
    GAS_INSPECTOR = "gas_inspector"
    """The gas company's inspector (燃气入户安检): on the roster, with no say on tickets."""
    SYSTEM = "system"


STAFF_ROLES = frozenset({Role.FIELD_WORKER, Role.DISPATCHER, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Actor:
    """A person (or the system) acting on a ticket."""

    user_id: int | None
    role: Role

    @property
    def is_staff(self) -> bool:
        """True for field workers, dispatchers and admins."""
        return self.role in STAFF_ROLES


_DISPATCH = frozenset({Role.DISPATCHER, Role.ADMIN})
_FIELD = frozenset({Role.FIELD_WORKER, Role.ADMIN})

# (from status, action) -> (to status, roles that may make the move)
TRANSITIONS: dict[tuple[Status, Action], tuple[Status, frozenset[Role]]] = {
    (Status.SUBMITTED, Action.ACCEPT): (Status.ACCEPTED, _DISPATCH),
    (Status.SUBMITTED, Action.REJECT): (Status.REJECTED, _DISPATCH),
    (Status.SUBMITTED, Action.MERGE): (Status.DUPLICATE, _DISPATCH),
    (Status.ACCEPTED, Action.DISPATCH): (Status.DISPATCHED, _DISPATCH),
    (Status.DISPATCHED, Action.START): (Status.IN_PROGRESS, _FIELD),
    (Status.DISPATCHED, Action.EXTEND): (Status.DISPATCHED, _FIELD | _DISPATCH),
    (Status.IN_PROGRESS, Action.EXTEND): (Status.IN_PROGRESS, _FIELD | _DISPATCH),
    (Status.IN_PROGRESS, Action.RESOLVE): (Status.RESOLVED, _FIELD),
    (Status.RESOLVED, Action.VERIFY): (Status.CLOSED, _DISPATCH),
    (Status.RESOLVED, Action.REWORK): (Status.DISPATCHED, _DISPATCH | {Role.REPORTER}),
    (Status.CLOSED, Action.REWORK): (Status.DISPATCHED, _DISPATCH | {Role.REPORTER}),
    (Status.RESOLVED, Action.RATE): (Status.RESOLVED, frozenset({Role.REPORTER})),
    (Status.CLOSED, Action.RATE): (Status.CLOSED, frozenset({Role.REPORTER})),
}


# Moves that leave the status alone: who may make them, and in which statuses.
SIDE_ACTIONS: dict[Action, tuple[frozenset[Role], frozenset[Status]]] = {
    Action.ASSIGN: (
        _DISPATCH | _FIELD,
        frozenset({Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS}),
    ),
    Action.JOIN: (frozenset({Role.RESIDENT}), OPEN_STATUSES),
    Action.COMMENT: (frozenset({Role.REPORTER}), OPEN_STATUSES),
    Action.NOTE: (STAFF_ROLES, frozenset(Status)),
    Action.REPLY: (STAFF_ROLES, frozenset(Status)),
}


def check_side_action(status: Status | str, action: Action, role: Role) -> None:
    """Raise unless `role` may make the status-keeping move `action` in `status`."""
    roles, statuses = SIDE_ACTIONS[action]
    current = Status(status)
    if current not in statuses:
        raise IllegalTransition(
            current.value, action.value, (a.value for a in allowed_actions(current))
        )
    if role not in roles:
        raise PermissionDenied(role.value, action.value)


def allowed_actions(status: Status | str) -> list[Action]:
    """The moves the lifecycle allows from `status`, whoever asks."""
    return [action for (source, action) in TRANSITIONS if source == Status(status)]


def actions_for(status: Status | str, role: Role) -> list[Action]:
    """The moves `role` may make from `status` (for buttons and help texts)."""
    return [
        action
        for (source, action), (_, roles) in TRANSITIONS.items()
        if source == Status(status) and role in roles
    ]


def next_status(status: Status | str, action: Action, role: Role) -> Status:
    """The status after `action`, or IllegalTransition / PermissionDenied."""
    current = Status(status)
    move = TRANSITIONS.get((current, action))
    if move is None:
        raise IllegalTransition(
            current.value, action.value, (a.value for a in allowed_actions(current))
        )
    target, roles = move
    if role not in roles:
        raise PermissionDenied(role.value, action.value)
    return target
