"""Who is asking: a staff member by their session cookie, anyone else refused.

Every dashboard route is wrapped by `staff_only`: no session, a forged or an expired one
gets 401 (pages send the browser to /login instead), a session of someone no longer on
the roster 403. The roster is read on each request, never trusted from the cookie.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bot.web.context import WebContext
from bot.web.security import SESSION_COOKIE, read_session
from storage import Actor

StaffEndpoint = Callable[[Request, Actor], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


def web_of(request: Request) -> WebContext:
    """The WebContext of the app serving `request`."""
    web: WebContext = request.app.state.web
    return web


async def session_actor(request: Request) -> tuple[int | None, Actor | None]:
    """The session's user id (None: no valid session) and who they are now."""
    web = web_of(request)
    user_id = read_session(web.session_key, request.cookies.get(SESSION_COOKIE))
    if user_id is None:
        return None, None
    return user_id, await web.actor_of(user_id)


def staff_only(*, page: bool = False) -> Callable[[StaffEndpoint], Endpoint]:
    """Serve the endpoint to logged-in staff only (a `page` sends others to /login)."""

    def decorate(endpoint: StaffEndpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            user_id, actor = await session_actor(request)
            if user_id is None or actor is None:
                if page:
                    return RedirectResponse("/login", status_code=303)
                return PlainTextResponse("login required", status_code=401)
            if not actor.is_staff:
                return PlainTextResponse("staff only", status_code=403)
            return await endpoint(request, actor)

        return guarded

    return decorate


def client_address(request: Request) -> str:
    """The client's address (uvicorn puts a trusted proxy's X-Forwarded-For here)."""
    return request.client.host if request.client is not None else "?"
