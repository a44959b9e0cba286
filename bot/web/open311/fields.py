"""The GeoReport v2 fields of services and service requests, and its W3C date-times."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.web.open311.directory import Service, ServiceDirectory, in_script
from bot.web.open311.formats import Open311Error
from storage import Catalog
from storage.tickets.public import PublicRequest

OPEN, CLOSED = "open", "closed"


def w3c(moment: datetime, timezone: ZoneInfo) -> str:
    """A moment as the spec writes it: 2026-11-23T10:00:00+08:00 (the bureau's local time)."""
    return moment.astimezone(timezone).isoformat(timespec="seconds")


def parse_w3c(value: str, parameter: str, timezone: ZoneInfo) -> datetime:
    """A W3C date or date-time of a query; one without an offset is the bureau's local time."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Open311Error(
            400, f"{parameter} must be a W3C date-time like 2026-11-23T10:00:00+08:00"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone)


def service_fields(service: Service, lang: str) -> dict[str, Any]:
    """One entry of services.json."""
    return {
        "service_code": service.code,
        "service_name": service.name(lang),
        "description": service.describe(lang),
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(service.keywords),
        "group": service.group,
    }


def definition_fields(service: Service) -> dict[str, Any]:
    """services/{code}.json: our services ask for no attributes beyond the standard ones."""
    return {"service_code": service.code, "attributes": []}


def request_fields(
    request: PublicRequest,
    *,
    directory: ServiceDirectory,
    catalog: Catalog,
    lang: str,
) -> dict[str, Any]:
    """One service request of requests.json: the spec's fields, nothing of the reporter."""
    service = directory.by_category(request.category)
    timezone = catalog.timezone
    names = "en" if lang == "en" else "zh"
    category = catalog.categories.get(request.category)
    return {
        "service_request_id": request.number,
        "status": OPEN if request.is_open else CLOSED,
        "status_notes": request.status_note,
        "service_name": in_script(category.name(names), lang) if category else None,
        "service_code": service.code if service else None,
        "description": request.description,
        "agency_responsible": in_script(catalog.department_name(request.department, names), lang),
        "service_notice": None,
        "requested_datetime": w3c(request.created_at, timezone),
        "updated_datetime": w3c(request.updated_at, timezone),
        "expected_datetime": w3c(request.deadline, timezone),
        "address": request.address,
        "address_id": None,
        "zipcode": None,
        "lat": request.latitude,
        "long": request.longitude,
        "media_url": None,
    }
