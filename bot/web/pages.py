"""The HTML pages: static files of bot/web/static with their settings put in as JSON."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from starlette.responses import HTMLResponse

from bot.web.context import WebContext
from bot.web.security import security_headers

STATIC = resources.files("bot.web") / "static"


@cache
def _template(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """`data` as JSON safe inside a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(
    web: WebContext,
    name: str,
    *,
    config: dict[str, Any] | None = None,
    fields: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """The page `name`, `{{config}}` its JSON settings and each `{{field}}` escaped text."""
    html = _template(name).replace("{{config}}", script_json(config or {}))
    for key, value in (fields or {}).items():
        html = html.replace("{{" + key + "}}", escape(value))
    headers = security_headers(web.tile_origin) | {"Cache-Control": "no-store"}
    return HTMLResponse(html, status_code=status_code, headers=headers)
