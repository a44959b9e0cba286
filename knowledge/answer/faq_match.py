"""Matching a question against the FAQ: TF-IDF over character n-grams, cosine similarity.

Every standard and similar question is one row; an entry scores as its best row. Both sides
are standardised first (traditional to simplified, Cantonese and colloquial words to the
official ones: knowledge/search/dialect.py), so 舊樓裝管道煤氣 meets 旧楼装管道燃气.
Character n-grams need no word cutting, so typos and pinyin abbreviations cost only the
n-grams they touch.
An index is immutable: replacing the FAQ builds a new one (see `KnowledgeBase.use_faq`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.answer.faq import FaqEntry
from knowledge.search.dialect import standardize
from knowledge.text import normalize

NGRAMS: Final = (1, 3)


@dataclass(frozen=True, slots=True)
class FaqMatch:
    """An entry, its closest question and how alike that is to the asked one (cosine, 0–1)."""

    entry: FaqEntry
    score: float
    matched: str


def prepare(text: str) -> str:
    """The form both questions and FAQ rows are compared in."""
    return standardize(normalize(text)).lower()


class FaqIndex:
    """The FAQ questions of a set of entries, vectorised once."""

    def __init__(self, entries: Sequence[FaqEntry], *, exclude: frozenset[str] = frozenset()):
        self.entries = tuple(entries)
        rows: list[str] = []
        owners: list[int] = []
        for position, entry in enumerate(self.entries):
            for question in entry.questions:
                if question not in exclude:
                    rows.append(question)
                    owners.append(position)
        self._rows = rows
        self._owners = np.asarray(owners, dtype=np.int64)
        self._vectorizer: TfidfVectorizer | None = None
        if rows:
            self._vectorizer = TfidfVectorizer(
                analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, lowercase=False
            )
            self._matrix = self._vectorizer.fit_transform([prepare(row) for row in rows])

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, question: str, k: int = 3) -> list[FaqMatch]:
        """The `k` best entries for `question`, best first (empty when the FAQ is)."""
        if self._vectorizer is None or not question.strip():
            return []
        vector = self._vectorizer.transform([prepare(question)])
        scores = (self._matrix @ vector.T).toarray().ravel()
        best: dict[int, int] = {}
        for row in np.argsort(-scores):
            owner = int(self._owners[row])
            if owner not in best:
                best[owner] = int(row)
                if len(best) == k:
                    break
        return [
            FaqMatch(entry=self.entries[owner], score=float(scores[row]), matched=self._rows[row])
            for owner, row in best.items()
        ]
