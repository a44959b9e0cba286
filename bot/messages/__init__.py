"""The message catalogue: every user-facing string, as gettext catalogues per locale.

The texts live in `bot/locales/<locale>/LC_MESSAGES/citybot.po`, maintained with pybabel
(README, "Adding a string"). A msgid is a key ("report.filed") and each locale's msgstr is
its text, with `{placeholders}` filled by `t()`. Every msgid is a literal in the code,
inside `t("…")` (or another function babel.cfg names) or marked with `t_("…")` where a
mapping of codes to keys needs one, so that `pybabel extract` finds them all.

The .po files are compiled in memory when this module is imported; no .mo file is shipped,
so a compiled catalogue can never be older than the .po it came from, and an editable
install reads the files straight from the source tree. A locale is a directory of
bot/locales: adding its .po file adds the language. A locale written in traditional
characters (zh_Hant) also gets its parameters in them (bot/messages/script.py): what the
store and the index hold is simplified Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path
from typing import Final

from babel import Locale
from babel.core import get_global
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.messages.script import traditional

DOMAIN: Final = "citybot"
LOCALES_DIR: Final = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LOCALE: Final = "zh_CN"

_LIKELY: Final[Mapping[str, str]] = get_global("likely_subtags")
_WRITTEN_AS: Final = {"yue": "zh"}
"""Cantonese is written in Chinese characters: a yue reader gets the Chinese locale of their
script (traditional, unless they say yue-Hans)."""
VERBATIM: Final = frozenset(
    {"name", "who", "mentions", "assignee", "by", "place", "file", "column", "field"}
)
"""Parameters shown as they were written, whatever the script: people's names, addresses
(恩宁路的某某里 is not 裏), and the file names and column headers a teacher typed (a problem in
their file must name what is there)."""


def language_code(locale: str) -> str:
    """The code a locale is known by in chats and stored rows: zh_CN → 'zh', zh_Hant → 'zh-hant'.

    The language and a script written in the locale's name, never its territory.
    """
    language, *rest = locale.replace("-", "_").split("_")
    scripts = [part for part in rest if len(part) == 4 and part.isalpha()]
    return "-".join([language.lower(), *(script.lower() for script in scripts[:1])])


class _Missing(NullTranslations):
    """The end of every fallback chain: a msgid no locale translates is a bug, not a text."""

    def gettext(self, message: str) -> str:
        raise KeyError(f"no message {message!r} in the catalogue (bot/locales)")


def _compile(path: Path) -> tuple[Translations, dict[str, str]]:
    """The .po file at `path` as Translations (compiled in memory), and its texts."""
    with path.open("rb") as file:
        catalog = read_po(file, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)  # fuzzy and untranslated entries are left out, as msgfmt does
    buffer.seek(0)
    texts = {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }
    return Translations(buffer, domain=DOMAIN), texts


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The compiled catalogues of one locales directory."""

    default: str
    languages: tuple[str, ...]
    locales: Mapping[str, Locale]
    translations: Mapping[str, Translations]
    texts: Mapping[str, Mapping[str, str]]
    """msgid → {language: text}, translated entries only."""

    def normalize(self, code: str | None) -> str:
        """The language of ours for a Telegram code (zh-hans, en-US, zh-TW …), else the default."""
        if not code:
            return self.default
        tag = code.lower().replace("_", "-")
        if tag in self.languages:
            return tag
        # zh-TW, zh-HK and yue are written in traditional characters: zh-hant, if we have it.
        language, *subtags = tag.split("-")
        base = _WRITTEN_AS.get(language, language)
        for candidate in (f"{base}-{_script(language, subtags)}", base):
            if candidate in self.languages:
                return candidate
        return self.default

    def is_traditional(self, lang: str | None) -> bool:
        """True when `lang`'s locale is written in traditional characters."""
        return self.locales[self.normalize(lang)].script == "Hant"

    def in_script(self, text: str, lang: str | None) -> str:
        """Chinese `text` (the store's, the index's) in the script of `lang`'s locale."""
        return traditional(text) if self.is_traditional(lang) else text

    def text(self, key: str, lang: str | None = None, /, **params: object) -> str:
        """The text of msgid `key` in `lang`, formatted with `params`."""
        lang = self.normalize(lang)
        template = self.translations[lang].gettext(key)
        if self.is_traditional(lang):
            if lang not in self.texts.get(key, {}):  # fell back to simplified Chinese
                template = traditional(template)
            params = {name: _in_traditional(name, value) for name, value in params.items()}
        return template.format(**params) if params else template


