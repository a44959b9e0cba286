"""Chinese-aware splitting: sentences first (。！？；), clauses (，、：) only when a sentence is
too long, then greedy packing into chunks of about `size` characters with sentence overlap.

Packing whole sentences (never cutting mid-sentence unless one sentence alone is longer than a
chunk) keeps every chunk quotable: the answer builder lifts sentences straight out of chunks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

# A sentence ends at Chinese or Western terminal punctuation, plus any closing quotes/brackets.
_END = "。！？；!?;…"
_CLOSE = "”’」』）)\\]"
_SENTENCE_END: Final = re.compile(
    rf"(?<=[{_END}])(?![{_CLOSE}{_END}])|(?<=[{_END}][{_CLOSE}])|(?<=\.)\s+|\n+"
)
_CJK_CLOSE: Final = re.compile(r"[。！？；，、：…”’」』）]$")
_WESTERN_CLOSE: Final = re.compile(r"[.!?;:,]$")
_CLAUSE_END: Final = re.compile(r"(?<=[，、：,:])")


@dataclass(frozen=True, slots=True)
class SplitterConfig:
    """Chunk size and overlap, in characters; chosen by measurement on kb_dev (see README)."""

    size: int = 300
    overlap: int = 60

    def __post_init__(self) -> None:
        if self.size < 20:
            raise ValueError("chunk size must be at least 20 characters")
        if not 0 <= self.overlap < self.size:
            raise ValueError("overlap must be between 0 and the chunk size")


def split_sentences(text: str) -> list[str]:
    """Split text into sentences at 。！？； (and .!?; and line breaks), dropping blanks."""
    pieces = (piece.strip() for piece in _SENTENCE_END.split(text))
    return [piece for piece in pieces if piece]


def _split_long(sentence: str, size: int) -> list[str]:
    """Break a sentence longer than `size` at clause marks, then hard-cut what is still long."""
    if len(sentence) <= size:
        return [sentence]
    parts: list[str] = []
    current = ""
    for clause in (c for c in _CLAUSE_END.split(sentence) if c):
        if current and len(current) + len(clause) > size:
            parts.append(current)
            current = ""
        current += clause
    if current:
        parts.append(current)
    pieces: list[str] = []
    for part in parts:
        pieces.extend(part[i : i + size] for i in range(0, len(part), size))
    return pieces


def split_text(text: str, config: SplitterConfig | None = None) -> list[str]:
    """Pack the sentences of `text` into chunks of about `config.size` characters."""
    config = config or SplitterConfig()
    units: list[str] = []
    for sentence in split_sentences(text):
        units.extend(_split_long(sentence, config.size))
    chunks: list[str] = []
    window: list[str] = []
    length = 0
    for unit in units:
        if window and length + len(unit) > config.size:
            chunks.append(join_sentences(window))
            window, length = _overlap_tail(window, config.overlap)
        window.append(unit)
        length += len(unit)
    if window:
        chunks.append(join_sentences(window))
    return chunks


def join_sentences(units: Sequence[str]) -> str:
    """Glue sentences back: directly after Chinese punctuation, a space after Western
    punctuation, a line break after anything else (a heading or a list line), so that
    `split_sentences` of the result gives the same units back."""
    if not units:
        return ""
    text = units[0]
    for unit in units[1:]:
        if _CJK_CLOSE.search(text):
            text += unit
        elif _WESTERN_CLOSE.search(text):
            text += " " + unit
        else:
            text += "\n" + unit
    return text


_LIST_ITEM: Final = re.compile(r"^(?:\d{1,2}[.、）)]|[（(]\d{1,2}[）)]|[-•·])\s*")


def lay_out(chunk: str) -> str:
    """A chunk as a reader reads it: each heading (a unit with no closing punctuation, as
    `join_sentences` glued it) on its own line after a blank one, each list item on a line
    of its own; the sentences of a paragraph stay together."""
    text = ""
    after_heading = True  # the first unit starts the text
    for unit in split_sentences(chunk):
        heading = not (_CJK_CLOSE.search(unit) or _WESTERN_CLOSE.search(unit))
        if not text:
            text = unit
        elif heading:
            text += "\n\n" + unit
        elif after_heading or _LIST_ITEM.match(unit):
            text += "\n" + unit
        elif _CJK_CLOSE.search(text):
            text += unit
        else:
            text += " " + unit
        after_heading = heading
    return text


def _overlap_tail(window: list[str], overlap: int) -> tuple[list[str], int]:
    """The last whole sentences of `window` that fit in `overlap` characters."""
    tail: list[str] = []
    length = 0
    for unit in reversed(window):
        if length + len(unit) > overlap:
            break
        tail.insert(0, unit)
        length += len(unit)
    return tail, length
