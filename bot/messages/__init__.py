"""The message catalogue: every user-facing string, zh-CN first and English second.

Each feature keeps its strings in a module of this package as a dict
`{key: {"zh": ..., "en": ...}}`; they are merged here, and a test checks that no
key lacks a language and that no two modules define the same key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from bot.messages import basic, cli, kb, notify, quiz, resident, staff

LANGUAGES: Final = ("zh", "en")
DEFAULT_LANGUAGE: Final = "zh"

MODULES: Final[tuple[Mapping[str, Mapping[str, str]], ...]] = (
    basic.MESSAGES,
    cli.MESSAGES,
    kb.MESSAGES,
    notify.MESSAGES,
    quiz.MESSAGES,
    resident.MESSAGES,
    staff.MESSAGES,
)


def _merge() -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for module in MODULES:
        for key, texts in module.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice")
            merged[key] = texts
    return merged


CATALOGUE: Final = _merge()


def normalize_language(code: str | None) -> str:
    """Map a Telegram language code (zh-hans, en-US, …) to one we have, zh by default."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The text of `key` in `lang` (falling back to zh), formatted with `params`."""
    texts = CATALOGUE[key]
    template = texts.get(normalize_language(lang)) or texts[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template
