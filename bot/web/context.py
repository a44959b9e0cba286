"""WebContext: what every router of the web app is built from, made once per app."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from bot.settings import Settings
from bot.web.security import RateLimit, session_key
from storage import Actor, Store
from storage.staff import service as staff

POSTS_PER_MINUTE = 20
"""POSTs one client address may make a minute (a login, a logout: people, not scripts)."""


@dataclass
class WebContext:
    """The settings, the store, the session key and the POST rate limit of one web app."""

    settings: Settings
    store: Store
    session_key: bytes = b""
    post_limit: RateLimit = field(default_factory=lambda: RateLimit(POSTS_PER_MINUTE, 60.0))

    def __post_init__(self) -> None:
        if not self.session_key:
            self.session_key = session_key(self.settings)

    @property
    def bot_token(self) -> str | None:
        """The bot's token, which signs the Mini App's initData (None: no Mini App)."""
        token = self.settings.telegram_token
        return token.get_secret_value() if token is not None else None

    @property
    def tile_url(self) -> str | None:
        """The map tiles' URL template, if the operator gave one (else a page with none)."""
        return self.settings.web_tile_url

    @property
    def tile_origin(self) -> str | None:
        """scheme://host of the tiles, which the pages' CSP lets images come from."""
        if not self.tile_url:
            return None
        parsed = urlparse(self.tile_url.replace("{s}", "a"))
        host = parsed.netloc.replace("a.", "*.", 1) if "{s}" in self.tile_url else parsed.netloc
        return f"{parsed.scheme}://{host}"

    async def actor_of(self, user_id: int) -> Actor:
        """Who `user_id` is now, by the roster and the settings' admin and staff ids."""
        async with self.store.unit_of_work(read_only=True) as uow:
            return await staff.identify(
                uow,
                user_id=user_id,
                admin_ids=self.settings.admin_ids,
                staff_ids=self.settings.staff_ids,
            )
