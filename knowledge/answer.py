"""Answers as structured results: the sentences that answer, the sources, or an abstention.

The extractive answer takes sentences (never half sentences) from the best passages, scoring
each by the idf weight of the question terms it contains, with a prior for the passage's rank;
the best sentences are kept, in their original order, up to about 600 characters. Rendering
(labels, the abstention text, languages) is bot/'s job: see bot/messages/answers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from knowledge.retriever import Hit
from knowledge.smalltalk import SmallTalk
from knowledge.splitter import join_sentences, split_sentences
from knowledge.text import terms

MAX_ANSWER_CHARS: Final = 600
_TERMINAL: Final = re.compile(r"[。！？；.!?;…”’」』）)]$")
_RANK_PRIOR: Final = (1.0, 0.75, 0.6)  # sentences of the best passage win ties


class AnswerKind(StrEnum):
    """What kind of reply this is; everything but ANSWERED counts as an abstention."""

    ANSWERED = "answered"
    NOT_SURE = "not_sure"  # below the confidence threshold: "not sure, here is who to ask"
    SMALLTALK = "smalltalk"
    EMPTY = "empty"  # nothing to search for (blank, emoji only, punctuation)


@dataclass(frozen=True, slots=True)
class Source:
    """A passage the answer rests on, with what a citation needs."""

    title: str
    source: str
    text: str
    score: float
    issuer: str = ""
    date: str = ""
    url: str = ""
    source_note: str = ""  # where the facts come from when there is no public link

    @classmethod
    def from_hit(cls, hit: Hit) -> Source:
        """The citation view of a retrieved chunk."""
        chunk = hit.chunk
        return cls(
            title=chunk.title,
            source=chunk.source,
            text=chunk.text,
            score=round(hit.score, 4),
            issuer=chunk.issuer,
            date=chunk.date,
            url=chunk.url,
            source_note=chunk.source_note,
        )


@dataclass(frozen=True, slots=True)
class Answer:
    """The structured answer to one question."""

    kind: AnswerKind
    sentences: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()  # the retrieved passages, best first
    citations: tuple[Source, ...] = ()  # one per document the sentences come from
    confidence: float = 0.0
    smalltalk: SmallTalk | None = None
    generated: bool = False  # True when an LLM wrote the sentences
    notes: tuple[str, ...] = field(default=())  # e.g. "question truncated"

    @property
    def text(self) -> str:
        """The answer sentences as one paragraph ('' when abstaining)."""
        return join_sentences(self.sentences)

    @property
    def abstained(self) -> bool:
        """True unless the answer carries policy content."""
        return self.kind is not AnswerKind.ANSWERED


def extract_sentences(
    hits: Sequence[Hit],
    query_terms: Sequence[str],
    idf: Callable[[str], float],
    max_chars: int = MAX_ANSWER_CHARS,
) -> list[tuple[int, str]]:
    """The answering sentences as (hit rank, sentence), in rank then reading order."""
    wanted = {term: idf(term) for term in query_terms}
    scored: list[tuple[float, int, int, str]] = []
    for rank, hit in enumerate(hits[: len(_RANK_PRIOR)]):
        for position, sentence in enumerate(split_sentences(hit.chunk.text)):
            if _is_heading(sentence):  # headings and fragments say nothing on their own
                continue
            overlap = sum(wanted.get(term, 0.0) for term in set(terms(sentence)))
            if overlap > 0.0:
                scored.append((overlap * _RANK_PRIOR[rank], rank, position, sentence))
    if not scored:
        return []
    scored.sort(key=lambda item: -item[0])
    best = scored[0][0]
    chosen: list[tuple[int, int, str]] = []
    used = 0
    seen: set[str] = set()
    for score, rank, position, sentence in scored:
        if score < 0.35 * best or sentence in seen:
            continue
        if chosen and used + len(sentence) > max_chars:
            continue
        chosen.append((rank, position, sentence))
        seen.add(sentence)
        used += len(sentence)
    chosen.sort()
    return [(rank, _clip(sentence, max_chars)) for rank, _, sentence in chosen]


def _is_heading(sentence: str) -> bool:
    return len(sentence) < 6 or (len(sentence) < 30 and not _TERMINAL.search(sentence))


def _clip(sentence: str, max_chars: int) -> str:
    return sentence if len(sentence) <= max_chars else sentence[: max_chars - 1] + "…"


def cite(hits: Sequence[Hit], ranks: Sequence[int]) -> tuple[Source, ...]:
    """One citation per document among the hits at `ranks`, in rank order."""
    citations: list[Source] = []
    seen: set[str] = set()
    for rank in sorted(set(ranks)):
        hit = hits[rank]
        if hit.chunk.doc_id not in seen:
            seen.add(hit.chunk.doc_id)
            citations.append(Source.from_hit(hit))
    return tuple(citations)
