"""The lifecycle table: every move from every status, and who may make it."""

from __future__ import annotations

import pytest

from storage.errors import IllegalTransition, PermissionDenied
from storage.tickets.lifecycle import (
    TRANSITIONS,
    Action,
    Role,
    Status,
    actions_for,
    allowed_actions,
    next_status,
)

STATUS_ACTIONS = [
    a
    for a in Action
    if a
    not in {
        Action.FILE,
        Action.ASSIGN,
        Action.JOIN,
        Action.COMMENT,
        Action.NOTE,
        Action.REPLY,
        Action.MERGED_IN,
    }
]

EXPECTED = {
    (Status.SUBMITTED, Action.ACCEPT): Status.ACCEPTED,
    (Status.SUBMITTED, Action.REJECT): Status.REJECTED,
    (Status.SUBMITTED, Action.MERGE): Status.DUPLICATE,
    (Status.ACCEPTED, Action.DISPATCH): Status.DISPATCHED,
    (Status.DISPATCHED, Action.START): Status.IN_PROGRESS,
    (Status.DISPATCHED, Action.EXTEND): Status.DISPATCHED,
    (Status.IN_PROGRESS, Action.EXTEND): Status.IN_PROGRESS,
    (Status.IN_PROGRESS, Action.RESOLVE): Status.RESOLVED,
    (Status.RESOLVED, Action.VERIFY): Status.CLOSED,
    (Status.RESOLVED, Action.REWORK): Status.DISPATCHED,
    (Status.CLOSED, Action.REWORK): Status.DISPATCHED,
    (Status.RESOLVED, Action.RATE): Status.RESOLVED,
    (Status.CLOSED, Action.RATE): Status.CLOSED,
}


def test_table_is_the_design() -> None:
    assert {key: target for key, (target, _) in TRANSITIONS.items()} == EXPECTED


@pytest.mark.parametrize(("status", "action"), sorted(EXPECTED, key=str))
def test_allowed_move_reaches_its_status(status: Status, action: Action) -> None:
    _, roles = TRANSITIONS[(status, action)]
    role = sorted(roles)[0]
    assert next_status(status, action, role) == EXPECTED[(status, action)]


FORBIDDEN = [(s, a) for s in Status for a in STATUS_ACTIONS if (s, a) not in EXPECTED]


@pytest.mark.parametrize(("status", "action"), FORBIDDEN, ids=[f"{s}-{a}" for s, a in FORBIDDEN])
def test_forbidden_move_says_what_is_allowed(status: Status, action: Action) -> None:
    with pytest.raises(IllegalTransition) as caught:
        next_status(status, action, Role.ADMIN)
    allowed = [a.value for a in allowed_actions(status)]
    assert caught.value.allowed == sorted(allowed)
    for name in allowed:
        assert name in str(caught.value)
    if not allowed:
        assert "finished" in str(caught.value)


@pytest.mark.parametrize(
    ("status", "action", "role"),
    [
        (Status.SUBMITTED, Action.ACCEPT, Role.FIELD_WORKER),
        (Status.SUBMITTED, Action.ACCEPT, Role.REPORTER),
        (Status.ACCEPTED, Action.DISPATCH, Role.FIELD_WORKER),
        (Status.DISPATCHED, Action.START, Role.DISPATCHER),
        (Status.IN_PROGRESS, Action.RESOLVE, Role.DISPATCHER),
        (Status.RESOLVED, Action.VERIFY, Role.FIELD_WORKER),
        (Status.RESOLVED, Action.VERIFY, Role.REPORTER),
        (Status.RESOLVED, Action.RATE, Role.DISPATCHER),
        (Status.CLOSED, Action.RATE, Role.ADMIN),
        (Status.RESOLVED, Action.REWORK, Role.FIELD_WORKER),
        (Status.SUBMITTED, Action.REJECT, Role.RESIDENT),
    ],
)
def test_wrong_role_is_refused(status: Status, action: Action, role: Role) -> None:
    with pytest.raises(PermissionDenied):
        next_status(status, action, role)


def test_admin_can_do_every_staff_move() -> None:
    for (status, action), (_, roles) in TRANSITIONS.items():
        if action != Action.RATE:
            assert Role.ADMIN in roles, (status, action)


def test_reporter_actions_after_resolution() -> None:
    assert set(actions_for(Status.RESOLVED, Role.REPORTER)) == {Action.RATE, Action.REWORK}
    assert actions_for(Status.SUBMITTED, Role.REPORTER) == []
