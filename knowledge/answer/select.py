"""Choosing between the FAQ and the passages, and the FAQ answer with its citation.

A question is in scope when the passages cover it (the retriever's confidence) or a FAQ
question is close to it. In scope, the standard answer is given when its entry's passage is
among the best retrieved ones (two independent signals agreeing), or when the passages alone
looked out of scope (then the FAQ is what brought it in); otherwise the composer answers.
Out of scope, we abstain. The cut-offs are calibrated on dev data only: leave-one-out over
the FAQ's similar questions (each held out of the index, then asked) and the out-of-scope
questions of tests/data/answers_dev_out_of_scope.jsonl and kb_dev2.jsonl.
On that dev data: 33 % of held-out similars get their own entry's answer, 11 % another
entry's, 16 % the composer, 40 % abstain (47 % before the FAQ); 82 % of out-of-scope
questions are refused (84 % before).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from knowledge.answer.faq import STAFF_SOURCE
from knowledge.answer.faq_match import FaqMatch
from knowledge.answer.result import Answer, AnswerKind, Source
from knowledge.ingest.store import Chunk
from knowledge.search.retriever import Hit


@dataclass(frozen=True, slots=True)
class FaqPolicy:
    """When a FAQ match answers (cosine similarity of the closest FAQ question)."""

    confident: float = 0.7  # a question the FAQ has (nearly) word for word
    in_scope_zh: float = 0.35  # a Chinese question this close to a FAQ one is in scope
    in_scope_en: float = 0.45  # English n-grams overlap more by chance: a higher bar
    supported: float = 0.15  # answers when the entry's passage is among the retrieved ones
    support_depth: int = 3  # how many of the best passages count as support


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def holds(text: str, passage: str) -> bool:
    """True when `text` contains `passage` (ignoring spaces and full/half-width forms)."""
    folded = _fold(passage)
    return bool(folded) and folded in _fold(text)


def supported(match: FaqMatch, hits: Sequence[Hit], depth: int) -> bool:
    """True when one of the best `depth` passages contains the entry's passage."""
    return any(holds(hit.chunk.text, match.entry.passage) for hit in hits[:depth])


@dataclass(frozen=True, slots=True)
class Choice:
    """The decision: a FAQ match to answer with, or the passages, or an abstention."""

    match: FaqMatch | None
    in_scope: bool


def choose(
    matches: Sequence[FaqMatch],
    hits: Sequence[Hit],
    policy: FaqPolicy,
    *,
    passages_in_scope: bool,
    lang: str,
) -> Choice:
    """What answers: a FAQ match, the passages (match None, in scope) or nobody."""
    best = matches[0] if matches else None
    if best is not None and best.score >= policy.confident:
        return Choice(best, True)
    bar = policy.in_scope_en if lang == "en" else policy.in_scope_zh
    near = best is not None and best.score >= bar
    if not (passages_in_scope or near):
        return Choice(None, False)
    for match in matches:  # best first
        if match.entry.source == STAFF_SOURCE and match.score >= bar:
            return Choice(match, True)  # staff's own answer: no passage to agree with
        if match.score >= policy.supported and supported(match, hits, policy.support_depth):
            return Choice(match, True)
    if not passages_in_scope:  # only the FAQ brought the question in: its best answers
        return Choice(best, True)
    return Choice(None, True)


def faq_answer(
    match: FaqMatch,
    lang: str,
    documents: Mapping[str, Chunk],
    *,
    hits: Sequence[Hit] = (),
    confidence: float,
    notes: tuple[str, ...] = (),
) -> Answer:
    """The entry's standard answer in `lang`, cited by its document and passage; the
    retrieved passages stay the answer's sources, as for any answer."""
    entry = match.entry
    chunk = documents.get(entry.source)
    citation = Source(
        title=chunk.title if chunk else entry.source,
        source=entry.source,
        text=entry.passage,
        score=round(match.score, 4),
        issuer=chunk.issuer if chunk else "",
        date=chunk.date if chunk else "",
        url=chunk.url if chunk else "",
        source_note=chunk.source_note if chunk else "",
    )
    return Answer(
        kind=AnswerKind.ANSWERED,
        sentences=(entry.answer_in(lang),),
        sources=tuple(Source.from_hit(hit) for hit in hits),
        citations=(citation,),
        confidence=max(confidence, match.score),
        lang=lang,
        faq_id=entry.id,
        notes=notes,
    )
