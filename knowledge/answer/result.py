"""Answers as structured results: the sentences that answer, the sources, or an abstention.

Rendering (labels, the abstention text, languages) is bot/'s job: see bot/messages/answers.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.ingest.splitter import join_sentences
from knowledge.ingest.store import Chunk
from knowledge.search.retriever import Hit
from knowledge.smalltalk import SmallTalk


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
        return cls.from_chunk(hit.chunk, score=round(hit.score, 4))

    @classmethod
    def from_chunk(cls, chunk: Chunk, score: float = 0.0) -> Source:
        """The citation view of a chunk."""
        return cls(
            title=chunk.title,
            source=chunk.source,
            text=chunk.text,
            score=score,
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
    lang: str = ""  # the asker's language ("zh", "en"); "" when not known
    faq_id: str = ""  # the FAQ entry that answered, when one did
    passage_id: str = ""  # the chunk the answer rests on, shown whole on request ("" if none)
    notes: tuple[str, ...] = field(default=())  # e.g. "question truncated"

    @property
    def text(self) -> str:
        """The answer sentences as one paragraph ('' when abstaining)."""
        return join_sentences(self.sentences)

    @property
    def abstained(self) -> bool:
        """True unless the answer carries policy content."""
        return self.kind is not AnswerKind.ANSWERED
