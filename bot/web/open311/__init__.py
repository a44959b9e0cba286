"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the work-order store.

    Mount("/open311/v2", routes=build_open311_routes(store, settings))

Every endpoint answers in JSON or XML by its extension: discovery, services, services/{code},
requests (GET with the spec's filters; POST with an api_key, filed by the one intake
service), requests/{id} and tokens/{token}. Errors are the spec's array of {code,
description} with that HTTP status. Nothing identifying a reporter is ever in an answer:
service requests are read through storage/tickets/public.py, which has no such field.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

from bot.geocoding import Geocoder, load_geocoder
from bot.settings import Settings
from bot.web.open311.directory import ServiceDirectory, ServicesFileError, load_directory
from bot.web.open311.formats import Open311Error, render, render_error
from bot.web.open311.posts import Posts
from bot.web.open311.reads import Answer, Reads, format_of
from storage import Store
from storage.db.engine import is_database_error
from storage.tickets.intake import Triage

log = logging.getLogger(__name__)
PREFIX = "/open311/v2"
UNAVAILABLE = "the service is unavailable just now; try again in a minute"

Endpoint = Callable[[Request], Awaitable[Answer]]

__all__ = ["PREFIX", "ServicesFileError", "build_open311_routes", "open311_mount"]


def open311_mount(store: Store, settings: Settings, *, triage: Triage | None = None) -> Mount:
    """The Open311 server at /open311/v2, ready to go in the web app's routes."""
    return Mount(PREFIX, routes=build_open311_routes(store, settings, triage=triage))


def build_open311_routes(
    store: Store,
    settings: Settings,
    *,
    triage: Triage | None = None,
    directory: ServiceDirectory | None = None,
    geocoder: Geocoder | None = None,
) -> list[BaseRoute]:
    """The Open311 endpoints over `store`; `triage` decides urgency at intake (the bot's
    own suggester by default); an address alone is located by `geocoder` (CITYBOT_GEOCODER's
    by default); the service codes come from CITYBOT_OPEN311_SERVICES_FILE or the shipped
    file (a file that does not fit the categories raises ServicesFileError)."""
    if directory is None:
        directory = load_directory(settings.open311_services_file, store.catalog)
    if triage is None:
        from bot.app import suggester_for

        triage = suggester_for(store.catalog)
    if geocoder is None:
        geocoder = load_geocoder(settings)
    reads = Reads(store, settings, directory)
    posts = Posts(store, settings, directory, triage, geocoder)

    async def discovery(request: Request) -> Answer:
        return reads.discovery(request)

    async def services(request: Request) -> Answer:
        return reads.services(request)

    async def definition(request: Request) -> Answer:
        return reads.definition(request.path_params["code"])

    async def requests(request: Request) -> Answer:
        if request.method == "POST":
            return await posts.create(request)
        return await reads.requests(request)

    async def one_request(request: Request) -> Answer:
        return await reads.one_request(request, request.path_params["id"])

    async def token(request: Request) -> Answer:
        return await reads.token(request, request.path_params["token"])

    return [
        Route("/discovery.{fmt}", _answering(discovery), methods=["GET"]),
        Route("/services.{fmt}", _answering(services), methods=["GET"]),
        Route("/services/{code}.{fmt}", _answering(definition), methods=["GET"]),
        Route("/requests.{fmt}", _answering(requests), methods=["GET", "POST"]),
        Route("/requests/{id}.{fmt}", _answering(one_request), methods=["GET"]),
        Route("/tokens/{token}.{fmt}", _answering(token), methods=["GET"]),
    ]


def _answering(endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
    """The endpoint answering in its path's format, its refusals as the spec's errors."""

    async def answer(request: Request) -> Response:
        fmt = request.path_params.get("fmt", "json")
        try:
            format_of(fmt)
            answer = await endpoint(request)
        except Open311Error as error:
            log.info("open311 %s %s: %d", request.method, request.url.path, error.code)
            return render_error(error, fmt)
        except Exception as error:
            if not is_database_error(error):
                raise
            log.warning(
                "open311 %s: the database is unavailable (%s)",
                request.url.path,
                type(error).__name__,
            )
            return render_error(Open311Error(503, UNAVAILABLE), fmt)
        return render(answer.data, fmt, root=answer.root)

    return answer
