"""`KnowledgeBase`: the one object bot/ holds — open the index, build it, answer questions.

Everything it needs from the settings is passed in; it knows nothing of Telegram or bot/.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction
from langchain_core.language_models import BaseChatModel

from knowledge import lexicons
from knowledge.answer import Answer, AnswerKind, Source, llm
from knowledge.answer.candidates import FAQ_CANDIDATES, Asked, Candidate, gather
from knowledge.answer.decision import DecisionModel, decide
from knowledge.answer.faq import FaqEntry, check_unique, load_faq, validate
from knowledge.answer.faq_match import FaqIndex
from knowledge.answer.from_passages import extractive, from_generated, not_sure
from knowledge.answer.language import asker_language
from knowledge.answer.select import faq_answer, holds
from knowledge.ingest.embedding import embedding_for
from knowledge.ingest.indexer import (
    BUILTIN_LABEL,
    BuildReport,
    ProgressCallback,
    SourceFolder,
    build_index,
)
from knowledge.ingest.memory import release_freed_memory
from knowledge.ingest.splitter import SplitterConfig
from knowledge.ingest.store import Chunk, load_chunks, open_client, open_collection
from knowledge.search.retriever import (
    MAX_QUERY_CHARS,
    Hit,
    HybridRetriever,
    RetrieverConfig,
    SearchResult,
)
from knowledge.smalltalk import classify, strip_greeting
from knowledge.text import has_content

log = logging.getLogger(__name__)

DEFAULT_K = 5


@dataclass(frozen=True, slots=True)
class KnowledgeConfig:
    """Every tuned knob in one place; the defaults are the measured choices."""

    splitter: SplitterConfig = field(default_factory=SplitterConfig)
    retriever: RetrieverConfig = field(default_factory=RetrieverConfig)
    decision: DecisionModel = field(default_factory=DecisionModel.load)


class KnowledgeBase:
    """The policy index and the answers built on it."""

    def __init__(
        self,
        collection: Collection,
        embedding: EmbeddingFunction[Documents],
        *,
        config: KnowledgeConfig | None = None,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        self.collection = collection
        self.embedding = embedding
        self.config = config or KnowledgeConfig()
        self.chat_model = chat_model
        self._retriever = self._load_retriever()
        self._faq = FaqIndex(())
        self._faq_lock = threading.Lock()  # one writer at a time; readers take no lock

    @classmethod
    def open(
        cls,
        *,
        index_dir: Path,
        chroma_url: str | None = None,
        embedding_model_path: Path | None = None,
        chat_model: BaseChatModel | None = None,
        config: KnowledgeConfig | None = None,
        build_if_missing: bool = True,
        faq: bool = True,
    ) -> KnowledgeBase:
        """Open (and, if empty, build from the shipped corpus) the index the settings name;
        with `faq`, answer from the shipped FAQ too."""
        embedding = embedding_for(embedding_model_path)
        collection = open_collection(open_client(index_dir, chroma_url), embedding)
        base = cls(collection, embedding, config=config, chat_model=chat_model)
        if build_if_missing and len(base) == 0:
            log.info("policy index is empty; building it from the shipped corpus")
            base.build([SourceFolder.resolve(BUILTIN_LABEL)])
        if faq:
            base.load_shipped_faq()
        return base

    def __len__(self) -> int:
        return len(self._retriever)

    @property
    def faq_entries(self) -> tuple[FaqEntry, ...]:
        """The live FAQ entries."""
        return self._faq.entries

    def use_faq(self, entries: Iterable[FaqEntry]) -> None:
        """Replace the live FAQ entries at run time (validated; FaqFileError if one is bad).

        The new index is built aside and swapped in with one assignment: a concurrent
        reader answers from the old set or the new one, never from a mix.
        """
        fresh = list(entries)
        sources = {chunk.source for chunk in self._retriever.chunks} or None
        for entry in fresh:
            validate(entry, sources=sources)
        check_unique(fresh)
        index = FaqIndex(fresh, elsewhere=lexicons.phrases("out_of_scope"))
        with self._faq_lock:
            self._faq = index

    def load_shipped_faq(self) -> None:
        """Use the FAQ shipped in knowledge/faq, the entries whose document is indexed."""
        indexed = {chunk.source for chunk in self._retriever.chunks}
        self.use_faq(entry for entry in load_faq() if entry.source in indexed)

    def build(
        self, folders: Sequence[SourceFolder], on_progress: ProgressCallback | None = None
    ) -> BuildReport:
        """Index exactly `folders` (idempotently) and reload the in-memory ranker."""
        report = build_index(
            self.collection,
            folders,
            splitter=self.config.splitter,
            on_progress=on_progress,
            embedding=self.embedding,
        )
        release_freed_memory()  # what chromadb's writes left behind, before the reload's peak
        self.reload()
        return report

    def reload(self) -> None:
        """Re-read the chunks from chromadb, e.g. after another process rebuilt the index."""
        self._retriever = self._load_retriever()

    def search(self, question: str, k: int = DEFAULT_K) -> SearchResult:
        """The retrieval step alone: ranked passages and the confidence."""
        return self._retriever.search(question, k)

    def answer(self, question: str, *, k: int = DEFAULT_K) -> Answer:
        """Answer one question (never raises for bad input; abstains instead)."""
        early, query, notes = self._triage(question)
        if early is not None:
            return early
        result = self.search(query, k)
        decided = self._decide(query, result, notes)
        if isinstance(decided, Answer):
            return decided
        lang = asker_language(query)
        if self.chat_model is not None:
            try:
                generated = llm.generate(self.chat_model, query, result.hits)
            except Exception:  # the endpoint is down or misbehaves: the extractive path stands
                log.exception("LLM answer failed; falling back to the extractive answer")
            else:
                return from_generated(generated, result, notes, lang)
        return extractive(decided.picked, decided.hits, result, notes, lang)

    async def aanswer(self, question: str, *, k: int = DEFAULT_K) -> Answer:
        """`answer` for async callers: retrieval runs in a thread, the LLM call is awaited."""
        if self.chat_model is None:
            return await asyncio.to_thread(self.answer, question, k=k)
        early, query, notes = self._triage(question)
        if early is not None:
            return early
        result = await asyncio.to_thread(self.search, query, k)
        decided = await asyncio.to_thread(self._decide, query, result, notes)
        if isinstance(decided, Answer):
            return decided
        lang = asker_language(query)
        try:
            generated = await llm.agenerate(self.chat_model, query, result.hits)
        except Exception:
            log.exception("LLM answer failed; falling back to the extractive answer")
            return extractive(decided.picked, decided.hits, result, notes, lang)
        return from_generated(generated, result, notes, lang)

    def candidates_for(
        self, question: str, *, skip: str | None = None, faq: bool = True
    ) -> list[Candidate] | None:
        """The answers a question could get, with the features the decision weighs (None for
        chit-chat or empty input); `skip` leaves out the FAQ question of that text, so that a
        FAQ's own similar questions can train the decision (leave-one-out); without `faq`,
        the passages' only, as for an index of documents that have no FAQ entries."""
        early, query, _ = self._triage(question)
        if early is not None:
            return None
        return self._candidates(query, self.search(query, DEFAULT_K), skip, faq)

    def _candidates(
        self, query: str, result: SearchResult, skip: str | None = None, faq: bool = True
    ) -> list[Candidate]:
        index = self._faq if faq else FaqIndex(())  # one read: use_faq swaps the whole set
        asked = Asked(query, asker_language(query), result, self._retriever, self._chunks_in)
        closest = index.semantic(query, skip=skip)
        matches = index.match(query, k=FAQ_CANDIDATES, skip=skip)
        return gather(asked, index, matches, closest)

    def _decide(
        self, query: str, result: SearchResult, notes: tuple[str, ...]
    ) -> Answer | Candidate:
        """A FAQ answer or an abstention, or the composed candidate the passages answer with."""
        lang = asker_language(query)
        decision = decide(self._candidates(query, result), self.config.decision, lang=lang)
        chosen = decision.candidate or decision.lacking
        if chosen is None:
            return not_sure(result, notes, lang)
        if chosen.match is None:
            return chosen
        answer = faq_answer(
            chosen.match,
            lang,
            self._documents,
            hits=result.hits,
            confidence=result.confidence,
            notes=notes,
            question=result.question or query,
        )
        passage_id = self._passage_of(chosen.match.entry, result.hits)
        if decision.candidate is None:  # the entry says the documents lack the fact
            return replace(answer, kind=AnswerKind.NOT_SURE, passage_id=passage_id)
        return replace(answer, passage_id=passage_id)

    def _triage(self, question: str) -> tuple[Answer | None, str, tuple[str, ...]]:
        """Chit-chat and empty input are answered here; otherwise the query to search."""
        lang = asker_language(question)
        kind = classify(question)
        if kind is not None:
            return Answer(kind=AnswerKind.SMALLTALK, smalltalk=kind, lang=lang), "", ()
        query = strip_greeting(question)
        if not has_content(query):
            return Answer(kind=AnswerKind.EMPTY, lang=lang), "", ()
        notes = ("truncated",) if len(query) > MAX_QUERY_CHARS else ()
        return None, query[:MAX_QUERY_CHARS], notes

    def passage(self, chunk_id: str) -> Source | None:
        """The whole passage `chunk_id` with its citation, or None if the index lost it."""
        chunk = self._retriever.chunk(chunk_id)
        return Source.from_chunk(chunk) if chunk is not None else None

    def _chunks_in(self, source: str) -> list[Chunk]:
        return self._chunks_of.get(source, [])

    def _passage_of(self, entry: FaqEntry, hits: Sequence[Hit]) -> str:
        """The chunk holding a FAQ entry's passage: a retrieved one, else any of its
        document's ("" for an entry staff wrote, which rests on no passage)."""
        candidates = [hit.chunk for hit in hits] + self._chunks_of.get(entry.source, [])
        found = next((c for c in candidates if holds(c.text, entry.passage)), None)
        return found.id if found is not None else ""

    def _load_retriever(self) -> HybridRetriever:
        chunks = load_chunks(self.collection)
        release_freed_memory()  # chromadb's read buffers, before the BM25 matrix is built
        retriever = HybridRetriever(
            chunks, self.collection, self.embedding, config=self.config.retriever
        )
        release_freed_memory()  # the BM25 build's working arrays
        # One chunk per document: what a FAQ citation shows of its document (title, issuer).
        self._documents: dict[str, Chunk] = {}
        self._chunks_of: dict[str, list[Chunk]] = {}
        for chunk in retriever.chunks:
            self._documents.setdefault(chunk.source, chunk)
            self._chunks_of.setdefault(chunk.source, []).append(chunk)
        return retriever
