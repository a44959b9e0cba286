"""Request parameters as the Bot API reads them: JSON, form-encoded or multipart."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from tornado.httputil import HTTPFile, HTTPHeaders, parse_body_arguments

from bot.standin.errors import bad_request

# Parameters that are always plain strings, even when they look like JSON ("123", "true").
TEXT_PARAMETERS = frozenset(
    {
        "text",
        "caption",
        "question",
        "explanation",
        "title",
        "description",
        "name",
        "url",
        "secret_token",
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "parse_mode",
        "action",
        "language_code",
        "emoji",
        "address",
        "phone_number",
        "first_name",
        "last_name",
        "icon_custom_emoji_id",
        "question_parse_mode",
        "explanation_parse_mode",
        "business_connection_id",
        "message_effect_id",
    }
)


@dataclass(frozen=True)
class Upload:
    """A file uploaded as one part of a multipart request."""

    filename: str
    content: bytes
    mime_type: str


def _decode(name: str, value: Any) -> Any:
    if not isinstance(value, str) or name in TEXT_PARAMETERS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class Params:
    """The parameters of one API call, with typed getters that fail like Telegram does."""

    def __init__(self, values: dict[str, Any], files: dict[str, Upload] | None = None) -> None:
        self.values = {name: _decode(name, value) for name, value in values.items()}
        self.files = files or {}

    def has(self, name: str) -> bool:
        """Whether the parameter was given (and not null)."""
        return self.values.get(name) is not None or name in self.files

    def text(self, name: str) -> str | None:
        """The parameter as a string, or None when absent."""
        value = self.values.get(name)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def integer(self, name: str, default: int | None = None) -> int | None:
        """The parameter as an integer; a non-number is a 400."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            return int(str(value))
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def required_int(self, name: str) -> int:
        """An integer parameter that must be present."""
        value = self.integer(name)
        if value is None:
            raise bad_request(f"{name} is empty")
        return value

    def number(self, name: str) -> float | None:
        """The parameter as a float."""
        value = self.values.get(name)
        if value is None:
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def flag(self, name: str, default: bool = False) -> bool:
        """The parameter as a boolean ("true", "1", true)."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def obj(self, name: str) -> Any:
        """A JSON-serialised parameter (object or array); bad JSON is a 400."""
        value = self.values.get(name)
        if isinstance(value, str):
            raise bad_request(f"can't parse {name} JSON object")
        return value

    def upload(self, name: str) -> Upload | str | None:
        """A file parameter: the uploaded part, or the string given (file_id or URL)."""
        value = self.values.get(name)
        if isinstance(value, str) and value.startswith("attach://"):
            part = self.files.get(value.removeprefix("attach://"))
            if part is None:
                raise bad_request(f'can\'t find attached file "{value}"')
            return part
        if value is None:
            return self.files.get(name)
        return self.text(name)

    def attached(self, uri: str) -> Upload | None:
        """The part named by an attach://<name> URI (for media groups)."""
        return self.files.get(uri.removeprefix("attach://"))

    def for_log(self) -> dict[str, Any]:
        """Parameters as logged for tests: decoded values, uploads by filename and size."""
        logged = dict(self.values)
        for name, part in self.files.items():
            logged[name] = {"filename": part.filename, "size": len(part.content)}
        return logged


def _upload(part: HTTPFile) -> Upload:
    return Upload(
        filename=part.filename or "file",
        content=bytes(part.body),
        mime_type=part.content_type or "application/octet-stream",
    )


def parse_request(query: str, content_type: str, body: bytes, headers: HTTPHeaders) -> Params:
    """Read the parameters of a request the way the Bot API server does."""
    values: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    files: dict[str, Upload] = {}
    if body and content_type.startswith("application/json"):
        try:
            decoded = json.loads(body)
        except ValueError:
            raise bad_request("can't parse JSON encoded request") from None
        if not isinstance(decoded, dict):
            raise bad_request("JSON object expected")
        values.update(decoded)
    elif body:
        arguments: dict[str, list[bytes]] = {}
        parts: dict[str, list[HTTPFile]] = {}
        parse_body_arguments(content_type, body, arguments, parts, headers)
        for name, raw in arguments.items():
            values[name] = raw[-1].decode("utf-8", errors="replace")
        for name, uploads in parts.items():
            files[name] = _upload(uploads[-1])
    return Params(values, files)
