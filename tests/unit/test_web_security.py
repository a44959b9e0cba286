"""The web app's signatures: sessions and Telegram's initData, checked without a server."""

from __future__ import annotations

import json

import pytest

from bot.web.initdata import InvalidInitData, sign_init_data, validate_init_data
from bot.web.security import SESSION_SECONDS, RateLimit, make_session, read_session

KEY = b"k" * 32
TOKEN = "42:bot-token"


def test_a_session_reads_back_until_it_expires() -> None:
    cookie = make_session(KEY, 2001, now=1_000_000)
    assert read_session(KEY, cookie, now=1_000_000 + 60) == 2001
    assert read_session(KEY, cookie, now=1_000_000 + SESSION_SECONDS + 1) is None
    assert read_session(b"other" * 8, cookie, now=1_000_000) is None
    user, issued, signature = cookie.split(".")
    assert read_session(KEY, f"{user}.{int(issued) + 3600}.{signature}", now=1_000_000) is None
    for junk in (None, "", "a.b", "1.2.3.4", "é.1.x", "1" * 300):
        assert read_session(KEY, junk, now=1_000_000) is None


def test_telegrams_documented_example_shape_validates() -> None:
    fields = {
        "user": json.dumps({"id": 7, "first_name": "A", "language_code": "en"}),
        "auth_date": "1700000000",
        "query_id": "Q",
    }
    data = sign_init_data(fields, TOKEN)
    user = validate_init_data(data, TOKEN, now=1_700_000_100)
    assert (user.id, user.language_code, user.auth_date) == (7, "en", 1_700_000_000)
    with pytest.raises(InvalidInitData, match="stale"):
        validate_init_data(data, TOKEN, now=1_700_000_000 + 3601)
    with pytest.raises(InvalidInitData, match="hash"):
        validate_init_data(data, "43:another", now=1_700_000_100)
    with pytest.raises(InvalidInitData, match="twice"):
        validate_init_data(data + "&auth_date=1", TOKEN, now=1_700_000_100)
    no_user = sign_init_data({"auth_date": "1700000000"}, TOKEN)
    with pytest.raises(InvalidInitData, match="user"):
        validate_init_data(no_user, TOKEN, now=1_700_000_100)


def test_the_rate_limit_forgets_after_its_window() -> None:
    now = [0.0]
    limit = RateLimit(2, 60, clock=lambda: now[0])
    assert [limit.allow("a"), limit.allow("a"), limit.allow("a"), limit.allow("b")] == [
        True,
        True,
        False,
        True,
    ]
    now[0] = 61
    assert limit.allow("a")
