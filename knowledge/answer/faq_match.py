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
from functools import lru_cache
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.answer.faq import LANGUAGES, FaqEntry
from knowledge.answer.semantic import (
    DIMENSIONS,
    Encoder,
    Role,
    SemanticScores,
    VectorStore,
    default_encoder,
    shipped_store,
)
from knowledge.search.dialect import standardize
from knowledge.text import normalize, terms

NGRAMS: Final = (1, 3)
# An entry's standard answers are rows too, worth half a question: they carry the words a
# resident uses for the fact (补贴, 1200元, subsidy), which the questions may not. Measured by
# leave-one-out over the similar questions: top-1 0.58 with questions only, 0.62 with answers.
ANSWER_WEIGHT: Final = 0.5
NEIGHBOURS: Final = 10
"""How many of the closest questions (FAQ and out-of-scope bank together) vote."""
TEMPERATURE: Final = 0.01
"""The softmax temperature e5 was trained with: a cosine 0.01 higher weighs e times more."""
# A FAQ question this alike (its own cosine) is the asked one, give or take a typo: its entry
# answers whatever the model or the asked kind of fact says. An entry's `score` blends in its
# answers' likeness, so 路灯不亮怎么上报？ asked as written scored 0.68 (of 0.7 needed), and
# "When I report a problem…" was read as asking for a date its entry's answer lacks; 266 of
# the FAQ's 4,736 questions, asked as written, got another answer or none.
WORD_FOR_WORD: Final = 0.9
STAFF_ANSWERED: Final = 0.93
"""How alike (cosine) an out-of-scope question and a question of an entry staff wrote must be
for the bank to drop it ("棟樓部電梯成日壞，想動用維修基金" once staff answer 维修资金)."""


@dataclass(frozen=True, slots=True)
class FaqMatch:
    """An entry, how alike it is to the asked question (its closest question's cosine, 0–1,
    with a third from its answers'), its closest question, and that question's cosine alone."""

    entry: FaqEntry
    score: float
    matched: str
    question_score: float = 0.0


@dataclass(frozen=True, slots=True)
class EntryBag:
    """An entry's words and bigrams (`knowledge.text.terms`) and its text, lower-cased."""

    terms: frozenset[str]
    text: str


def prepare(text: str) -> str:
    """The form both questions and FAQ rows are compared in."""
    return standardize(normalize(text)).lower()


@lru_cache(maxsize=4)
def _vectorised(rows: tuple[str, ...]) -> tuple[TfidfVectorizer, Any]:
    """The vectoriser fitted on `rows` and their matrix, fitted once per process for the
    same rows: a bot's start opens the index with the shipped FAQ and then loads the live
    one, the same rows when staff changed nothing (fitting them takes a second or two).
    Both are only read once fitted, so indexes of the same rows share them."""
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, lowercase=False
    )
    return vectorizer, vectorizer.fit_transform([prepare(row) for row in rows])


def semantic_rows(
    entries: Sequence[FaqEntry], elsewhere: Sequence[str] = ()
) -> list[tuple[str, Role]]:
    """What an index of `entries` embeds: every question (and every question `elsewhere`) as
    an e5 query, every entry's answer in each language as a passage (the shipped vector file
    holds these)."""
    rows: list[tuple[str, Role]] = [(q, "query") for e in entries for q in e.questions]
    rows += [(question, "query") for question in elsewhere]
    return rows + [(e.answer_in(lang), "passage") for e in entries for lang in LANGUAGES]


