"""The one codec of every button's callback data: typed values that survive the trip through
Telegram, fit its 64 bytes, and never mistake forged or garbled data for a button of ours."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram.ext import CallbackQueryHandler, ConversationHandler

from bot.callback_data import LIMIT, CallbackData, Match, Range
from handlers.buttons import (
    KINDS,
    ChooseLanguage,
    FileAnew,
    JoinDuplicate,
    QueuePage,
    Rate,
    RejectReason,
    StaffMove,
)


def _strategy(hint: Any) -> st.SearchStrategy[Any]:
    if get_origin(hint) is Literal:
        return st.sampled_from(get_args(hint))
    base, mark = get_args(hint) if get_origin(hint) is Annotated else (hint, Range())
    if isinstance(mark, Match):
        return st.from_regex(mark.regex, fullmatch=True, alphabet=st.characters(codec="ascii"))
    assert base is int and isinstance(mark, Range)
    return st.integers(mark.low, mark.high)


def _values(kind: type[CallbackData]) -> st.SearchStrategy[CallbackData]:
    hints = get_type_hints(kind, include_extras=True)
    fields = {f.name: _strategy(hints[f.name]) for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    return st.builds(kind, **fields)


ANY_VALUE = st.one_of(*(_values(kind) for kind in KINDS))


@given(ANY_VALUE)
def test_every_button_decodes_back_to_itself_and_as_no_other_kind(value: CallbackData) -> None:
    data = value.encode()
    assert len(data.encode()) <= LIMIT
    assert type(value).decode(data) == value
    others = [kind.__name__ for kind in KINDS if kind is not type(value) and kind.matches(data)]
    assert others == []


@given(st.one_of(st.text(max_size=80), st.binary(max_size=80).map(lambda b: b.decode("latin-1"))))
def test_garbage_decodes_as_nothing_or_as_exactly_what_would_encode_it(data: str) -> None:
    for kind in KINDS:
        decoded = kind.decode(data)  # never raises
        assert decoded is None or decoded.encode() == data


@pytest.mark.parametrize(
    "data",
    [
        "",
        "st",
        "st:",
        "st:accept",
        "st:accept:",
        "st:accept:CG-20261123-0001:extra",
        "st:delete:CG-20261123-0001",
        "st:accept:cg-20261123-0001",
        "st:accept:CG-20261123-0001\n",
        "st:rj:CG-20261123-0001:0",
        "st:rj:CG-20261123-0001:99",
        "rt:CG-20261123-0001:6",
        "rt:CG-20261123-0001:05",
        "rt:CG-20261123-0001:+5",
        "rt:CG-20261123-0001:٥",
        "rt:CG-20261123-0001",
        "rj:new:CG-20261123-0001",
        "sq:-1:::",
        "sq:0:gas::x",
        "lang:ZH",
        "forget:maybe",
        "rf:ok ",
        "x" * 65,
    ],
)
def test_forged_and_garbled_data_is_no_button_of_ours(data: str) -> None:
    assert [kind.__name__ for kind in KINDS if kind.matches(data)] == []


def test_the_wire_format_of_earlier_versions_still_decodes() -> None:
    # Buttons on messages sent before an upgrade (staff posts, "fixed?") keep working.
    assert StaffMove.decode("st:accept:CG-20261123-0001") == StaffMove("accept", "CG-20261123-0001")
    assert RejectReason.decode("st:rj:CG-20261123-0001:2") == RejectReason("CG-20261123-0001", 2)
    assert Rate.decode("rt:CG-20261123-0001:5") == Rate("CG-20261123-0001", 5)
    assert FileAnew.decode("rj:new") == FileAnew() and JoinDuplicate.decode("rj:new") is None
    assert QueuePage.decode("sq:10:gas::om") == QueuePage(10, "gas", "", "om")
    assert ChooseLanguage.decode("lang:en") == ChooseLanguage("en")


def test_a_value_that_would_not_decode_back_is_refused_when_the_button_is_made() -> None:
    for bad in (
        Rate("CG-20261123-0001", 6),
        Rate("CG-20261123-0001", True),
        JoinDuplicate("CG-20261123-0001:5"),
        JoinDuplicate("new"),
        StaffMove("delete", "CG-20261123-0001"),  # type: ignore[arg-type]
        QueuePage(-1, "", "", ""),
    ):
        with pytest.raises(ValueError, match="cannot be encoded"):
            bad.encode()


def test_tags_are_unique_and_every_press_handler_matches_with_the_codec() -> None:
    assert len({kind.TAG for kind in KINDS}) == len(KINDS)
    from bot.features import FEATURES

    def press_handlers(handlers: list[Any]) -> list[CallbackQueryHandler[Any, Any]]:
        found = []
        for handler in handlers:
            if isinstance(handler, ConversationHandler):
                inner = [*handler.entry_points, *handler.fallbacks]
                inner += [h for state in handler.states.values() for h in state]
                found += press_handlers(inner)
            elif isinstance(handler, CallbackQueryHandler):
                found.append(handler)
        return found

    every = [r.handler for feature in FEATURES for r in feature.handlers()]
    patterns = [h.pattern for h in press_handlers(every)]
    assert patterns[-1] is None  # the catch-all: "this button has expired"
    assert len(patterns) > len(KINDS) // 2
    assert all(callable(p) and not isinstance(p, str) for p in patterns[:-1]), patterns


def test_the_longest_queue_page_fits_telegrams_64_bytes() -> None:
    # Hypothesis once drew a 24-character category, a 32-character status and offset 100:
    # 65 bytes, which Telegram refuses; a status is now at most 16 characters.
    longest = QueuePage(999_999, "c" * 32, "s" * 16, "om")
    assert len(longest.encode().encode()) <= LIMIT
    with pytest.raises(ValueError):
        QueuePage(0, "", "s" * 17, "").encode()
