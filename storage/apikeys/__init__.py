"""API keys of Open311 clients: created, listed and revoked by operators, kept hashed, and
the service requests each key filed (their tokens, and the per-key rate limit)."""

from storage.apikeys.service import (
    ApiKeyInfo,
    ApiKeyNotFound,
    Authorized,
    CreatedKey,
    InvalidApiKey,
    InvalidKeyName,
    RateLimited,
    authorize_post,
    check_key,
    create_key,
    find_token,
    list_keys,
    new_token,
    record_request,
    revoke_key,
)

__all__ = [
    "ApiKeyInfo",
    "ApiKeyNotFound",
    "Authorized",
    "CreatedKey",
    "InvalidApiKey",
    "InvalidKeyName",
    "RateLimited",
    "authorize_post",
    "check_key",
    "create_key",
    "find_token",
    "list_keys",
    "new_token",
    "record_request",
    "revoke_key",
]
