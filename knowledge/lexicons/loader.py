"""Loading the word lists of knowledge/lexicons/: YAML mappings and plain-text word lists.

The lists are data, not code, so that the bureau's staff (or a reviewer) can read and extend
them without reading Python. Each file is validated on load, and a malformed one raises
`LexiconError` naming the file and what is wrong with it: a typo in a word list must stop the
bot at start-up with one clear line, not silently drop synonyms.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

import yaml

LEXICON_DIR: Final = Path(__file__).parent


class LexiconError(ValueError):
    """A lexicon file is missing or malformed; the message names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice (plain YAML keeps the last silently)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(path, f"cannot read ({exc.strerror or exc})") from exc
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise LexiconError(path, f"not valid YAML ({exc})") from exc


def _text(path: Path, value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(path, f"{where} must be a non-empty string, got {value!r}")
    return value.strip()


def load_mapping(path: Path) -> dict[str, str]:
    """A YAML mapping of word → replacement, both non-empty strings, keys unique."""
    data = _read_yaml(path)
    if not isinstance(data, dict) or not data:
        raise LexiconError(path, "must be a non-empty mapping of word: replacement")
    return {_text(path, k, "a key"): _text(path, v, f"the value of {k!r}") for k, v in data.items()}


def load_groups(path: Path, kinds: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """A YAML mapping of kind → list of phrases, with exactly the given kinds, each non-empty."""
    data = _read_yaml(path)
    expected = list(kinds)
    if not isinstance(data, dict):
        raise LexiconError(path, f"must be a mapping of {', '.join(expected)} to phrase lists")
    unknown = sorted(str(k) for k in data if k not in expected)
    missing = [k for k in expected if k not in data]
    if unknown or missing:
        raise LexiconError(path, f"unknown kinds {unknown}, missing kinds {missing}")
    groups: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for kind in expected:
        phrases = data[kind]
        if not isinstance(phrases, list) or not phrases:
            raise LexiconError(path, f"{kind} must be a non-empty list of phrases")
        cleaned = tuple(_text(path, p, f"a phrase of {kind}") for p in phrases)
        for phrase in cleaned:
            if phrase in owner:
                raise LexiconError(path, f"{phrase!r} is listed under {owner[phrase]} and {kind}")
            owner[phrase] = kind
        groups[kind] = cleaned
    return groups


def load_phrases(path: Path) -> tuple[str, ...]:
    """A YAML list of phrases (questions, say): non-empty strings, none given twice."""
    data = _read_yaml(path)
    if not isinstance(data, list) or not data:
        raise LexiconError(path, "must be a non-empty list of phrases")
    seen: dict[str, int] = {}
    for number, value in enumerate(data, start=1):
        phrase = _text(path, value, f"item {number}")
        if phrase in seen:
            raise LexiconError(path, f"item {number}: {phrase!r} is item {seen[phrase]} already")
        seen[phrase] = number
    return tuple(seen)


def load_word_list(path: Path) -> tuple[str, ...]:
    """A plain-text list: words separated by whitespace, `#` starts a comment; no repeats."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(path, f"cannot read ({exc.strerror or exc})") from exc
    found: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        for word in line.split("#", 1)[0].split():
            if word in found:
                raise LexiconError(path, f"line {number}: {word!r} already on line {found[word]}")
            found[word] = number
    if not found:
        raise LexiconError(path, "has no words")
    return tuple(found)


@functools.cache
def mapping(name: str) -> Mapping[str, str]:
    """The shipped YAML mapping `name` (e.g. "synonyms"), loaded once."""
    return load_mapping(LEXICON_DIR / f"{name}.yaml")


@functools.cache
def word_list(name: str) -> tuple[str, ...]:
    """The shipped word list `name` (e.g. "anchors"), loaded once."""
    return load_word_list(LEXICON_DIR / f"{name}.txt")


@functools.cache
def phrases(name: str) -> tuple[str, ...]:
    """The shipped YAML phrase list `name` (e.g. "out_of_scope"), loaded once."""
    return load_phrases(LEXICON_DIR / f"{name}.yaml")


def groups(name: str, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The shipped YAML phrase groups `name` (e.g. "smalltalk") with exactly `kinds`."""
    return _groups(name, kinds)


@functools.cache
def _groups(name: str, kinds: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return load_groups(LEXICON_DIR / f"{name}.yaml", kinds)
