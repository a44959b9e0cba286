"""The stages of the search pipeline, in the order they run (see pipeline.py).

rewrite  Cantonese words and typos → standard Chinese; colloquial words → official ones
bm25     lexical ranking over jieba words and character bigrams
vector   chromadb's nearest neighbours by the embedding
fuse     the two rankings into one (weighted sum of max-normalised scores, or RRF)
rerank   the best fused candidates re-scored by how much of the question each covers, and
         how much of it the document's title covers
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction

from knowledge.ingest.store import Chunk
from knowledge.search.coverage import QuestionCoverage
from knowledge.search.dialect import standardize
from knowledge.search.fusion import FusionConfig, fuse
from knowledge.search.lexical import BM25Index
from knowledge.search.pipeline import Hit, Query
from knowledge.search.synonyms import SynonymMap
from knowledge.text import terms, unique

MAX_QUERY_CHARS = 300  # longer questions are cut: the head says what they are about


@dataclass(slots=True)
class Rewrite:
    """Standardise the question, expand it with the synonym map, and cut its terms."""

    synonyms: SynonymMap
    name: str = "rewrite"

    def run(self, query: Query) -> None:
        """Fill in the standardised question, its expansion and its search terms."""
        query.question = standardize(query.raw[:MAX_QUERY_CHARS])
        query.expansion = self.synonyms.expand(query.question)
        query.terms = unique(terms(query.expansion.text))


@dataclass(slots=True)
class Bm25:
    """The best `pool` chunks by BM25 over the expanded question's terms."""

    index: BM25Index
    ids: Sequence[str]
    name: str = "bm25"

    def run(self, query: Query) -> None:
        """Fill in chunk id → BM25 score."""
        query.lexical = {self.ids[i]: s for i, s in self.index.top(query.terms, query.pool)}


@dataclass(slots=True)
class Vector:
    """Cosine similarity of the best `pool` chunks by vector, from chromadb."""

    collection: Collection | None
    embedding: EmbeddingFunction[Documents] | None
    known: Callable[[str], bool]
    size: int
    enabled: bool = True
    name: str = "vector"

    def run(self, query: Query) -> None:
        """Fill in chunk id → cosine similarity (nothing without a collection)."""
        if not self.enabled or self.collection is None or self.embedding is None or not self.size:
            return
        vector = self.embedding([query.expansion.text])[0]
        found = self.collection.query(
            query_embeddings=[vector], n_results=min(query.pool, self.size), include=["distances"]
        )
        distances = (found["distances"] or [[]])[0]
        query.dense = {
            chunk_id: 1.0 - float(distance)
            for chunk_id, distance in zip(found["ids"][0], distances, strict=True)
            if self.known(chunk_id)
        }


@dataclass(slots=True)
class Fuse:
    """Both rankings fused into one, cut to the re-ranking depth."""

    config: FusionConfig
    depth: int
    name: str = "fuse"

    def run(self, query: Query) -> None:
        """Fill in (chunk id, fused score), best first."""
        query.fused = fuse(query.lexical, query.dense, self.config)[: max(query.k, self.depth)]


@dataclass(slots=True)
class Rerank:
    """The fused candidates re-scored: their fused share of the best, plus weighted coverage
    of the question by the passage and by its document's title; the best `k` kept."""

    chunk_of: Callable[[str], Chunk]
    title_terms: Callable[[str], Sequence[str]]
    synonyms: SynonymMap
    idf: Callable[[str], float]
    coverage_weight: float
    title_weight: float
    name: str = "rerank"

    def run(self, query: Query) -> None:
        """Fill in the final hits, best first."""
        measure = QuestionCoverage(query.question, query.expansion.matched, self.synonyms, self.idf)
        fused = query.fused
        best = fused[0][1] if fused and fused[0][1] > 0.0 else 1.0
        title_coverage: dict[str, float] = {}
        hits = []
        for chunk_id, score in fused:
            chunk = self.chunk_of(chunk_id)
            coverage = measure.share(chunk.terms)
            if chunk.doc_id not in title_coverage:
                title_coverage[chunk.doc_id] = measure.share(self.title_terms(chunk.doc_id))
            hits.append(
                Hit(
                    chunk=chunk,
                    score=score / best
                    + self.coverage_weight * coverage
                    + self.title_weight * title_coverage[chunk.doc_id],
                    lexical=query.lexical.get(chunk_id, 0.0),
                    dense=query.dense.get(chunk_id, 0.0),
                    coverage=coverage,
                )
            )
        query.hits = sorted(hits, key=lambda hit: (-hit.score, hit.chunk.id))[: query.k]
