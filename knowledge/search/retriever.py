"""Hybrid retrieval: the search pipeline (rewrite, BM25, vector, fuse, rerank; see
stages.py) over the chunks of one collection, and the confidence that decides abstention.

The question is first expanded with the synonym map; both rankers see the expansion. The
re-ranking adds the passage's coverage of the question (see knowledge/search/coverage.py) to
its fused score: the fused rankers reward a sibling document's passage that repeats the common
words (燃气, 钢瓶) many times, coverage rewards the passage that has all the key phrases.
The coverage of the passage's document title is added too, with a smaller weight: of two
passages alike, the one from the document about the question's subject comes first.

The confidence is the geometric mean of two shares: of the question's bigrams found in the
best passage (`coverage`) and of its words the corpus uses at all (`familiarity`). A question
about something the documents never mention has rare or unseen words no passage contains,
however well its common words (广州, 怎么) match. A question naming a place no passage
mentions (杭州, 东莞) gets confidence 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction

from knowledge.domain import on_topic
from knowledge.ingest.store import Chunk
from knowledge.search.coverage import QuestionCoverage
from knowledge.search.fusion import FusionConfig
from knowledge.search.lexical import BM25Index, BM25Params
from knowledge.search.pipeline import Hit, SearchPipeline
from knowledge.search.stages import MAX_QUERY_CHARS, Bm25, Fuse, Rerank, Rewrite, Vector
from knowledge.search.synonyms import SynonymMap
from knowledge.text import char_bigrams, general_idf, place_names, terms, unique, words

__all__ = ["MAX_QUERY_CHARS", "Hit", "HybridRetriever", "RetrieverConfig", "SearchResult"]

# Chosen on half of kb_dev (see knowledge/domain.py): how much an anchorless question keeps.
OFF_TOPIC_FACTOR = 0.7


@dataclass(frozen=True, slots=True)
class RetrieverConfig:
    """Knobs chosen by measurement on kb_dev (see README for the figures)."""

    candidates: int = 30
    # Re-ranking the best 20 fused hits: the right passage is in the fused top 10 for 99 % of
    # kb_dev, and 10, 20 or 30 measure the same. The weights add to the fused score divided
    # by the best one; both halves of kb_dev agree on a plateau of 1-1.5 and 0.75-1.25.
    rerank_depth: int = 20
    coverage_weight: float = 1.25
    title_weight: float = 1.0
    fusion: FusionConfig = field(default_factory=FusionConfig)
    bm25: BM25Params = field(default_factory=BM25Params)
    use_dense: bool = True


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The ranked hits, the terms the question was searched with, and the confidence; the
    standardised question, the colloquial words the synonym map rewrote, and the share of the
    question's words the corpus knows (`familiarity`), for judging the answers after."""

    hits: list[Hit]
    query_terms: list[str]
    confidence: float
    question: str = ""
    mapped: tuple[str, ...] = ()
    familiarity: float = 0.0


class HybridRetriever:
    """Searches the chunks of one collection lexically (in memory) and densely (chromadb)."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        collection: Collection | None,
        embedding: EmbeddingFunction[Documents] | None,
        config: RetrieverConfig | None = None,
        synonyms: SynonymMap | None = None,
    ) -> None:
        self.chunks = list(chunks)
        self.config = config or RetrieverConfig()
        self.synonyms = synonyms or SynonymMap()
        self._by_id = {chunk.id: position for position, chunk in enumerate(self.chunks)}
        self._bm25 = BM25Index([chunk.terms for chunk in self.chunks], self.config.bm25)
        # Cut once per document, not per chunk: cutting is the slow part of loading.
        titles = {chunk.doc_id: chunk.title for chunk in self.chunks}
        self._title_terms = {doc_id: terms(title) for doc_id, title in titles.items()}
        self.pipeline = SearchPipeline(
            [
                Rewrite(self.synonyms),
                Bm25(self._bm25, [chunk.id for chunk in self.chunks]),
                Vector(
                    collection,
                    embedding,
                    known=self._by_id.__contains__,
                    size=len(self.chunks),
                    enabled=self.config.use_dense,
                ),
                Fuse(self.config.fusion, self.config.rerank_depth),
                Rerank(
                    chunk_of=lambda chunk_id: self.chunks[self._by_id[chunk_id]],
                    title_terms=self._title_terms.__getitem__,
                    synonyms=self.synonyms,
                    idf=self._bm25.idf,
                    coverage_weight=self.config.coverage_weight,
                    title_weight=self.config.title_weight,
                ),
            ]
        )

    def __len__(self) -> int:
        return len(self.chunks)

    def chunk(self, chunk_id: str) -> Chunk | None:
        """The chunk of that id, or None if the index does not hold it."""
        position = self._by_id.get(chunk_id)
        return self.chunks[position] if position is not None else None

    def search(self, question: str, k: int = 5) -> SearchResult:
        """The best `k` chunks for the question, best first, with a confidence in [0, 1]."""
        query = self.pipeline.run(question, k=k, pool=self.config.candidates)
        mapped = query.expansion.matched
        if not query.terms or not self.chunks:
            return SearchResult([], query.terms, 0.0, query.question, mapped)
        confidence = familiarity = 0.0
        if query.hits:
            familiarity = self.familiarity(query.question, mapped)
            confidence = (query.hits[0].coverage * familiarity) ** 0.5
        if not on_topic(query.question):
            confidence *= OFF_TOPIC_FACTOR  # shares a word with a passage, not the subject
        if self.foreign_places(query.question):
            confidence = 0.0  # rules of 杭州 or 东莞 are not in our documents, however alike
        return SearchResult(
            query.hits, query.terms, confidence, query.question, mapped, familiarity
        )

    def idf(self, term: str) -> float:
        """The lexical ranker's idf of a term (high for terms the corpus lacks)."""
        return self._bm25.idf(term)

    def foreign_places(self, question: str) -> list[str]:
        """Place names in the question that no indexed passage mentions."""
        return [
            place
            for place in place_names(question)
            if not self._bm25.contains(place)
            and not all(self._bm25.contains("#" + gram) for gram in char_bigrams(place))
        ]

    def familiarity(self, question: str, mapped: Sequence[str]) -> float:
        """Share of the question's words that the corpus uses at all, each word weighted by
        how unusual it is in general Chinese (see `general_idf`).

        Out-of-scope questions (比特币, 护照, 末班车) are about things our documents never
        name; in-scope ones use their vocabulary, directly or through the synonym map.
        """
        found = [w for w in unique(words(question)) if len(w) > 1 or w.isascii()]
        # jieba's search mode also yields the parts of long words; judge the whole words.
        whole = [w for w in found if not any(w != other and w in other for other in found)]
        weight = known = 0.0
        for word in whole:
            idf = general_idf(word)
            weight += idf
            grams = ["#" + gram for gram in char_bigrams(word)] if not word.isascii() else []
            if (
                self._bm25.contains(word)
                or any(word in key for key in mapped)
                or (grams and all(self._bm25.contains(gram) for gram in grams))
            ):
                known += idf
        return known / weight if weight else 0.0

    def coverage(self, question: str, mapped: Sequence[str], chunk: Chunk) -> float:
        """Idf-weighted share of the question's bigrams and English words the chunk has."""
        measure = QuestionCoverage(question, mapped, self.synonyms, self._bm25.idf)
        return measure.share(chunk.terms)