class FaqIndex:
    """The FAQ questions of a set of entries, vectorised once (character n-grams, and e5
    vectors where the engine loads: `semantic` False or no engine matches by characters)."""

    def __init__(
        self,
        entries: Sequence[FaqEntry],
        *,
        exclude: frozenset[str] = frozenset(),
        semantic: bool = True,
        elsewhere: Sequence[str] = (),
    ):
        self.entries = tuple(entries)
        rows: list[str] = []
        owners: list[int] = []
        answer_rows: list[str] = []
        answer_owners: list[int] = []
        for position, entry in enumerate(self.entries):
            for question in entry.questions:
                if question not in exclude:
                    rows.append(question)
                    owners.append(position)
            for text in entry.answers.values():
                answer_rows.append(text)
                answer_owners.append(position)
        self._rows = rows
        self._positions = {entry.id: position for position, entry in enumerate(self.entries)}
        self._question_vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._answers: dict[str, NDArray[np.float32]] = {}
        self._bags: dict[str, EntryBag] = {}
        self._questions = len(rows)
        self._owners = np.asarray(owners + answer_owners, dtype=np.int64)
        rows = rows + answer_rows
        self._vectorizer: TfidfVectorizer | None = None
        if rows:
            self._vectorizer, self._matrix = _vectorised(tuple(rows))
        self._elsewhere = tuple(elsewhere)
        self._elsewhere_vectors = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._encoder = default_encoder() if semantic and self.entries else None
        if self._encoder is not None:
            self._embed(shipped_store(), self._encoder)

    def _embed(self, store: VectorStore, encoder: Encoder) -> None:
        """Each question row as an e5 query, each entry's answer in each language as a passage."""
        self._question_vectors = store.vectors(self._rows, "query", encoder)
        self._answers = {
            lang: store.vectors([e.answer_in(lang) for e in self.entries], "passage", encoder)
            for lang in LANGUAGES
        }
        vectors = store.vectors(self._elsewhere, "query", encoder)
        written = [
            row
            for row, owner in enumerate(self._owners[: self._questions])
            if self.entries[owner].date
        ]
        if written and len(vectors):
            # A question staff have answered is no longer out of scope, nor one all but the
            # same: else the bank's many neighbours would outvote the one new entry.
            nearest = (vectors @ self._question_vectors[written].T).max(axis=1)
            kept = nearest < STAFF_ANSWERED
            self._elsewhere = tuple(
                q for q, keep in zip(self._elsewhere, kept, strict=True) if keep
            )
            vectors = vectors[kept]
        self._elsewhere_vectors = vectors

    def __len__(self) -> int:
        return len(self.entries)

    def bag(self, entry: FaqEntry) -> EntryBag:
        """Everything an entry says (questions, answers, passage) as index terms and text."""
        found = self._bags.get(entry.id)
        if found is None:  # computed once per entry; two threads computing it agree
            text = "\n".join([*entry.questions, *entry.answers.values(), entry.passage])
            found = self._bags[entry.id] = EntryBag(frozenset(terms(text)), text.lower())
        return found

    def semantic(self, question: str, *, skip: str | None = None) -> SemanticScores | None:
        """How alike in meaning `question` is to each entry (None without the engine or
        entries); `skip` as for `match`."""
        if self._encoder is None or not question.strip():
            return None
        vector = self._encoder.encode([question], "query")[0]
        rows = self._question_vectors @ vector
        if skip is not None:
            rows[[row == skip for row in self._rows]] = -1.0
        best = np.full(len(self.entries), -1.0)
        np.maximum.at(best, self._owners[: self._questions], rows)
        answers = {lang: (m @ vector).astype(np.float64) for lang, m in self._answers.items()}
        others = self._elsewhere_vectors @ vector
        if skip is not None:
            others[[question == skip for question in self._elsewhere]] = -1.0
        votes, elsewhere_votes = self._votes(rows, others)
        return SemanticScores(best, answers, float(others.max(initial=0.0)), votes, elsewhere_votes)

    def _votes(
        self, rows: NDArray[np.float32], others: NDArray[np.float32]
    ) -> tuple[NDArray[np.float64], float]:
        """The nearest questions' say, per entry and for the out-of-scope bank: a softmax over
        the `NEIGHBOURS` closest of all, at e5's own temperature. One close question can be
        chance; most of the closest agreeing is not."""
        pool = np.concatenate([rows, others]).astype(np.float64)
        owners = np.concatenate(
            [self._owners[: self._questions], np.full(len(others), -1, dtype=np.int64)]
        )
        votes = np.zeros(len(self.entries))
        if len(pool) == 0:
            return votes, 0.0
        top = np.argsort(-pool)[:NEIGHBOURS]
        weights = np.exp((pool[top] - pool[top[0]]) / TEMPERATURE)
        weights /= weights.sum()
        mine = owners[top] >= 0
        np.add.at(votes, owners[top][mine], weights[mine])
        return votes, float(weights[~mine].sum())

    def match(self, question: str, k: int = 3, *, skip: str | None = None) -> list[FaqMatch]:
        """The `k` best entries for `question`, best first (empty when the FAQ is); with
        `skip`, the FAQ question of that text is left out (leave-one-out calibration)."""
        if self._vectorizer is None or not question.strip():
            return []
        vector = self._vectorizer.transform([prepare(question)])
        scores = (self._matrix @ vector.T).toarray().ravel()
        if skip is not None:
            scores[: self._questions][[row == skip for row in self._rows]] = 0.0
        split = self._questions
        by_question = np.zeros(len(self.entries))
        by_answer = np.zeros(len(self.entries))
        np.maximum.at(by_question, self._owners[:split], scores[:split])
        np.maximum.at(by_answer, self._owners[split:], scores[split:])
        combined = (by_question + ANSWER_WEIGHT * by_answer) / (1.0 + ANSWER_WEIGHT)
        best_row = np.full(len(self.entries), -1, dtype=np.int64)
        for row in np.argsort(-scores[:split])[::-1]:  # ascending: the best row is written last
            best_row[self._owners[row]] = row
        return [
            FaqMatch(
                entry=self.entries[owner],
                score=float(combined[owner]),
                matched=self._rows[best_row[owner]] if best_row[owner] >= 0 else "",
                question_score=float(by_question[owner]),
            )
            for owner in np.argsort(-combined)[:k]
        ]

    def position(self, entry: FaqEntry) -> int:
        """The entry's place in this index (its row in `SemanticScores`)."""
        return self._positions[entry.id]
