"""What a feature declares (handlers, commands, menu rows, outbox keyboards, jobs) and
what build_application() assembles from the ordered list of them (bot/features.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from storage.outbox.queue import OutboxItem

if TYPE_CHECKING:
    from bot.context import CityApplication, CityContext

KeyboardFactory = Callable[["CityApplication", OutboxItem, str], InlineKeyboardMarkup | None]
"""The buttons under an outbox message (application, row, recipient's language)."""

WordsFactory = Callable[[dict[str, Any], str], dict[str, Any]]
"""Turns an outbox row's stored codes into words of the recipient's language."""

JobCallback = Callable[["CityContext"], Any]


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A command, the msgid of its description, who sees it and where it works: "private"
    chats, "group" chats or "any" (the help text lists it there)."""

    name: str
    description_key: str
    staff: bool = False
    where: Literal["any", "private", "group"] = "any"


@dataclass(frozen=True, slots=True)
class MenuRow:
    """A row of the main menu: the msgids of its buttons; `top` rows come before the rest."""

    keys: tuple[str, ...]
    top: bool = False


@dataclass(frozen=True, slots=True)
class Registration:
    """A handler and the PTB group it is added to (lower groups see an update first)."""

    handler: BaseHandler[Update, CityContext, Any]
    group: int = 0


@dataclass(frozen=True, slots=True)
class Job:
    """A job run once after `first` seconds, or every `interval` seconds when one is set."""

    callback: JobCallback
    name: str
    first: float = 0.0
    interval: float | None = None


def _no_handlers() -> Sequence[Registration]:
    return ()


@dataclass(frozen=True)
class Feature:
    """One feature as the application sees it; `handlers` builds its handlers, in order."""

    name: str
    handlers: Callable[[], Sequence[Registration]] = _no_handlers
    commands: tuple[CommandInfo, ...] = ()
    menu_rows: tuple[MenuRow, ...] = ()
    keyboards: Mapping[str, KeyboardFactory] = field(default_factory=dict)
    words: Mapping[str, WordsFactory] = field(default_factory=dict)
    jobs: tuple[Job, ...] = ()


@dataclass(frozen=True)
class Wiring:
    """What the features declared, assembled: read by the menus and the outbox."""

    commands: tuple[CommandInfo, ...] = ()
    menu_rows: tuple[tuple[str, ...], ...] = ()
    keyboards: Mapping[str, KeyboardFactory] = field(default_factory=dict)
    words: Mapping[str, WordsFactory] = field(default_factory=dict)
    jobs: tuple[Job, ...] = ()

    def commands_for(
        self, *, staff: bool, chat: Literal["private", "group"] | None = None
    ) -> list[CommandInfo]:
        """The commands residents see (or, with staff=True, staff), in every chat or in a
        `chat` of that kind."""
        return [
            c
            for c in self.commands
            if (staff or not c.staff) and (chat is None or c.where in ("any", chat))
        ]


def _merged(features: Sequence[Feature], attribute: str) -> Mapping[str, Any]:
    merged: dict[str, Any] = {}
    for feature in features:
        for key, value in getattr(feature, attribute).items():
            # Two features claiming one outbox key would make one of them silently lose.
            if key in merged:
                raise ValueError(f"{feature.name}: {attribute} for {key!r} declared twice")
            merged[key] = value
    return MappingProxyType(merged)


def assemble(features: Sequence[Feature]) -> Wiring:
    """The commands, menu, keyboards, words and jobs of `features`, in their order."""
    commands: list[CommandInfo] = []
    for feature in features:
        for info in feature.commands:
            if any(c.name == info.name for c in commands):
                raise ValueError(f"{feature.name}: command /{info.name} declared twice")
            commands.append(info)
    rows = [row for feature in features for row in feature.menu_rows]
    menu = tuple(row.keys for row in rows if row.top) + tuple(r.keys for r in rows if not r.top)
    return Wiring(
        commands=tuple(commands),
        menu_rows=menu,
        keyboards=_merged(features, "keyboards"),
        words=_merged(features, "words"),
        jobs=tuple(job for feature in features for job in feature.jobs),
    )
