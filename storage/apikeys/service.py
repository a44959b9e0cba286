"""API keys' service functions: create, list, revoke, and authorise a POST (with its rate
limit), each in the caller's unit of work."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from storage.apikeys.models import ApiKey, ApiKeyRequest
from storage.db.uow import UnitOfWork
from storage.errors import StoreError

MAX_NAME = 200
PREFIX_LENGTH = 8


class ApiKeyNotFound(StoreError):
    """No API key has this id."""

    code = "api_key_not_found"

    def __init__(self, key_id: int) -> None:
        super().__init__(f"no API key {key_id}", key_id=key_id)


class InvalidKeyName(StoreError):
    """A key's name is empty or too long."""

    code = "api_key_name"

    def __init__(self, limit: int) -> None:
        super().__init__(f"a key's name is 1 to {limit} characters", limit=limit)


class InvalidApiKey(StoreError):
    """The secret is missing, unknown or revoked (the three look alike from outside)."""

    code = "api_key_invalid"

    def __init__(self) -> None:
        super().__init__("the api_key is missing, unknown or revoked")


class RateLimited(StoreError):
    """The key filed its hour's share of requests already."""

    code = "api_key_rate_limited"

    def __init__(self, per_hour: int) -> None:
        super().__init__(f"at most {per_hour} requests an hour per api_key", per_hour=per_hour)
        self.per_hour = per_hour


@dataclass(frozen=True, slots=True)
class CreatedKey:
    """A new key with its secret, which is shown this once and never again."""

    id: int
    name: str
    secret: str
    prefix: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """A key as operators see it in a list: never its secret or its hash."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None
    requests: int

    @property
    def active(self) -> bool:
        """True until the key is revoked."""
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class Authorized:
    """The key a POST was authorised with."""

    key_id: int
    name: str


def hash_secret(secret: str) -> str:
    """The sha256 (hex) a key's secret is stored and looked up as."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh token for a service request (32 hex characters)."""
    return secrets.token_hex(16)


async def create_key(uow: UnitOfWork, *, name: str) -> CreatedKey:
    """Create a key named `name`; its secret is in the result only."""
    shown = " ".join(name.split())
    if not shown or len(shown) > MAX_NAME:
        raise InvalidKeyName(MAX_NAME)
    secret = secrets.token_urlsafe(32)
    key = ApiKey(
        name=shown,
        secret_sha256=hash_secret(secret),
        prefix=secret[:PREFIX_LENGTH],
        created_at=uow.now(),
    )
    uow.session.add(key)
    await uow.session.flush()
    return CreatedKey(key.id, key.name, secret, key.prefix, key.created_at)


async def list_keys(uow: UnitOfWork) -> list[ApiKeyInfo]:
    """Every key, oldest first, with how many requests it filed."""
    counts = (
        select(ApiKeyRequest.key_id, func.count().label("n"))
        .group_by(ApiKeyRequest.key_id)
        .subquery()
    )
    rows = await uow.session.execute(
        select(ApiKey, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.key_id == ApiKey.id)
        .order_by(ApiKey.id)
    )
    return [_info(key, int(n)) for key, n in rows.all()]


async def revoke_key(uow: UnitOfWork, *, key_id: int) -> ApiKeyInfo:
    """Revoke the key (at once; revoking it again keeps the first time), or ApiKeyNotFound."""
    key = await uow.session.get(ApiKey, key_id, with_for_update=True)
    if key is None:
        raise ApiKeyNotFound(key_id)
    if key.revoked_at is None:
        key.revoked_at = uow.now()
    count = await _count_requests(uow, key_id=key.id, since=None)
    return _info(key, count)


async def check_key(uow: UnitOfWork, *, secret: str | None) -> Authorized:
    """The active key with this secret, or InvalidApiKey."""
    key = await _active_key(uow, secret, lock=False)
    return Authorized(key.id, key.name)


async def authorize_post(uow: UnitOfWork, *, secret: str | None, per_hour: int) -> Authorized:
    """The active key with this secret, if it has filed fewer than `per_hour` requests in
    the past hour; InvalidApiKey or RateLimited otherwise."""
    # Locking the key's row makes concurrent POSTs of one key count one after another.
    key = await _active_key(uow, secret, lock=True)
    since = uow.now() - timedelta(hours=1)
    if await _count_requests(uow, key_id=key.id, since=since) >= per_hour:
        raise RateLimited(per_hour)
    return Authorized(key.id, key.name)


async def record_request(uow: UnitOfWork, *, key_id: int, token: str, ticket_number: str) -> None:
    """Remember that the key filed `ticket_number` under `token`."""
    uow.session.add(
        ApiKeyRequest(key_id=key_id, token=token, ticket_number=ticket_number, created_at=uow.now())
    )
    await uow.session.flush()


async def find_token(uow: UnitOfWork, *, token: str) -> str | None:
    """The ticket number filed under `token`, or None."""
    statement = select(ApiKeyRequest.ticket_number).where(ApiKeyRequest.token == token)
    return (await uow.session.execute(statement)).scalar_one_or_none()


async def _count_requests(uow: UnitOfWork, *, key_id: int, since: datetime | None) -> int:
    statement = select(func.count()).where(ApiKeyRequest.key_id == key_id)
    if since is not None:
        statement = statement.where(ApiKeyRequest.created_at >= since)
    return int((await uow.session.execute(statement)).scalar_one())


async def _active_key(uow: UnitOfWork, secret: str | None, *, lock: bool) -> ApiKey:
    if not secret:
        raise InvalidApiKey()
    statement = select(ApiKey).where(ApiKey.secret_sha256 == hash_secret(secret))
    if lock:
        statement = statement.with_for_update()
    key = (await uow.session.execute(statement)).scalar_one_or_none()
    if key is None or key.revoked_at is not None:
        raise InvalidApiKey()
    return key


def _info(key: ApiKey, requests: int) -> ApiKeyInfo:
    return ApiKeyInfo(key.id, key.name, key.prefix, key.created_at, key.revoked_at, requests)
