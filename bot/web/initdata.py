"""Telegram Mini App initData: checked as Telegram documents it, or refused.

The data-check string is every field but `hash`, as `key=value` sorted by key and joined
by newlines; its HMAC-SHA256 under HMAC-SHA256("WebAppData", bot token) must be `hash`,
and `auth_date` must be recent, so a copied initData is good only for a while.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

MAX_AGE_SECONDS = 3600
"""Telegram signs initData afresh each time the Mini App opens; an hour covers a visit."""
MAX_LENGTH = 8192


class InvalidInitData(Exception):
    """initData that is forged, stale or malformed; the message (safe to log) says which."""


@dataclass(frozen=True, slots=True)
class WebAppUser:
    """Who opened the Mini App, as Telegram vouches."""

    id: int
    language_code: str | None
    auth_date: int


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode("utf-8"), hashlib.sha256).digest()


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """`fields` as initData signed with `bot_token` (what Telegram does; the tests' clients)."""
    from urllib.parse import urlencode

    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    digest = hmac.new(_secret_key(bot_token), check.encode("utf-8"), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})


def validate_init_data(
    init_data: str, bot_token: str, *, now: float | None = None, max_age: int = MAX_AGE_SECONDS
) -> WebAppUser:
    """The user of a genuine, fresh initData; InvalidInitData otherwise."""
    if not init_data or len(init_data) > MAX_LENGTH:
        raise InvalidInitData("missing or too long")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a field given twice")
    given = fields.pop("hash", "")
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    expected = hmac.new(_secret_key(bot_token), check.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, given.lower()):
        raise InvalidInitData("wrong hash")
    auth_date = fields.get("auth_date", "")
    if not auth_date.isdigit():
        raise InvalidInitData("no auth_date")
    age = (time.time() if now is None else now) - int(auth_date)
    if not -60 <= age <= max_age:
        raise InvalidInitData("auth_date is stale")
    try:
        user = json.loads(fields.get("user", ""))
        user_id = user["id"]
    except (ValueError, TypeError, KeyError):
        raise InvalidInitData("no user") from None
    if isinstance(user_id, bool) or not isinstance(user_id, int):
        raise InvalidInitData("no user id")
    language = user.get("language_code")
    return WebAppUser(
        id=user_id,
        language_code=language if isinstance(language, str) else None,
        auth_date=int(auth_date),
    )
