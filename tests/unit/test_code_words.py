"""Every code the store or knowledge/ can hand the bot has its msgid, and dates read locally.

The mappings of codes to msgids (bot/messages/words.py, bot/runtime/notify.py NEWS, the error texts
of handlers/store_errors.py) are what replaced keys built at run time; these tests fail
when a new status, action, news, error code … has no text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.messages import MSGIDS
from bot.messages.answers import SMALLTALK
from bot.messages.dates import format_day, format_moment
from bot.messages.words import (
    ACTION,
    DUTY,
    PRIORITY,
    REJECT_TEMPLATES,
    REPLY_TEMPLATES,
    ROLE,
    STAFF_ACTION,
    STAFF_STATUS,
    STATUS,
    numbered,
    word,
)
from bot.runtime.notify import NEWS
from handlers.store_errors import DENIAL_TEXT, IMAGE_TEXT, PROBLEM_TEXT
from knowledge.smalltalk import SmallTalk
from storage.errors import DENIALS, IMAGE_PROBLEMS, PROBLEMS
from storage.tickets.filing import PRIORITIES
from storage.tickets.lifecycle import Action, Role, Status
from storage.tickets.notify import BY_STAFF_NEWS, FOLLOWER_NEWS, RESIDENT_NEWS, STAFF_NEWS

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_every_status_action_role_and_priority_has_words() -> None:
    assert set(STATUS) == set(STAFF_STATUS) == {s.value for s in Status}
    assert set(ACTION) == set(STAFF_ACTION) == {a.value for a in Action}
    assert set(ROLE) == {r.value for r in Role}
    assert set(PRIORITY) == set(PRIORITIES)
    assert set(DUTY) == {"on", "off"}
    assert set(SMALLTALK) == {s.value for s in SmallTalk}


def test_every_piece_of_news_the_store_owes_has_its_text() -> None:
    owed = {f"ticket.{a.value}" for a in RESIDENT_NEWS} | set(FOLLOWER_NEWS.values())
    owed |= {f"staff.ticket_{a.value}" for a in STAFF_NEWS if a != Action.FILE}
    owed |= {key for keys in BY_STAFF_NEWS.values() for key in keys}
    owed |= {"staff.ticket_new", "staff.deadline_near", "staff.deadline_over"}
    assert owed == set(NEWS)
    assert all(key in MSGIDS for key in NEWS.values())


def test_every_error_code_of_the_store_has_its_text() -> None:
    assert set(PROBLEM_TEXT) == set(PROBLEMS)
    assert set(IMAGE_TEXT) == set(IMAGE_PROBLEMS)
    assert set(DENIAL_TEXT) == set(DENIALS) - {""}


def test_a_code_without_words_is_shown_as_it_is_and_templates_are_numbered() -> None:
    assert word(STATUS, "accepted", "zh") == "已立案"
    assert word(STATUS, "archived", "zh") == "archived"
    assert numbered(REPLY_TEMPLATES, "1") == REPLY_TEMPLATES[0]
    assert numbered(REJECT_TEMPLATES, str(len(REJECT_TEMPLATES) + 1)) is None
    assert numbered(REJECT_TEMPLATES, "x") is None
    assert numbered(REJECT_TEMPLATES, "0") is None


def test_moments_are_written_in_the_readers_way_in_shanghai_time() -> None:
    moment = datetime(2026, 11, 23, 6, 5, tzinfo=UTC)  # 14:05 in Guangzhou
    assert format_moment(moment, SHANGHAI, "zh") == "2026年11月23日 14:05"
    assert format_moment(moment, SHANGHAI, "en") == "Nov 23, 2026, 2:05\u202fPM"
    late = datetime(2026, 11, 23, 17, 30, tzinfo=UTC)  # already the 24th in Guangzhou
    assert format_moment(late, SHANGHAI, "zh").startswith("2026年11月24日")
    assert format_day(date(2026, 11, 23), "zh") == "2026年11月23日"
    assert format_day(date(2026, 11, 23), "en") == "November 23, 2026"
