"""The web app's locks: signed session cookies, CSRF tokens, a rate limit on POSTs, headers.

A session cookie is `<user id>.<issued at>.<HMAC-SHA256>` under the app's session key: it
proves who logged in and when, nothing more. What they may see is read from the staff
roster on every request, so taking someone off the roster locks them out at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable

from bot.settings import Settings

SESSION_COOKIE = "citybot_session"
CSRF_COOKIE = "citybot_csrf"
SESSION_SECONDS = 12 * 3600
"""A working day: a session outlives a shift, not a week."""


def session_key(settings: Settings) -> bytes:
    """The key that signs session cookies: the setting, else one derived from the bot's
    token (the same in every process of one bot), else a random one (lost at restart)."""
    if settings.web_session_secret is not None:
        return settings.web_session_secret.get_secret_value().encode("utf-8")
    if settings.telegram_token is not None:
        token = settings.telegram_token.get_secret_value().encode("utf-8")
        return hmac.new(token, b"citybot web session", hashlib.sha256).digest()
    return secrets.token_bytes(32)


def _signature(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode("ascii"), hashlib.sha256).hexdigest()


def make_session(key: bytes, user_id: int, *, now: float | None = None) -> str:
    """A session cookie value for `user_id`, issued now."""
    payload = f"{user_id}.{int(time.time() if now is None else now)}"
    return f"{payload}.{_signature(key, payload)}"


def read_session(key: bytes, value: str | None, *, now: float | None = None) -> int | None:
    """The user id of a genuine, unexpired session cookie; None for anything else."""
    if not value or len(value) > 200:
        return None
    parts = value.split(".")
    if len(parts) != 3 or not all(part.isascii() for part in parts):
        return None
    user, issued, signature = parts
    if not hmac.compare_digest(signature, _signature(key, f"{user}.{issued}")):
        return None
    if not (user.lstrip("-").isdigit() and issued.isdigit()):
        return None
    age = (time.time() if now is None else now) - int(issued)
    if not -60 <= age <= SESSION_SECONDS:
        return None
    return int(user)


def new_csrf_token() -> str:
    """A random value for the CSRF cookie and the forms' hidden field (double submit)."""
    return secrets.token_urlsafe(24)


def csrf_matches(cookie: str | None, field: str | None) -> bool:
    """True when the form's field repeats the cookie (a cross-site form cannot read it)."""
    if not cookie or not field:
        return False
    return hmac.compare_digest(cookie.encode("utf-8"), field.encode("utf-8"))


class RateLimit:
    """At most `limit` events per `window` seconds per key (a client address), in memory."""

    def __init__(
        self, limit: int, window: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._events: dict[str, deque[float]] = {}

    def allow(self, key: str) -> bool:
        """Count one event for `key`; False once it is over the limit."""
        now = self._clock()
        if len(self._events) > 10_000:  # forget quiet clients rather than grow without end
            self._events = {
                k: q for k, q in self._events.items() if q and q[-1] > now - self.window
            }
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True


def security_headers(tile_origin: str | None) -> dict[str, str]:
    """Headers every page gets: a CSP allowing our own scripts (and the tiles' origin)."""
    images = "'self' data:" + (f" {tile_origin}" if tile_origin else "")
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; img-src {images}; script-src 'self'; "
            "style-src 'self' 'unsafe-inline'; frame-ancestors 'self' https://web.telegram.org; "
            "base-uri 'none'; form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
