"""The classes of 部件 (a data file) and which reports are about an asset of which class."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from zhconv import convert

CLASS_CODE = re.compile(r"[0-9]{5}")


class AssetClassesError(ValueError):
    """The classes file is unfit (named in the message)."""


@dataclass(frozen=True, slots=True)
class AssetClass:
    """A kind of 部件: its 5-digit code (major + minor class), names and matching words."""

    code: str
    zh: str
    en: str
    categories: tuple[str, ...]
    words: tuple[str, ...]

    @property
    def major(self) -> str:
        return self.code[:2]

    @property
    def minor(self) -> str:
        return self.code[2:]

    def name(self, lang: str) -> str:
        """The class's name in `lang` (zh or en; callers put zh in the reader's script)."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class AssetClasses:
    """Every class of the file, and the major classes that their codes begin with."""

    classes: dict[str, AssetClass]
    majors: dict[str, dict[str, str]]

    def get(self, code: str) -> AssetClass | None:
        """The class with this 5-digit code, or None."""
        return self.classes.get(code)

    def find(self, word: str) -> AssetClass | None:
        """The class a word names: its code, or its Chinese or English name (any case)."""
        text = word.strip()
        if text in self.classes:
            return self.classes[text]
        folded = fold(text)
        for item in self.classes.values():
            if folded in (fold(item.zh), item.en.lower()):
                return item
        return None

    def match(self, *, category: str, words: str) -> AssetClass | None:
        """The class a report of `category` saying `words` is about: the class whose word
        comes first in the words (the longer at one place), or None."""
        text = fold(words)
        best: tuple[int, int, AssetClass] | None = None
        for item in self.classes.values():
            if category not in item.categories:
                continue
            for word in item.words:
                at = _find_word(text, word)
                if at < 0:
                    continue
                if best is None or (at, -len(word)) < (best[0], best[1]):
                    best = (at, -len(word), item)
        return best[2] if best is not None else None


def fold(text: str) -> str:
    """Simplified, lower-case: how words are compared (繁體 and 粵語 writers included)."""
    return str(convert(text, "zh-cn")).lower()


def _find_word(text: str, word: str) -> int:
    if word.isascii():  # a Latin word is a whole word ("bin", "bins"; not "cabinet")
        found = re.search(rf"(?<![a-z]){re.escape(word)}s?(?![a-z])", text)
        return found.start() if found else -1
    return text.find(word)


@lru_cache(maxsize=8)
def load_asset_classes(path: Path | None = None) -> AssetClasses:
    """The classes of `path`, or of the shipped storage/assets/classes.yaml."""
    if path is None:
        text = resources.files("storage.assets").joinpath("classes.yaml").read_text("utf-8")
        where = "classes.yaml"
    else:
        text, where = path.read_text("utf-8"), str(path)
    try:
        data = yaml.safe_load(text) or {}
        return _parse(data)
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise AssetClassesError(f"{where}: {error}") from error


def _parse(data: dict[str, Any]) -> AssetClasses:
    majors = {str(code): dict(names) for code, names in (data.get("major_classes") or {}).items()}
    classes: dict[str, AssetClass] = {}
    for entry in data["classes"]:
        code = str(entry["code"])
        if not CLASS_CODE.fullmatch(code) or code[:2] not in majors:
            raise AssetClassesError(f"class {code!r}: 5 digits beginning with a major class")
        if code in classes:
            raise AssetClassesError(f"class {code} is listed twice")
        classes[code] = AssetClass(
            code=code,
            zh=str(entry["zh"]),
            en=str(entry["en"]),
            categories=tuple(str(c) for c in entry.get("categories") or ()),
            words=tuple(fold(str(w)) for w in entry.get("words") or ()),
        )
    return AssetClasses(classes=classes, majors=majors)