def _in_traditional(name: str, value: object) -> object:
    return traditional(value) if isinstance(value, str) and name not in VERBATIM else value


def _script(language: str, subtags: list[str]) -> str:
    """The script a language tag is written in ('hant' for zh-tw), '' when not known."""
    written = [part for part in subtags if len(part) == 4 and part.isalpha()]
    if written:
        return written[0]
    regions = [part.upper() for part in subtags if len(part) in (2, 3)]
    likely = _LIKELY.get("_".join([language, *regions[:1]])) or _LIKELY.get(language, "")
    parts = likely.split("_")
    return parts[1].lower() if len(parts) > 2 and len(parts[1]) == 4 else ""


def load(directory: Path, default_locale: str = DEFAULT_LOCALE) -> Catalogue:
    """Compile every `<locale>/LC_MESSAGES/citybot.po` under `directory`."""
    paths: dict[str, Path] = {}
    for path in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        code = language_code(path.parents[1].name)
        if code in paths:
            raise RuntimeError(f"{path} and {paths[code]} are both language {code!r}")
        paths[code] = path
    default = language_code(default_locale)
    if default not in paths:
        raise RuntimeError(f"no {default_locale}/LC_MESSAGES/{DOMAIN}.po under {directory}")
    translations: dict[str, Translations] = {}
    by_language: dict[str, dict[str, str]] = {}
    for code, path in paths.items():
        translations[code], by_language[code] = _compile(path)
    # A text a locale lacks falls back to the default language's; one no locale has raises.
    translations[default].add_fallback(_Missing())
    for code, chain in translations.items():
        if code != default:
            chain.add_fallback(translations[default])
    languages = (default, *sorted(set(paths) - {default}))
    keys = sorted({key for texts in by_language.values() for key in texts})
    return Catalogue(
        default=default,
        languages=languages,
        locales={code: Locale.parse(path.parents[1].name) for code, path in paths.items()},
        translations=translations,
        texts={
            key: {code: by_language[code][key] for code in languages if key in by_language[code]}
            for key in keys
        },
    )


_CATALOGUE: Final = load(LOCALES_DIR)

DEFAULT_LANGUAGE: Final = _CATALOGUE.default
LANGUAGES: Final = _CATALOGUE.languages
"""The language codes we answer in, the default (Simplified Chinese) first."""
LOCALES: Final = _CATALOGUE.locales
"""Each language's Babel locale, for dates and numbers."""
CATALOGUE: Final = _CATALOGUE.texts
"""A read-only view, msgid → {language: text}, for tests and tools; code calls t()."""
MSGIDS: Final = frozenset(CATALOGUE)


def normalize_language(code: str | None) -> str:
    """Map a Telegram language code (zh-hans, en-US, zh-TW …) to one we have, zh by default."""
    return _CATALOGUE.normalize(code)


def is_chinese(lang: str | None) -> bool:
    """True for a language we answer in Chinese characters (zh, zh-hant)."""
    return normalize_language(lang).split("-")[0] == "zh"


def in_script(text: str, lang: str | None) -> str:
    """Chinese `text` from the store or the index, in the script `lang` reads."""
    return _CATALOGUE.in_script(text, lang)


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The text of msgid `key` in `lang` (falling back to zh), formatted with `params`."""
    return _CATALOGUE.text(key, lang, **params)


def t_(key: str) -> str:
    """Mark `key` as a msgid for `pybabel extract` without translating it (gettext's N_)."""
    if key not in MSGIDS:
        raise KeyError(f"no message {key!r} in the catalogue (bot/locales)")
    return key


def texts_of(key: str) -> list[str]:
    """The text of `key` in every language (a menu button's label matches any of them)."""
    return [t(key, lang) for lang in LANGUAGES]
