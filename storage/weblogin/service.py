"""Issuing and redeeming one-time login tokens, each in the caller's unit of work.

A token is 32 random bytes (URL-safe base64); the table holds its SHA-256, so a copy of the
database logs no one in. Redeeming marks the row used in the same statement that checks it,
so two requests racing with one link log in at most once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, update

from storage.db.uow import UnitOfWork
from storage.weblogin.models import LoginToken

LOGIN_TOKEN_TTL = timedelta(minutes=10)
"""How long a link stays good: long enough to open it, short enough to be useless later."""
KEEP_USED_FOR = timedelta(days=1)


def token_digest(token: str) -> str:
    """The SHA-256 (hex) a token is stored under."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def issue_login_token(
    uow: UnitOfWork, *, user_id: int, ttl: timedelta = LOGIN_TOKEN_TTL
) -> str:
    """A new one-time token for `user_id` (returned once; only its hash is stored)."""
    now = uow.now()
    # Expired rows go when new ones come: the table never holds more than a day's links.
    await uow.session.execute(delete(LoginToken).where(LoginToken.expires_at < now - KEEP_USED_FOR))
    token = secrets.token_urlsafe(32)
    uow.session.add(
        LoginToken(
            token_sha256=token_digest(token), user_id=user_id, created_at=now, expires_at=now + ttl
        )
    )
    await uow.session.flush()
    return token


async def redeem_login_token(uow: UnitOfWork, *, token: str) -> int | None:
    """The user a fresh, unused `token` was issued to, now used up; None for any other."""
    if not token or len(token) > 128:
        return None
    now = uow.now()
    statement = (
        update(LoginToken)
        .where(
            LoginToken.token_sha256 == token_digest(token),
            LoginToken.used_at.is_(None),
            LoginToken.expires_at > now,
        )
        .values(used_at=now)
        .returning(LoginToken.user_id)
    )
    return (await uow.session.execute(statement)).scalar_one_or_none()
