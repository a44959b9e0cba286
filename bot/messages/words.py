"""The store's codes in words of the reader's language: statuses, actions, roles, priorities.

Each mapping names its msgids literally (t_ marks them for pybabel extract), so that no
key is ever built at run time; tests/unit/test_locales.py checks that every code the store
has is in its mapping.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final

from bot.messages import LANGUAGES, t, t_

STATUS: Final = {
    "submitted": t_("status.submitted"),
    "accepted": t_("status.accepted"),
    "dispatched": t_("status.dispatched"),
    "in_progress": t_("status.in_progress"),
    "resolved": t_("status.resolved"),
    "closed": t_("status.closed"),
    "rejected": t_("status.rejected"),
    "duplicate": t_("status.duplicate"),
}
"""A ticket's status as its reporter reads it ('已立案')."""

STAFF_STATUS: Final = {
    "submitted": t_("staff.status.submitted"),
    "accepted": t_("staff.status.accepted"),
    "dispatched": t_("staff.status.dispatched"),
    "in_progress": t_("staff.status.in_progress"),
    "resolved": t_("staff.status.resolved"),
    "closed": t_("staff.status.closed"),
    "rejected": t_("staff.status.rejected"),
    "duplicate": t_("staff.status.duplicate"),
}
"""A ticket's status as staff read it ('待受理')."""

ACTION: Final = {
    "file": t_("action.file"),
    "accept": t_("action.accept"),
    "reject": t_("action.reject"),
    "merge": t_("action.merge"),
    "dispatch": t_("action.dispatch"),
    "start": t_("action.start"),
    "extend": t_("action.extend"),
    "resolve": t_("action.resolve"),
    "verify": t_("action.verify"),
    "rework": t_("action.rework"),
    "rate": t_("action.rate"),
    "assign": t_("action.assign"),
    "join": t_("action.join"),
    "comment": t_("action.comment"),
    "note": t_("action.note"),
    "reply": t_("action.reply"),
    "merged_in": t_("action.merged_in"),
}
"""A step in a ticket's history as its reporter reads it."""

STAFF_ACTION: Final = {
    "file": t_("staff.action.file"),
    "accept": t_("staff.action.accept"),
    "reject": t_("staff.action.reject"),
    "merge": t_("staff.action.merge"),
    "dispatch": t_("staff.action.dispatch"),
    "start": t_("staff.action.start"),
    "extend": t_("staff.action.extend"),
    "resolve": t_("staff.action.resolve"),
    "verify": t_("staff.action.verify"),
    "rework": t_("staff.action.rework"),
    "rate": t_("staff.action.rate"),
    "assign": t_("staff.action.assign"),
    "join": t_("staff.action.join"),
    "comment": t_("staff.action.comment"),
    "note": t_("staff.action.note"),
    "reply": t_("staff.action.reply"),
    "merged_in": t_("staff.action.merged_in"),
}
"""A move as staff read it ('受理')."""

ROLE: Final = {
    "resident": t_("staff.role.resident"),
    "reporter": t_("staff.role.reporter"),
    "field_worker": t_("staff.role.field_worker"),
    "dispatcher": t_("staff.role.dispatcher"),
    "admin": t_("staff.role.admin"),
    "gas_inspector": t_("staff.role.gas_inspector"),
    "system": t_("staff.role.system"),
}

PRIORITY: Final = {"normal": t_("staff.priority.normal"), "urgent": t_("staff.priority.urgent")}

DUTY: Final = {"on": t_("staff.duty.on"), "off": t_("staff.duty.off")}

QUIZ_TOPIC: Final = {
    "gas_home": t_("quiz.topic.gas_home"),
    "lpg": t_("quiz.topic.lpg"),
    "gas_leak": t_("quiz.topic.gas_leak"),
    "sorting": t_("quiz.topic.sorting"),
    "street_order": t_("quiz.topic.street_order"),
    "facilities": t_("quiz.topic.facilities"),
    "all": t_("quiz.topic.all"),
    "mine": t_("quiz.topic.mine"),
}
"""The quiz bank's topics (and the two pseudo-topics of a round); a group's own topic name
is shown as it is."""

QUIZ_LEVEL: Final = {"child": t_("quiz.level.child"), "adult": t_("quiz.level.adult")}
"""The quiz bank's levels (knowledge.quiz.LEVELS)."""


def word(mapping: dict[str, str], code: str, lang: str) -> str:
    """`code` in words of `lang` by `mapping`; a code the mapping lacks is shown as it is
    (a row written by a newer version, say) rather than failing the whole view."""
    key = mapping.get(code)
    return t(key, lang) if key is not None else code


def listed(items: Iterable[str], lang: str) -> str:
    """`items` as `lang` writes a list ('环卫保洁 2、绿化 1', 'Sanitation 2, Greening 1')."""
    return t("list.separator", lang).join(items)


def status_text(status: str, lang: str) -> str:
    """A status as a reporter reads it ('已立案')."""
    return word(STATUS, status, lang)


REPLY_TEMPLATES: Final = (
    t_("staff.tpl.1"),
    t_("staff.tpl.2"),
    t_("staff.tpl.3"),
    t_("staff.tpl.4"),
)
"""Canned replies to a reporter: `/reply NUMBER #1` sends the first."""

REJECT_TEMPLATES: Final = (
    t_("staff.tpl.reject.1"),
    t_("staff.tpl.reject.2"),
    t_("staff.tpl.reject.3"),
)
"""Canned reasons for rejecting a ticket: `/reject NUMBER #1`, or a button."""


def numbered(templates: tuple[str, ...], number: str) -> str | None:
    """The msgid of canned text `number` ("1", "2" …) of `templates`, None if there is none."""
    if number.isdigit() and 1 <= int(number) <= len(templates):
        return templates[int(number) - 1]
    return None


@cache
def _canned_by_text() -> dict[str, str]:
    """Every locale's text of a canned reply or reason, to its msgid."""
    return {
        t(key, lang): key for key in (*REPLY_TEMPLATES, *REJECT_TEMPLATES) for lang in LANGUAGES
    }


def canned_in(note: str, lang: str) -> str:
    """`note` in `lang` when it is a canned reply or reason (stored in the reporter's
    language), else as written: staff read an English resident's canned reason in Chinese."""
    key = _canned_by_text().get(note.strip())
    return t(key, lang) if key is not None else note
