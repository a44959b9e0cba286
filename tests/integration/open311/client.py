"""The Open311 router on a Starlette app of its own, over a test's store, and the spec's
field names the tests check answers against."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from starlette.applications import Starlette

from bot.settings import Settings
from bot.web.open311 import open311_mount
from storage import Store
from storage.apikeys import create_key
from tests.store_calls import run

BASE = "http://open311.test/open311/v2"
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}


def settings_for(store: Store, **overrides: Any) -> Settings:
    """Settings with no .env and no CITYBOT_* variables of the machine's."""
    return Settings(_env_file=None, **overrides)  # type: ignore[call-arg]


@asynccontextmanager
async def open311_client(store: Store, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the Open311 server mounted over `store`."""
    app = Starlette(routes=[open311_mount(store, settings_for(store, **settings))])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as client:
        yield client


async def new_key(store: Store, name: str = "district app") -> str:
    """A fresh API key's secret."""
    return (await run(store, create_key, name=name)).secret


def xml_root(response: httpx.Response) -> ET.Element:
    """The answer parsed as XML (it must be well-formed), after checking its type."""
    assert response.headers["content-type"].startswith("text/xml"), response.headers
    return ET.fromstring(response.content)


def xml_items(root: ET.Element) -> list[dict[str, str]]:
    """Each child of `root` as {element name: text}."""
    return [{child.tag: child.text or "" for child in item} for item in root]


def error_of(response: httpx.Response) -> tuple[int, str]:
    """The one error of a JSON error answer, checked to be the spec's array."""
    body = response.json()
    assert isinstance(body, list) and len(body) == 1, body
    assert set(body[0]) == {"code", "description"}, body
    assert body[0]["code"] == response.status_code
    return body[0]["code"], body[0]["description"]
