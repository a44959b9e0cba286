"""Index terms held as numbers: one vocabulary per load, each chunk's terms an int32 array.

A chunk has some 300 index terms (jieba words and `#` bigrams). Held as a tuple of strings,
each term costs an 8-byte pointer; at 106,103 synthetic chunks the tuples took about 250 MB,
the largest single part of a loaded index. As numbers into one shared vocabulary a term costs
4 bytes, and the BM25 matrix is built from the arrays as they are (knowledge/search/lexical.py)
without looking each term up again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np

IdArray = np.ndarray[Any, np.dtype[np.int32]]


class Vocabulary:
    """Terms numbered in the order they are first met."""

    __slots__ = ("numbers", "terms")

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.terms: list[str] = []

    def __len__(self) -> int:
        return len(self.terms)

    def _number(self, term: str) -> int:
        number = self.numbers.get(term)
        if number is None:
            number = self.numbers[term] = len(self.terms)
            self.terms.append(term)
        return number

    def encode(self, terms: Sequence[str]) -> TermIds:
        """The terms as numbers of this vocabulary (new terms are added)."""
        ids = np.fromiter(map(self._number, terms), dtype=np.int32, count=len(terms))
        return TermIds(ids, self)


class TermIds(Sequence[str]):
    """A chunk's index terms, in order and with repeats, as numbers of a shared vocabulary.

    Reads as the tuple of strings it replaces: iterating, indexing, comparing and hashing
    give what that tuple would; pickling gives the tuple itself, not the whole vocabulary."""

    __slots__ = ("ids", "vocabulary")

    def __init__(self, ids: IdArray, vocabulary: Vocabulary) -> None:
        self.ids = ids
        self.vocabulary = vocabulary

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return tuple(map(self.vocabulary.terms.__getitem__, self.ids[index].tolist()))
        return self.vocabulary.terms[int(self.ids[index])]

    def __iter__(self) -> Iterator[str]:
        return map(self.vocabulary.terms.__getitem__, self.ids.tolist())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TermIds | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"TermIds({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[tuple[str, ...]], tuple[tuple[str, ...]]]:
        return tuple, (tuple(self),)


def shared_vocabulary(documents: Iterable[Sequence[str]]) -> Vocabulary | None:
    """The one vocabulary every document's TermIds share, or None if they do not."""
    found: Vocabulary | None = None
    for document in documents:
        if not isinstance(document, TermIds):
            return None
        if found is None:
            found = document.vocabulary
        elif document.vocabulary is not found:
            return None
    return found
