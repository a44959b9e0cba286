"""Telegram-shaped API errors that the stand-in answers with."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error the Bot API reports as {"ok": false, "error_code": ..., "description": ...}."""

    def __init__(
        self, error_code: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        """The response body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """A 400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    """A 403 with Telegram's "Forbidden: " prefix."""
    return ApiError(403, f"Forbidden: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """A 429 flood-control error carrying retry_after, as Telegram sends it."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )


def not_found() -> ApiError:
    """The 404 Telegram answers for an unknown method."""
    return ApiError(404, "Not Found")


def unauthorized() -> ApiError:
    """The 401 Telegram answers for a wrong token."""
    return ApiError(401, "Unauthorized")


DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class StandInError(AssertionError):
    """A test asked the stand-in for something impossible (e.g. pressing a missing button)."""
