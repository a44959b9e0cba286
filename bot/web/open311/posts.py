"""POST requests.json: a client with an api_key files a service request, through the one
intake service, as any report is filed. Nothing of the person behind it is kept: the spec's
email, device_id, account_id, first_name, last_name and phone are ignored, and so is
media_url (photos come from residents in chat only)."""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl

from starlette.requests import Request

from bot.geocoding import Geocoder
from bot.settings import Settings
from bot.web.open311.directory import Service, ServiceDirectory
from bot.web.open311.formats import Open311Error
from bot.web.open311.reads import Answer
from storage import InvalidInput, Store
from storage.apikeys import (
    InvalidApiKey,
    RateLimited,
    authorize_post,
    check_key,
    new_token,
    record_request,
)
from storage.tickets import MAX_DESCRIPTION, ReportDraft
from storage.tickets.intake import Triage, file_report

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 64 * 1024
GEOCODE_SECONDS = 5.0
INVALID_KEY = "api_key is missing, unknown or revoked"
FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True, slots=True)
class Submission:
    """What a POST asks to file, checked."""

    service: Service
    description: str
    latitude: float | None
    longitude: float | None
    address: str | None


class Posts:
    """POST requests.json over one store, its service directory, intake's triage, the settings."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        directory: ServiceDirectory,
        triage: Triage,
        geocoder: Geocoder | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.directory = directory
        self.triage = triage
        self.geocoder = geocoder

    async def create(self, request: Request) -> Answer:
        """File the request; answer its service_request_id and token."""
        fields = await read_form(request)
        secret = fields.get("api_key")
        try:
            # Checked before the fields, and before a geocoder is asked anything.
            async with self.store.unit_of_work(read_only=True) as uow:
                await check_key(uow, secret=secret)
        except InvalidApiKey:
            raise Open311Error(403, INVALID_KEY) from None
        submission = await self.locate(self.check(fields))
        token = new_token()
        async with self.store.unit_of_work() as uow:
            try:
                key = await authorize_post(
                    uow, secret=secret, per_hour=self.settings.open311_posts_per_hour
                )
            except InvalidApiKey:
                raise Open311Error(403, INVALID_KEY) from None
            except RateLimited as exc:
                raise Open311Error(429, f"at most {exc.per_hour} requests an hour") from None
            draft = ReportDraft(
                intake_key=f"open311:{token}",
                language=self.settings.default_language,
                caption=submission.description,
                description=submission.description,
                latitude=submission.latitude,
                longitude=submission.longitude,
                address=submission.address,
                category=submission.service.category.code,
            )
            try:
                filed = await file_report(uow, draft=draft, suggest=self.triage)
            except InvalidInput as exc:
                raise Open311Error(400, str(exc) or exc.code) from None
            await record_request(uow, key_id=key.key_id, token=token, ticket_number=filed.number)
        row = {
            "service_request_id": filed.number,
            "token": token,
            "service_notice": None,
            "account_id": None,
        }
        return Answer([row], "service_requests")

    async def locate(self, submission: Submission) -> Submission:
        """The submission with the coordinates of its address, when it has only an address
        and the operator configured a geocoder (which may fail or find nothing)."""
        if self.geocoder is None or submission.latitude is not None or not submission.address:
            return submission
        try:
            async with asyncio.timeout(GEOCODE_SECONDS):
                found = await self.geocoder.locate(submission.address)
        except Exception:  # an operator's plug-in: its failure must not lose the request
            log.warning("open311: the geocoder failed; filed with the address alone")
            return submission
        if found is None:
            return submission
        latitude, longitude = found
        return replace(submission, latitude=latitude, longitude=longitude)

    def check(self, fields: dict[str, str]) -> Submission:
        """The submission the fields describe, or a 400 naming what is wrong."""
        code = fields.get("service_code", "").strip()
        if not code:
            raise Open311Error(400, "service_code is required")
        service = self.directory.by_code(code)
        if service is None:
            raise Open311Error(400, f"service_code {code!r} not found")
        description = fields.get("description", "").strip()
        if not description:
            raise Open311Error(400, "description is required")
        if len(description) > MAX_DESCRIPTION:
            raise Open311Error(400, f"description may be at most {MAX_DESCRIPTION} characters")
        latitude, longitude = _coordinates(fields.get("lat"), fields.get("long"))
        address = fields.get("address_string", "").strip() or None
        if latitude is None and address is None:
            raise Open311Error(400, "lat and long, or address_string, are required")
        return Submission(service, description, latitude, longitude, address)


async def read_form(request: Request) -> dict[str, str]:
    """The form's fields (the last of a repeated one); the query's api_key too."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM:
        raise Open311Error(400, f"send the fields as {FORM}")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise Open311Error(413, "the request is too large")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise Open311Error(413, "the request is too large")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise Open311Error(400, "the form is not UTF-8 form-encoded text") from None
    fields = dict(pairs)
    if "api_key" not in fields and "api_key" in request.query_params:
        fields["api_key"] = request.query_params["api_key"]
    return fields


def _coordinates(lat: str | None, lon: str | None) -> tuple[float | None, float | None]:
    given = [value.strip() for value in (lat, lon) if value and value.strip()]
    if not given:
        return None, None
    if len(given) == 1:
        raise Open311Error(400, "lat and long go together")
    try:
        latitude, longitude = float(given[0]), float(given[1])
    except ValueError:
        raise Open311Error(400, "lat and long must be decimal degrees (WGS84)") from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise Open311Error(400, "lat and long must be decimal degrees (WGS84)")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise Open311Error(400, "lat must be within ±90 and long within ±180")
    return latitude, longitude
