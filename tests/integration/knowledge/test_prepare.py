"""Preparing documents for the index: one cut per chunk serves its terms and its vector, and
the worker processes of a big build prepare exactly what the parent would."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from knowledge.base import KnowledgeBase
from knowledge.ingest import prepare as preparing
from knowledge.ingest.embedding import HashedNgramEmbedding
from knowledge.ingest.indexer import BUILTIN_CORPUS, SourceFolder
from knowledge.ingest.prepare import Job, prepare, prepare_all
from knowledge.ingest.splitter import SplitterConfig
from knowledge.ingest.store import TEXT_KEY, Chunk, load_chunks, open_client
from knowledge.search.vocabulary import shared_vocabulary
from knowledge.text import terms


def _jobs(paths: list[Path]) -> list[Job]:
    config = HashedNgramEmbedding().get_config()
    return [Job(p, p.name, p.stem, SplitterConfig(), config) for p in paths]


def test_a_chunk_has_the_terms_and_vector_of_its_own_text() -> None:
    [job] = _jobs([BUILTIN_CORPUS / "gas-leak-what-to-do.md"])
    prepared = prepare(job)
    assert prepared.error is None and prepared.vectors is not None
    assert len(prepared.vectors) == len(prepared.chunks) > 1
    embedding = HashedNgramEmbedding()
    first = prepared.chunks[0].metadata("hash", 0, prepared.words[0])
    for position, (chunk, words, vector) in enumerate(
        zip(prepared.chunks, prepared.words, prepared.vectors, strict=True)
    ):
        # What the record stores loads back as the terms of the chunk's own title and text.
        record = chunk.metadata("hash", position, words)
        loaded = Chunk.from_record(chunk.id, chunk.text, record, document=first)
        assert Counter(loaded.terms) == Counter(terms(f"{chunk.title}\n{chunk.text}"))
        assert np.allclose(vector, embedding.embed_one(chunk.text), atol=1e-6)


def test_an_unreadable_document_comes_back_with_its_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    [prepared] = list(prepare_all(_jobs([broken])))
    assert prepared.chunks == [] and prepared.error and "cannot parse" in prepared.error


def test_worker_processes_prepare_what_the_parent_would(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _jobs(sorted(BUILTIN_CORPUS.glob("gas-*.md"))[:6])
    at_home = list(prepare_all(jobs))
    monkeypatch.setattr(preparing, "PARALLEL_FROM", 2)  # so few documents go to the pool
    monkeypatch.setattr(preparing, "IN_FLIGHT", 2)  # and the window of work in flight moves
    in_pool = list(prepare_all(jobs))
    assert [(p.chunks, p.words) for p in in_pool] == [(p.chunks, p.words) for p in at_home]
    for pooled, local in zip(in_pool, at_home, strict=True):
        assert pooled.vectors is not None and local.vectors is not None
        assert np.array_equal(pooled.vectors, local.vectors)


def test_a_loaded_chunk_has_the_terms_and_citation_it_was_indexed_with(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(BUILTIN_CORPUS / "gas-leak-what-to-do.md", folder)
    kb = KnowledgeBase.open(index_dir=tmp_path / "index", build_if_missing=False, faq=False)
    kb.build([SourceFolder.resolve(str(folder))])

    chunks = load_chunks(kb.collection)
    assert len(chunks) > 1
    # Held as numbers of one vocabulary for the whole load (half a tuple's memory).
    assert shared_vocabulary(chunk.terms for chunk in chunks) is not None
    for chunk in chunks:
        assert Counter(chunk.terms) == Counter(terms(f"{chunk.title}\n{chunk.text}"))
        assert (chunk.source, chunk.title, chunk.issuer) == (
            chunks[0].source,
            chunks[0].title,
            chunks[0].issuer,
        )
    # The citation fields are stored once per document (chromadb's add pays per byte).
    stored = kb.collection.get(include=["metadatas"])["metadatas"] or []
    assert sum("title" in meta for meta in stored) == 1


def test_a_chunk_indexed_by_the_previous_version_still_loads() -> None:
    old = {"doc_id": "d", "position": 1, "source": "a.md", "title": "T", "terms": "燃气 #燃气"}
    chunk = Chunk.from_record("d:1", "燃气", old, document={})
    assert (chunk.terms, chunk.source, chunk.title) == (("燃气", "#燃气"), "a.md", "T")


def test_an_index_whose_texts_are_chromadb_documents_loads_the_same_chunks(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(BUILTIN_CORPUS / "gas-leak-what-to-do.md", folder)
    kb = KnowledgeBase.open(index_dir=tmp_path / "index", build_if_missing=False, faq=False)
    kb.build([SourceFolder.resolve(str(folder))])
    stored = kb.collection.get(include=["documents", "metadatas", "embeddings"])
    # Ours computes the vectors, so the text is metadata and chromadb indexes no document.
    assert not any(stored["documents"] or [])
    metadatas = stored["metadatas"] or []
    texts = [str(meta[TEXT_KEY]) for meta in metadatas]
    assert all(texts)

    # The layout of earlier versions: the text as the record's document.
    earlier = open_client(tmp_path / "earlier").create_collection("earlier-layout")
    earlier.add(
        ids=stored["ids"],
        documents=texts,
        metadatas=[{k: v for k, v in meta.items() if k != TEXT_KEY} for meta in metadatas],
        embeddings=stored["embeddings"],
    )
    assert load_chunks(earlier) == load_chunks(kb.collection)
