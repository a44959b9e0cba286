"""The one settings class: every knob of citybot, read from CITYBOT_* variables and `.env`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import (
    AnyHttpUrl,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split_ids(value: object) -> object:
    """Accept "1,2, 3" (as an environment variable gives it) as well as a list."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, int):
        return [value]
    return value


class Settings(BaseSettings):
    """citybot's configuration; every field maps to CITYBOT_<FIELD> in the environment."""

    model_config = SettingsConfigDict(
        env_prefix="CITYBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    telegram_token: SecretStr | None = Field(
        default=None, description="Bot token from @BotFather; not needed for `citybot console`."
    )
    telegram_api_url: AnyHttpUrl | None = Field(
        default=None,
        description="Root of a local Bot API server, e.g. http://127.0.0.1:8081.",
    )
    telegram_connections: int | None = Field(
        default=None,
        ge=1,
        le=256,
        description="Bot API requests in flight at once (default 16; 8 to a local server).",
    )
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret token Telegram must send with every webhook request."
    )
    database_url: str = "sqlite+aiosqlite:///var/citybot.db"
    data_dir: Path = Path("var")
    index_dir: Path = Path("var/index")
    chroma_url: AnyHttpUrl | None = None
    embedding_model_path: Path | None = Field(
        default=None, description="A local sentence-transformers model folder, if any."
    )
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    staff_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    staff_chat_id: int | None = None
    default_language: Literal["zh", "en", "zh-hant"] = "zh"
    categories_file: Path | None = Field(
        default=None, description="Operator's categories YAML replacing the shipped one."
    )
    duplicate_radius_m: float = Field(default=250.0, gt=0, le=10_000)
    duplicate_max_age_days: int = Field(default=30, gt=0, le=365)
    asset_snap_m: float = Field(
        default=30.0, gt=0, le=500, description="How near a 部件 must be to offer it to a report."
    )
    reports_per_hour: int = Field(default=5, ge=1, le=1000)
    attendance_position_days: int = Field(
        default=30, ge=1, le=3650, description="Days staff positions are kept, then purged."
    )
    attendance_grace_minutes: int = Field(
        default=5, ge=0, le=240, description="Minutes after a shift's start a check-in is on time."
    )
    max_photo_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    llm_base_url: AnyHttpUrl | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    geocoder: str | None = Field(
        default=None,
        pattern=r"^[\w.]+:\w+$",
        description="package.module:factory of a geocoder for typed addresses (optional).",
    )
    shared_state: bool = Field(
        default=False,
        description="Reload user/chat data on each update (several webhook workers).",
    )
    gas_hotline: str | None = Field(
        default=None,
        pattern=r"^[\d +()-]{3,32}$",
        description="The gas company's emergency line, shown with 119 in the safety steps.",
    )
    instance: str = Field(
        default="main",
        pattern=r"^[\w.-]{1,64}$",
        description="This bot process's name; with several workers, give each its own.",
    )
    open311_public_reads: bool = Field(
        default=True,
        description="Open311 GETs of service requests are open to all; false: an api_key only.",
    )
    open311_posts_per_hour: int = Field(
        default=60, ge=1, le=100_000, description="Open311 requests one api_key may file an hour."
    )
    open311_services_file: Path | None = Field(
        default=None, description="Operator's Open311 service codes YAML replacing the shipped one."
    )
    open311_contact: str = Field(
        default="",
        max_length=500,
        description="Who to ask about the Open311 server and its keys (discovery's contact).",
    )
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    web_url: AnyHttpUrl | None = Field(
        default=None,
        description="Public HTTPS base URL of `citybot web` (the Mini App and /web's links).",
    )
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=1, le=65535)
    web_tile_url: str | None = Field(
        default=None,
        pattern=r"^https?://\S+$",
        description="Map tiles as a {z}/{x}/{y} URL template (none: a map without tiles).",
    )
    web_tile_attribution: str = Field(
        default="", max_length=300, description="The tiles' attribution line, shown on the map."
    )
    web_session_secret: SecretStr | None = Field(
        default=None,
        description="Key signing the dashboard's session cookie (else from the token).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    _split_admins = field_validator("admin_ids", "staff_ids", mode="before")(_split_ids)

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        allowed = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
        if not value.startswith(allowed):
            raise ValueError(f"must start with one of {', '.join(allowed)}")
        from sqlalchemy.engine import make_url

        # SQLAlchemy parses the URL only when the engine is made, and its own error quotes the
        # whole URL with the password; parse it here so a bad one stops start-up cleanly.
        try:
            make_url(value).port  # noqa: B018 - reading the port is what checks it
        except ValueError:
            raise ValueError(
                "is not a valid database URL (check the host, the port and %-escapes)"
            ) from None
        return value

    @property
    def photos_dir(self) -> Path:
        """Where content-addressed photos are kept."""
        return self.data_dir / "photos"

    @property
    def bot_api_connections(self) -> int:
        """How many requests to the Bot API may be in flight at once."""
        # Sends in flight = rate x round trip: 16 carry Telegram's 30 messages a second at up
        # to half a second away. A local server answers in a millisecond, and every idle
        # connection costs the HTTP pool a check on each request (bench/bot_throughput.py).
        if self.telegram_connections is not None:
            return self.telegram_connections
        return 16 if self.telegram_api_url is None else 8

    @property
    def llm_configured(self) -> bool:
        """True when an OpenAI-compatible endpoint and model are both set."""
        return self.llm_base_url is not None and bool(self.llm_model)


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings, turning pydantic's report into one clear line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None


# scheme://user:password@host: the password runs to the last "@" (a password may hold one).
_CREDENTIALS = re.compile(r"(://[^:/@\s]*):.*@")


def mask_credentials(text: str) -> str:
    """Replace the password of every `scheme://user:password@` in `text` with `***`."""
    return _CREDENTIALS.sub(r"\1:***@", text)


def _is_secret(field: str) -> bool:
    """True when the setting `field` holds a secret, whose value is never shown."""
    info = Settings.model_fields.get(field)
    if info is None:
        return True  # not a field we know: show nothing rather than guess
    annotation = info.annotation
    return annotation is SecretStr or SecretStr in get_args(annotation)


def describe_validation_error(exc: ValidationError) -> str:
    """Render the first problem as `CITYBOT_X: what is wrong (got 'value')`, secrets masked."""
    first = exc.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "?"
    message = mask_credentials(first["msg"].removeprefix("Value error, "))
    value = first.get("input")
    shown = ""
    if isinstance(value, str | int | float) and not _is_secret(field):
        shown = f" (got {mask_credentials(repr(value))})"
    extra = f"; {len(exc.errors()) - 1} more problem(s)" if len(exc.errors()) > 1 else ""
    return f"CITYBOT_{field.upper()}: {message}{shown}{extra}"
