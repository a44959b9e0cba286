"""Preparing documents for the index: read, split, cut (jieba), embed; in worker processes
when there are many.

Where a build's time went, measured at 10,000 synthetic chunks: jieba cut every chunk twice
(once for its index terms, once inside the embedding function chromadb called), and the
embedding hashed each feature in a Python loop; together most of the build. Now each chunk is
cut once, the cut serves both, the hashed vector is computed here and handed to chromadb, and
big builds spread the cutting over the machine's cores while the parent writes to chromadb.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any, Final

import numpy as np

from knowledge.errors import DocumentError
from knowledge.ingest.documents import read_document
from knowledge.ingest.embedding import HashedNgramEmbedding
from knowledge.ingest.splitter import SplitterConfig, split_text
from knowledge.ingest.store import Chunk
from knowledge.text import words

# Below this many documents to (re)index, starting worker processes costs more than it saves.
PARALLEL_FROM: Final = 200
# Documents prepared ahead of the writer: enough to keep every worker busy while chromadb
# writes a batch (about 400 documents of 10 chunks), few enough to bound the memory.
IN_FLIGHT: Final = 512


@dataclass(frozen=True, slots=True)
class Job:
    """One document to (re)index; `hashed` is the hashed embedding's config, if that is ours."""

    path: Path
    relative: str
    doc_id: str
    splitter: SplitterConfig
    hashed: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document's chunks, each one's words as its record stores them (space-separated:
    `Chunk.metadata`), and, when the embedding is ours, their vectors (one row each).

    The chunks come without their terms: the writer needs the words only, and unpickling
    some 300 term strings per chunk in the parent cost more than chromadb's add."""

    chunks: list[Chunk]
    words: list[str]
    vectors: np.ndarray[Any, np.dtype[np.float32]] | None
    error: str | None = None


def prepare(job: Job) -> Prepared:
    """Read, split, cut and embed one document; an unreadable one comes back as `error`."""
    try:
        document = read_document(job.path, job.relative)
    except DocumentError as exc:
        return Prepared(chunks=[], words=[], vectors=None, error=exc.reason)
    # The title's words and the text's, as terms(f"{title}\n{text}") cuts them (the title and
    # the text are separate runs); loading adds the bigrams (`Chunk.from_record`).
    cuts: dict[str, list[str]] = {}  # this document's runs already cut (chunks overlap)
    title_words = " ".join(words(document.title, cuts))
    embedding = HashedNgramEmbedding.build_from_config(job.hashed) if job.hashed else None
    chunks: list[Chunk] = []
    chunk_words: list[str] = []
    vectors = []
    for position, text in enumerate(split_text(document.text, job.splitter)):
        cut = words(text, cuts)
        chunk_words.append(" ".join(part for part in (title_words, " ".join(cut)) if part))
        chunks.append(
            Chunk(
                id=f"{job.doc_id}:{position}",
                text=text,
                doc_id=job.doc_id,
                source=document.source,
                title=document.title,
                issuer=document.issuer,
                date=document.date,
                url=document.url,
                source_note=document.source_note,
            )
        )
        if embedding is not None:
            vectors.append(embedding.embed_one(text, cut))
    stacked = np.vstack(vectors).astype(np.float32) if vectors else None
    return Prepared(chunks=chunks, words=chunk_words, vectors=stacked)


def prepare_all(jobs: Sequence[Job]) -> Iterator[Prepared]:
    """`prepare` of every job, in order; in a pool of worker processes when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        yield from map(prepare, jobs)
        return
    # spawn, not fork: the parent holds chromadb's threads and locks, which fork would copy.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        # A bounded window of documents in flight, not `imap`: the workers cut faster than
        # chromadb takes the chunks, and imap's results piled up in the parent unbounded
        # (most of a 100,000-chunk build's 2.8 GB peak).
        window: deque[AsyncResult[Prepared]] = deque()
        for job in jobs:
            window.append(pool.apply_async(prepare, (job,)))
            if len(window) >= IN_FLIGHT:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()
