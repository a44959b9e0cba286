"""Every domain error of the store, rendered for a Chinese reader, carries no English.

Each error the store raises has a code and params (storage/errors.py); the handlers render
them (handlers/store_errors.py). Here every code is raised as the store raises it and put
through both renderers, the resident's and the staff's: no word of the exception's English
may be in the Chinese reply ("输入有误：department: unknown department …" was the bug).
"""

from __future__ import annotations

import re

import pytest

from bot.messages import t
from handlers.common import store_error_text
from handlers.staff_common import error_text
from storage import load_catalog
from storage.errors import (
    DENIALS,
    IMAGE_PROBLEMS,
    PROBLEMS,
    IllegalTransition,
    InvalidImage,
    InvalidInput,
    MergeMismatch,
    PermissionDenied,
    StoreError,
    TicketNotFound,
    UnknownCategory,
)

CATALOG = load_catalog()
DEPARTMENTS = list(CATALOG.departments)

# What the store puts in each error, as it raises it (what a user typed is Chinese here, so
# that every ASCII word of the English message is the store's own).
PARAMS: dict[str, dict[str, object]] = {
    "reason_too_long": {"limit": 2000},
    "note_too_long": {"limit": 2000},
    "text_too_long": {"limit": 2000},
    "description_too_long": {"limit": 2000},
    "merge_target_closed": {"number": "CG-20261123-0001", "status": "closed"},
    "unknown_department": {"department": "环卫所", "known": DEPARTMENTS},
    "role_unknown": {"roles": ["field_worker", "dispatcher", "admin"]},
    "priority_unknown": {"priorities": ["normal", "urgent"]},
    "location_off_earth": {"latitude": 123.0, "longitude": 500.0},
    "origin_length": {"limit": 80},
    "template_unknown": {"index": "9"},
}
IMAGE_PARAMS: dict[str, dict[str, object]] = {
    "image_too_big": {"size": 25_000_000, "limit": 10_000_000},
    "image_format": {"format": "unknown"},
    "image_too_many_pixels": {"width": 30000, "height": 30000},
    "image_damaged": {"kind": "OSError"},
}


def _errors() -> list[StoreError]:
    errors: list[StoreError] = [
        InvalidInput("field", code, **PARAMS.get(code, {}))
        for code in PROBLEMS
        if code != "unknown_category"
    ]
    errors.append(UnknownCategory("垃圾桶", CATALOG.categories))
    errors += [InvalidImage(code, **IMAGE_PARAMS.get(code, {})) for code in IMAGE_PROBLEMS]
    errors += [PermissionDenied("field_worker", "accept", reason) for reason in DENIALS]
    errors.append(PermissionDenied("resident", "manage staff"))
    errors.append(IllegalTransition("closed", "accept", ["rework"]))
    errors.append(IllegalTransition("rejected", "accept", []))
    errors.append(TicketNotFound("CG-20261123-0009"))
    errors.append(
        MergeMismatch(
            "CG-20261123-0002",
            "CG-20261123-0001",
            ["category", "priority", "distance"],
            categories=("gas", "sanitation"),
            priorities=("urgent", "normal"),
            distance_m=2000.0,
        )
    )
    return errors


ERRORS = _errors()


def _english_words(error: StoreError) -> set[str]:
    words = set(re.findall(r"[A-Za-z]{2,}", str(error)))
    return words - {"CG"}  # the ticket number's prefix is the same in every language


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: f"{type(e).__name__}-{e.code}")
def test_a_chinese_reply_has_no_english_of_the_store(error: StoreError) -> None:
    for render in (store_error_text, error_text):
        reply = render(error, "zh", CATALOG)
        leaked = {word for word in _english_words(error) if word in reply}
        assert not leaked, f"{render.__name__}: {reply!r} has {leaked} of {str(error)!r}"
        assert reply != t("error.generic", "zh") or not isinstance(
            error, InvalidInput | InvalidImage
        ), "a known problem deserves its own words"


def test_the_problem_is_named_in_the_readers_words() -> None:
    unknown = InvalidInput(
        "department", "unknown_department", department="环卫所", known=DEPARTMENTS
    )
    reply = error_text(unknown, "zh", CATALOG)
    assert "环卫所" in reply
    assert all(CATALOG.department_name(code, "zh") in reply for code in DEPARTMENTS)
    english = error_text(unknown, "en", CATALOG)
    assert all(CATALOG.department_name(code, "en") in english for code in DEPARTMENTS)
    assert "环卫所" in english  # what the user typed, as typed
    denied = PermissionDenied("field_worker", "start", "assigned_to_other")
    assert error_text(denied, "zh", CATALOG) == t(
        "staff.err.permission",
        "zh",
        role="外勤人员",
        reason=t("error.denied.assigned_to_other", "zh"),
    )
    big = InvalidImage("image_too_big", size=25_000_000, limit=10_000_000)
    assert "25" in store_error_text(big, "zh", CATALOG)
    assert "10" in store_error_text(big, "zh", CATALOG)
