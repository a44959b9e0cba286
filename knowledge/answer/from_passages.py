"""Answers from the retrieved passages: the composer's sentences, or an LLM's text."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.answer import llm
from knowledge.answer.citations import cite
from knowledge.answer.language import asker_language
from knowledge.answer.result import Answer, AnswerKind, Source
from knowledge.search.retriever import Hit, SearchResult


def not_sure(result: SearchResult, notes: tuple[str, ...], lang: str) -> Answer:
    """The abstention: not sure, with the hand-over (rendered by bot/)."""
    return Answer(kind=AnswerKind.NOT_SURE, confidence=result.confidence, notes=notes, lang=lang)


def extractive(
    picked: Sequence[tuple[int, str]],
    hits: Sequence[Hit],
    result: SearchResult,
    notes: tuple[str, ...],
    lang: str,
) -> Answer:
    """The composer's answer: its sentences (`picked`, by rank in `hits`) with citations."""
    if not picked:
        return not_sure(result, notes, lang)
    text = " ".join(sentence for _, sentence in picked)
    if lang == "en" and asker_language(text) != "en":  # say so in English first
        notes = (*notes, "chinese_only")
    return Answer(
        kind=AnswerKind.ANSWERED,
        sentences=tuple(sentence for _, sentence in picked),
        sources=tuple(Source.from_hit(hit) for hit in result.hits),
        citations=cite(hits, [rank for rank, _ in picked]),
        confidence=result.confidence,
        notes=notes,
        lang=lang,
        passage_id=hits[picked[0][0]].chunk.id,  # the passage of the lead sentence
    )


def from_generated(
    generated: llm.GeneratedAnswer | None,
    result: SearchResult,
    notes: tuple[str, ...],
    lang: str,
) -> Answer:
    """The LLM's answer with its citations renumbered per document (None: abstain)."""
    if generated is None:
        return not_sure(result, notes, lang)
    citations = cite(result.hits, generated.cited_ranks)
    # The model cited passage ranks; the reader sees one numbered citation per document.
    number = {
        rank: 1 + [c.source for c in citations].index(result.hits[rank].chunk.source)
        for rank in generated.cited_ranks
    }
    ranks = generated.cited_ranks
    return Answer(
        kind=AnswerKind.ANSWERED,
        sentences=(llm.renumber(generated.text, number),),
        sources=tuple(Source.from_hit(hit) for hit in result.hits),
        citations=citations,
        confidence=result.confidence,
        generated=True,
        notes=notes,
        lang=lang,
        passage_id=result.hits[ranks[0]].chunk.id if ranks else "",
    )
