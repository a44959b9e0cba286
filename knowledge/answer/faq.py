"""FAQ entries (标准问, 相似问, 标准答案, 依据): the value, and loading them from YAML.

An entry is frozen: staff edits replace entries, they never change one in place, so a reader
holding the live set (see `KnowledgeBase.use_faq`) never sees half an edit. The shipped entries
are knowledge/faq/*.yaml, one file per corpus document.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

from knowledge.errors import KnowledgeError

FAQ_DIR: Final = Path(__file__).resolve().parent.parent / "faq"
CORPUS_DIR: Final = FAQ_DIR.parent / "corpus"
MIN_SIMILAR: Final = 8
LANGUAGES: Final = ("zh", "en")  # every entry answers in each of these
SAFE_LOADER: Final[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it: the same documents, read about eight times
faster (the shipped FAQ is read at every start)."""
STAFF_SOURCE: Final = "staff"
"""The source of an entry staff wrote from chat: their word, not a corpus document."""


class FaqFileError(KnowledgeError):
    """An FAQ file is unreadable or an entry in it is malformed; the message names both."""


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One FAQ entry: the standard question, its similar questions, the standard answer in
    each language, and the corpus document and passage it rests on."""

    id: str
    question: str
    similar: tuple[str, ...]
    answers: Mapping[str, str]
    source: str
    passage: str
    file: str = field(default="", compare=False)  # where it was loaded from, for messages
    date: str = field(default="", compare=False)  # when staff wrote it (YYYY-MM-DD), if they did

    def __post_init__(self) -> None:
        # A read-only view: the entry is shared by concurrent readers.
        object.__setattr__(self, "answers", MappingProxyType(dict(self.answers)))
        object.__setattr__(self, "similar", tuple(self.similar))

    def answer_in(self, lang: str) -> str:
        """The standard answer in `lang`, else the Chinese one."""
        return self.answers.get(lang) or self.answers.get("zh") or next(iter(self.answers.values()))

    @property
    def questions(self) -> tuple[str, ...]:
        """The standard question and every similar one."""
        return (self.question, *self.similar)


def validate(entry: FaqEntry, *, sources: Collection[str] | None = None) -> None:
    """Raise FaqFileError naming the file and entry when `entry` is not fit to answer from."""
    where = f"{entry.file or 'FAQ'}: entry {entry.id or '(no id)'}"
    if not entry.id.strip():
        raise FaqFileError(f"{where}: id is missing")
    if not entry.question.strip():
        raise FaqFileError(f"{where}: question is missing")
    if entry.source == STAFF_SOURCE:
        # Staff answer one resident's question in chat: one question and a Chinese answer
        # is what they have; the similar questions and an English answer may come later.
        if not entry.answers.get("zh", "").strip():
            raise FaqFileError(f"{where}: answer.zh is missing")
        return
    similar = [s for s in entry.similar if s.strip()]
    if len(similar) < MIN_SIMILAR:
        raise FaqFileError(
            f"{where}: {len(similar)} similar questions, at least {MIN_SIMILAR} are needed"
        )
    for lang in LANGUAGES:
        if not entry.answers.get(lang, "").strip():
            raise FaqFileError(f"{where}: answer.{lang} is missing")
    if not entry.source.strip():
        raise FaqFileError(f"{where}: source is missing")
    if sources is not None and entry.source not in sources:
        raise FaqFileError(f"{where}: source {entry.source} is not a corpus document")
    if not entry.passage.strip():
        raise FaqFileError(f"{where}: passage is missing")


def entry_from_mapping(raw: Mapping[str, Any], *, file: str = "") -> FaqEntry:
    """An entry from its YAML mapping (not yet validated); FaqFileError if the shape is wrong."""
    where = f"{file or 'FAQ'}: entry {raw.get('id', '(no id)')}"
    answer = raw.get("answer")
    similar = raw.get("similar")
    if not isinstance(answer, Mapping):
        raise FaqFileError(f"{where}: answer must map languages (zh, en) to texts")
    if not isinstance(similar, list):
        raise FaqFileError(f"{where}: similar must be a list of questions")
    return FaqEntry(
        id=str(raw.get("id") or ""),
        question=str(raw.get("question") or ""),
        similar=tuple(str(s) for s in similar if s is not None),
        answers={str(k): str(v) for k, v in answer.items() if v is not None},
        source=str(raw.get("source") or ""),
        passage=str(raw.get("passage") or ""),
        file=file,
    )


def load_faq_file(path: Path, *, sources: Collection[str] | None = None) -> list[FaqEntry]:
    """The validated entries of one YAML file (a list of entries)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as exc:
        raise FaqFileError(f"{path.name}: cannot read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise FaqFileError(f"{path.name}: not valid YAML ({exc})") from exc
    if not isinstance(data, list):
        raise FaqFileError(f"{path.name}: must be a list of entries")
    entries = []
    for number, raw in enumerate(data, start=1):
        if not isinstance(raw, Mapping):
            raise FaqFileError(f"{path.name}: entry {number} is not a mapping")
        entry = entry_from_mapping(raw, file=path.name)
        validate(entry, sources=sources)
        entries.append(entry)
    return entries


def corpus_sources(folder: Path = CORPUS_DIR) -> frozenset[str]:
    """The file names of the shipped corpus documents, which FAQ entries cite."""
    return frozenset(path.name for path in folder.iterdir() if path.is_file())


def load_faq(folder: Path = FAQ_DIR, *, sources: Collection[str] | None = None) -> list[FaqEntry]:
    """Every entry of every *.yaml file in `folder`; ids must be unique across files.

    `sources` are the documents an entry may cite: the shipped corpus unless given."""
    if sources is None:
        sources = corpus_sources()
    entries: list[FaqEntry] = []
    for path in sorted(folder.glob("*.yaml")):
        entries.extend(load_faq_file(path, sources=sources))
    check_unique(entries)
    return entries


def check_unique(entries: Iterable[FaqEntry]) -> None:
    """Raise FaqFileError when two entries share an id."""
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.id in seen:
            raise FaqFileError(
                f"{entry.file or 'FAQ'}: entry {entry.id}: id already used in {seen[entry.id]}"
            )
        seen[entry.id] = entry.file or "FAQ"
