"""The GeoReport v2 reads: discovery, services, a service's definition, service requests
(with the spec's filters and its 90-day, 1000-request window), one request, and tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request

from bot.settings import Settings
from bot.web.open311.directory import ServiceDirectory
from bot.web.open311.fields import CLOSED, OPEN, definition_fields, parse_w3c, request_fields
from bot.web.open311.fields import service_fields as service_entry
from bot.web.open311.formats import FORMATS, Open311Error
from storage import Status, Store
from storage.apikeys import InvalidApiKey, check_key, find_token
from storage.tickets.public import (
    PUBLIC_OPEN_STATUSES,
    PublicRequest,
    get_public_request,
    list_public_requests,
)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00+08:00"
"""When this server's endpoints last changed (discovery's sortable changeset)."""
WINDOW = timedelta(days=90)
MAX_REQUESTS = 1000
MAX_IDS = 1000


@dataclass(frozen=True, slots=True)
class Answer:
    """What an endpoint answers: the data and the XML root element it goes under."""

    data: Any
    root: str


class Reads:
    """The read endpoints over one store, its service directory and the settings."""

    def __init__(self, store: Store, settings: Settings, directory: ServiceDirectory) -> None:
        self.store = store
        self.settings = settings
        self.directory = directory

    def discovery(self, request: Request) -> Answer:
        """discovery.json: this server's one production endpoint and its formats."""
        base = str(request.url).split("?")[0].rsplit("/", 1)[0]
        endpoint = {
            "specification": SPECIFICATION,
            "url": base,
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }
        contact = self.settings.open311_contact
        data = {
            "changeset": CHANGESET,
            "contact": contact,
            "key_service": contact or "Ask the bureau's operator for an api_key.",
            "endpoints": [endpoint],
        }
        return Answer(data, "discovery")

    def services(self, request: Request) -> Answer:
        """services.json: every service offered, in the file's order."""
        lang = self.language(request)
        return Answer([service_entry(s, lang) for s in self.directory.services], "services")

    def definition(self, code: str) -> Answer:
        """services/{code}.json, or 404 for a code that is not offered."""
        service = self.directory.by_code(code)
        if service is None:
            raise Open311Error(404, f"service_code {code!r} not found")
        return Answer(definition_fields(service), "service_definition")

    async def requests(self, request: Request) -> Answer:
        """requests.json with the spec's filters."""
        query = request.query_params
        await self.check_reads(query.get("api_key"))
        ids = _split(query.get("service_request_id"))
        if len(ids) > MAX_IDS:
            raise Open311Error(400, f"at most {MAX_IDS} service_request_id at once")
        categories = self._categories(_split(query.get("service_code")))
        statuses = _statuses(_split(query.get("status")))
        since, until = self._window(query.get("start_date"), query.get("end_date"))
        async with self.store.unit_of_work(read_only=True) as uow:
            found = await list_public_requests(
                uow,
                numbers=ids,
                categories=categories,
                statuses=statuses,
                since=None if ids else since,
                until=None if ids else until,
                limit=MAX_REQUESTS,
            )
        return self._requests(request, found)

    async def one_request(self, request: Request, number: str) -> Answer:
        """requests/{id}.json, or 404."""
        await self.check_reads(request.query_params.get("api_key"))
        async with self.store.unit_of_work(read_only=True) as uow:
            found = await get_public_request(uow, number=number)
        if found is None or self.directory.by_category(found.category) is None:
            raise Open311Error(404, f"service_request_id {number!r} not found")
        return self._requests(request, [found])

    async def token(self, request: Request, token: str) -> Answer:
        """tokens/{token}.json: the service request a POST's token became, or 404."""
        await self.check_reads(request.query_params.get("api_key"))
        async with self.store.unit_of_work(read_only=True) as uow:
            number = await find_token(uow, token=token)
        if number is None:
            raise Open311Error(404, f"token {token!r} not found")
        return Answer([{"service_request_id": number, "token": token}], "service_requests")

    async def check_reads(self, secret: str | None) -> None:
        """Pass when the operator leaves reads public, or the api_key is an active key."""
        if self.settings.open311_public_reads:
            return
        try:
            async with self.store.unit_of_work(read_only=True) as uow:
                await check_key(uow, secret=secret)
        except InvalidApiKey:
            raise Open311Error(403, "service requests are read with a valid api_key") from None

    def language(self, request: Request) -> str:
        """zh, en or zh-hant: the `locale` asked for, else the bureau's language."""
        locale = (request.query_params.get("locale") or "").lower().replace("_", "-")
        if locale.startswith("en"):
            return "en"
        if locale in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
            return "zh-hant"
        return "zh" if locale.startswith("zh") else self.settings.default_language

    def _requests(self, request: Request, found: list[PublicRequest]) -> Answer:
        lang, catalog = self.language(request), self.store.catalog
        data = [
            request_fields(r, directory=self.directory, catalog=catalog, lang=lang)
            for r in found
            if self.directory.by_category(r.category) is not None
        ]
        return Answer(data, "service_requests")

    def _categories(self, codes: list[str]) -> list[str]:
        if not codes:
            return [service.category.code for service in self.directory.services]
        categories = []
        for code in codes:
            service = self.directory.by_code(code)
            if service is None:
                raise Open311Error(400, f"service_code {code!r} not found")
            categories.append(service.category.code)
        return categories

    def _window(self, start: str | None, end: str | None) -> tuple[datetime, datetime | None]:
        """The spec's window: the last 90 days, or 90 days from a start or up to an end."""
        timezone = self.store.catalog.timezone
        since = parse_w3c(start, "start_date", timezone) if start else None
        until = parse_w3c(end, "end_date", timezone) if end else None
        if since is not None and until is not None:
            if until < since:
                raise Open311Error(400, "end_date is before start_date")
            if until - since > WINDOW:
                raise Open311Error(400, "the date range may span at most 90 days")
            return since, until
        if since is not None:
            return since, since + WINDOW
        if until is not None:
            return until - WINDOW, until
        return self.store.clock() - WINDOW, None


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _statuses(asked: list[str]) -> list[str]:
    """The lifecycle statuses of the asked open/closed (empty: all)."""
    if not set(asked) <= {OPEN, CLOSED}:
        raise Open311Error(400, "status must be open, closed or both (comma-separated)")
    if not asked or {OPEN, CLOSED} <= set(asked):
        return []
    wanted_open = asked[0] == OPEN
    return [s.value for s in Status if (s in PUBLIC_OPEN_STATUSES) == wanted_open]


def format_of(fmt: str) -> str:
    """The format named by a path's extension, or 404."""
    if fmt not in FORMATS:
        raise Open311Error(404, "formats are .json and .xml")
    return fmt
