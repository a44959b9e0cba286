"""Logging in with a one-time link from the bot, and out.

`/web` in the bot sends a link to GET /login?token=…, which shows a button and changes
nothing: link previews and scanners that fetch the link do not spend it. The button POSTs
the token (with the CSRF double-submit value); a fresh, unused token of someone on the
staff roster becomes a signed session cookie, and the token is used up.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.web.access import client_address, web_of
from bot.web.pages import page
from bot.web.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_SECONDS,
    csrf_matches,
    make_session,
    new_csrf_token,
)
from storage.weblogin import service as weblogin

MAX_FORM_BYTES = 4096


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


async def login_page(request: Request) -> Response:
    """The login page: a button for a link's token, else how to get a link."""
    web = web_of(request)
    token = request.query_params.get("token", "")
    csrf = request.cookies.get(CSRF_COOKIE) or new_csrf_token()
    name = "login.html" if token else "login_needed.html"
    response = page(web, name, fields={"token": token, "csrf": csrf})
    response.set_cookie(
        CSRF_COOKIE, csrf, httponly=True, samesite="strict", secure=_secure(request), path="/"
    )
    return response


async def _form(request: Request) -> dict[str, str] | None:
    """The urlencoded form of a small POST (the only kind our pages send); None if larger."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    except (UnicodeDecodeError, ValueError):
        return {}
    return dict(pairs)


def _refused(web_status: int, text: str) -> Response:
    return PlainTextResponse(text, status_code=web_status)


async def login(request: Request) -> Response:
    """Exchange a one-time token for a session cookie."""
    web = web_of(request)
    if not web.post_limit.allow(client_address(request)):
        return _refused(429, "too many requests; wait a minute")
    form = await _form(request)
    if form is None:
        return _refused(413, "form is too large")
    if not csrf_matches(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
        return _refused(403, "the form is stale: open the link again")
    async with web.store.unit_of_work() as uow:
        user_id = await weblogin.redeem_login_token(uow, token=form.get("token", ""))
    if user_id is None:
        return page(web, "login_failed.html", status_code=400)
    actor = await web.actor_of(user_id)
    if not actor.is_staff:
        return _refused(403, "staff only")
    response = RedirectResponse("/dashboard", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        make_session(web.session_key, user_id),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        path="/",
    )
    return response


async def logout(request: Request) -> Response:
    """End the session (a POST with the CSRF value, so no other site can log one out)."""
    web = web_of(request)
    if not web.post_limit.allow(client_address(request)):
        return _refused(429, "too many requests; wait a minute")
    form = await _form(request)
    if form is None or not csrf_matches(request.cookies.get(CSRF_COOKIE), form.get("csrf")):
        return _refused(403, "the form is stale: reload the page")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def login_routes() -> list[BaseRoute]:
    """GET and POST /login, POST /logout."""
    return [
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/logout", logout, methods=["POST"]),
    ]
