"""The search pipeline: an explicit, ordered list of stages over one query's state.

A question goes through `rewrite → bm25 → vector → fuse → rerank` (knowledge/search/stages.py),
each stage reading what the earlier ones left in the `Query` and adding its own part. The
order lives in one place, `SearchPipeline.stages`, so a reader sees the whole retrieval at a
glance and a test can check it; the retriever only judges the confidence of the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from knowledge.ingest.store import Chunk
from knowledge.search.synonyms import Expansion


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved chunk with its final score and the scores it came from."""

    chunk: Chunk
    score: float
    lexical: float
    dense: float
    coverage: float = 0.0


@dataclass(slots=True)
class Query:
    """One question on its way through the stages: each stage fills in its part."""

    raw: str
    k: int
    pool: int
    question: str = ""  # after dialect and typo rewriting
    expansion: Expansion = field(default_factory=lambda: Expansion(text="", matched=()))
    terms: list[str] = field(default_factory=list)
    lexical: dict[str, float] = field(default_factory=dict)
    dense: dict[str, float] = field(default_factory=dict)
    fused: list[tuple[str, float]] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)


class Stage(Protocol):
    """One step of retrieval; `name` is how the pipeline's stage list shows it."""

    name: str

    def run(self, query: Query) -> None:
        """Read the earlier stages' results from `query` and add this stage's own."""


class SearchPipeline:
    """Runs its stages in order; a query with no terms left after rewriting stops early."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)

    @property
    def names(self) -> list[str]:
        """The stage names, in the order they run."""
        return [stage.name for stage in self.stages]

    def run(self, question: str, *, k: int, pool: int) -> Query:
        """Run every stage over the question and return the filled-in query."""
        query = Query(raw=question, k=k, pool=max(k, pool))
        for stage in self.stages:
            stage.run(query)
            if stage.name == "rewrite" and not query.terms:
                break  # nothing searchable is left (only punctuation, stopwords)
        return query
