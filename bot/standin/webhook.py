"""Webhook mode: setWebhook and friends, and delivering updates the way Telegram does."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import urlsplit

import httpx
from telegram import WebhookInfo

from bot.standin.errors import bad_request
from bot.standin.params import Params
from bot.standin.state import Handler, World
from bot.standin.updates import WebhookConfig

JSON = dict[str, Any]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


async def set_webhook(world: World, params: Params) -> bool:
    """setWebhook (http is accepted for loopback hosts, unlike on Telegram)."""
    url = params.text("url") or ""
    if not url:
        world.updates.webhook = None
        return True
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in _LOOPBACK):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.text("secret_token")
    if secret is not None and not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    max_connections = params.integer("max_connections", 40) or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    world.updates.set_allowed(params.obj("allowed_updates"))
    if params.flag("drop_pending_updates"):
        world.updates.drop_pending()
    world.updates.webhook = WebhookConfig(url, secret, max_connections)
    world.updates.arrived.notify()
    return True


async def delete_webhook(world: World, params: Params) -> bool:
    """deleteWebhook (drop_pending_updates forgets the queue)."""
    world.updates.webhook = None
    if params.flag("drop_pending_updates"):
        world.updates.drop_pending()
    world.updates.arrived.notify()
    return True


async def get_webhook_info(world: World, params: Params) -> JSON:
    """getWebhookInfo."""
    hook = world.updates.webhook
    info = WebhookInfo(
        url=hook.url if hook else "",
        has_custom_certificate=False,
        pending_update_count=len(world.updates.pending),
        last_error_date=None,
        last_error_message=hook.last_error_message if hook else None,
        max_connections=hook.max_connections if hook else None,
        allowed_updates=sorted(world.updates.allowed) if hook else None,
    )
    data = info.to_dict()
    if hook and hook.last_error_date:
        data["last_error_date"] = hook.last_error_date
    return data


async def get_updates(world: World, params: Params) -> list[JSON]:
    """getUpdates with Telegram's offset, limit, timeout and allowed_updates semantics."""
    limit = min(max(params.integer("limit", 100) or 100, 1), 100)
    timeout = max(params.number("timeout") or 0.0, 0.0)
    world.updates.set_allowed(params.obj("allowed_updates"))
    return await world.updates.poll(params.integer("offset"), limit, timeout)


class WebhookDeliverer:
    """Posts pending updates to the webhook in order, retrying on failure like Telegram."""

    def __init__(self, world: World, retry_delay: float, max_retry_delay: float = 2.0) -> None:
        self.world = world
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self._client = httpx.AsyncClient(timeout=10.0)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin delivering in the background."""
        self._task = asyncio.create_task(self._run(), name="standin-webhook")

    async def stop(self) -> None:
        """Stop delivering and close the HTTP client."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self._client.aclose()

    async def _post(self, hook: WebhookConfig, update: JSON) -> str | None:
        headers = {"Content-Type": "application/json"}
        if hook.secret_token:
            headers[SECRET_HEADER] = hook.secret_token
        body = json.dumps(update, ensure_ascii=False).encode("utf-8")
        try:
            response = await self._client.post(hook.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            return f"Connection failed: {exc.__class__.__name__}"
        if 200 <= response.status_code < 300:
            return None
        return f"Wrong response from the webhook: {response.status_code} {response.reason_phrase}"

    async def _run(self) -> None:
        queue = self.world.updates
        delay = self.retry_delay
        while True:
            hook = queue.webhook
            if hook is None or not queue.pending:
                await queue.arrived.wait(3600)
                continue
            update = queue.pending[0]
            self.world.busy += 1
            try:
                error = await self._post(hook, update)
            finally:
                self.world.busy -= 1
                self.world.touch()
            if error is None:
                queue.pending = [item for item in queue.pending if item is not update]
                queue.mark_fetched([update])
                delay = self.retry_delay
                continue
            hook.last_error_date = int(self.world.clock())
            hook.last_error_message = error
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.max_retry_delay)


METHODS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
