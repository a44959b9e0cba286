"""Citations: one per document the answer rests on, in rank order."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.answer.result import Source
from knowledge.search.retriever import Hit


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
