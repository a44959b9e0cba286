"""The FAQ answer with its citation, and whether retrieved passages back an entry up.

Which candidate answers — a standard answer, the passages, or nobody — is decided by the
model in knowledge/answer/decision.py; this module renders the standard answer it chose.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from knowledge.answer.faq_match import FaqMatch
from knowledge.answer.polar import fitted_to
from knowledge.answer.result import Answer, AnswerKind, Source
from knowledge.ingest.store import Chunk
from knowledge.search.retriever import Hit


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def holds(text: str, passage: str) -> bool:
    """True when `text` contains `passage` (ignoring spaces and full/half-width forms)."""
    folded = _fold(passage)
    return bool(folded) and folded in _fold(text)


def supported(match: FaqMatch, hits: Sequence[Hit], depth: int) -> bool:
    """True when one of the best `depth` passages contains the entry's passage."""
    return any(holds(hit.chunk.text, match.entry.passage) for hit in hits[:depth])


def faq_answer(
    match: FaqMatch,
    lang: str,
    documents: Mapping[str, Chunk],
    *,
    hits: Sequence[Hit] = (),
    confidence: float,
    notes: tuple[str, ...] = (),
    question: str = "",
) -> Answer:
    """The entry's standard answer in `lang`, cited by its document and passage; the
    retrieved passages stay the answer's sources, as for any answer. Its opening yes or no
    is dropped unless the (standardised) `question` asks yes or no."""
    entry = match.entry
    chunk = documents.get(entry.source)
    citation = Source(
        title=chunk.title if chunk else entry.source,
        source=entry.source,
        text=entry.passage,
        score=round(match.score, 4),
        issuer=chunk.issuer if chunk else "",
        date=chunk.date if chunk else entry.date,
        url=chunk.url if chunk else "",
        source_note=chunk.source_note if chunk else "",
    )
    return Answer(
        kind=AnswerKind.ANSWERED,
        sentences=(fitted_to(question, entry.answer_in(lang)),),
        sources=tuple(Source.from_hit(hit) for hit in hits),
        citations=(citation,),
        confidence=max(confidence, match.score),
        lang=lang,
        faq_id=entry.id,
        notes=notes,
    )
