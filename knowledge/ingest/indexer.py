"""Building the index: idempotent, one hash per document.

A document whose hash (file bytes + the splitting settings) is already in the collection is
skipped; a changed one has its chunks replaced; one no longer in the given folders is deleted.
A document that cannot be read is reported by name and left out; the rest is indexed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, cast

import numpy as np
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, EmbeddingFunction, Metadata, Where

from knowledge.errors import DocumentError
from knowledge.ingest.documents import Document, file_hash, iter_document_paths
from knowledge.ingest.embedding import HashedNgramEmbedding
from knowledge.ingest.prepare import Job, Prepared, prepare_all
from knowledge.ingest.splitter import SplitterConfig, split_text
from knowledge.ingest.store import BATCH_SIZE, TEXT_KEY, Chunk
from knowledge.text import terms

BUILTIN_LABEL: Final = "builtin"
BUILTIN_CORPUS: Final = Path(__file__).parents[1] / "corpus"
# Bumped when tokenisation or chunk layout changes, so every document is re-indexed once.
PIPELINE_VERSION: Final = "2"

ProgressCallback = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class SourceFolder:
    """A folder of documents and the label that keeps its document ids apart from others'."""

    label: str
    path: Path

    @classmethod
    def resolve(cls, spec: str) -> SourceFolder:
        """`builtin` names our shipped corpus; anything else is a folder path."""
        if spec == BUILTIN_LABEL:
            return cls(BUILTIN_LABEL, BUILTIN_CORPUS)
        path = Path(spec).expanduser().resolve()
        return cls(str(path), path)


@dataclass(slots=True)
class BuildReport:
    """What a build did, document by document."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    chunks: int = 0


def document_id(folder: SourceFolder, relative: str) -> str:
    """A stable id for a document: its folder label and its path inside the folder."""
    return hashlib.sha1(f"{folder.label}\0{relative}".encode()).hexdigest()[:16]


def _pipeline_hash(content_hash: str, splitter: SplitterConfig) -> str:
    signature = f"{PIPELINE_VERSION}:{splitter.size}:{splitter.overlap}:{content_hash}"
    return hashlib.sha256(signature.encode()).hexdigest()


def chunk_document(document: Document, doc_id: str, splitter: SplitterConfig) -> list[Chunk]:
    """The chunks of one document; the title joins each chunk's terms, since it names the
    topic that the chunk's own sentences often leave implicit."""
    return [
        Chunk(
            id=f"{doc_id}:{position}",
            text=text,
            doc_id=doc_id,
            source=document.source,
            title=document.title,
            issuer=document.issuer,
            date=document.date,
            url=document.url,
            source_note=document.source_note,
            terms=tuple(terms(f"{document.title}\n{text}")),
        )
        for position, text in enumerate(split_text(document.text, splitter))
    ]


def _indexed_hashes(collection: Collection) -> dict[str, str]:
    """doc_id → doc_hash of every document in the collection (read from its first chunk)."""
    found = collection.get(where={"position": 0}, include=["metadatas"])
    return {str(m["doc_id"]): str(m["doc_hash"]) for m in found["metadatas"] or []}


class _Writer:
    """Buffers chunks of many documents and writes them in large batches.

    chromadb pays a fixed cost per write call (about 0.3 s on the embedded client), so one
    call per document made a 1,000-document build take minutes; batching makes it seconds.
    """

    def __init__(self, collection: Collection) -> None:
        self.collection = collection
        self.stale: list[str] = []  # doc ids whose old chunks must go before the new ones land
        self.chunks: list[Chunk] = []
        self.metadatas: list[Metadata] = []
        # Vectors computed while preparing (our hashed embedding); else chromadb embeds.
        self.vectors: list[np.ndarray[Any, np.dtype[np.float32]]] = []

    def replace(
        self,
        doc_id: str,
        prepared: Prepared,
        doc_hash: str,
        stale: bool,
    ) -> None:
        if stale:
            self.stale.append(doc_id)
        chunks = prepared.chunks
        self.chunks.extend(chunks)
        self.metadatas.extend(
            chunk.metadata(doc_hash, i, words)
            for i, (chunk, words) in enumerate(zip(chunks, prepared.words, strict=True))
        )
        if prepared.vectors is not None:
            self.vectors.append(prepared.vectors)
        if len(self.chunks) >= BATCH_SIZE:
            self.flush()

    def delete(self, doc_ids: Sequence[str]) -> None:
        for start in range(0, len(doc_ids), BATCH_SIZE):
            batch: list[str | int | float | bool] = list(doc_ids[start : start + BATCH_SIZE])
            self.collection.delete(where=cast(Where, {"doc_id": {"$in": batch}}))

    def flush(self) -> None:
        if self.stale:
            self.delete(self.stale)
            self.stale = []
        if self.chunks:
            vectors = np.vstack(self.vectors) if self.vectors else None
            if vectors is not None and len(vectors) != len(self.chunks):
                vectors = None  # a mixed batch cannot happen, but chromadb can always embed
            if vectors is None:  # chromadb embeds the documents with the collection's function
                self.collection.add(
                    ids=[chunk.id for chunk in self.chunks],
                    documents=[chunk.text for chunk in self.chunks],
                    metadatas=self.metadatas,
                )
            else:
                # The text rides in the metadata, not as a chromadb document: a document is
                # also put in chromadb's full-text index, which nothing queries (adding 31,782
                # synthetic chunks took 55 s with it, 40 s without).
                self.collection.add(
                    ids=[chunk.id for chunk in self.chunks],
                    metadatas=[
                        {**meta, TEXT_KEY: chunk.text}
                        for chunk, meta in zip(self.chunks, self.metadatas, strict=True)
                    ],
                    embeddings=vectors,
                )
            self.chunks, self.metadatas, self.vectors = [], [], []


def build_index(
    collection: Collection,
    folders: Sequence[SourceFolder],
    *,
    splitter: SplitterConfig | None = None,
    on_progress: ProgressCallback | None = None,
    embedding: EmbeddingFunction[Documents] | None = None,
) -> BuildReport:
    """Make the collection hold exactly the documents of `folders`, touching only changes.

    With our hashed `embedding`, vectors are computed while preparing (see prepare.py);
    with any other (or none given), chromadb embeds with the collection's function."""
    splitter = splitter or SplitterConfig()
    hashed = embedding.get_config() if isinstance(embedding, HashedNgramEmbedding) else None
    report = BuildReport()
    indexed = _indexed_hashes(collection)
    # (relative path, doc id, the job if it changed, its hash or why it cannot be read)
    plan: list[tuple[str, str, Job | None, str]] = []
    for folder in folders:
        for path in iter_document_paths(folder.path):
            relative = path.relative_to(folder.path).as_posix()
            doc_id = document_id(folder, relative)
            try:
                doc_hash = _pipeline_hash(file_hash(path), splitter)
            except DocumentError as exc:
                plan.append((relative, doc_id, None, f"!{exc.reason}"))  # never a hex hash
                continue
            changed = indexed.get(doc_id) != doc_hash
            job = Job(path, relative, doc_id, splitter, hashed) if changed else None
            plan.append((relative, doc_id, job, doc_hash))
    planned = {doc_id for _, doc_id, _, _ in plan}
    prepared = prepare_all([job for _, _, job, _ in plan if job is not None])
    writer = _Writer(collection)
    seen: set[str] = set()
    for done, (relative, doc_id, job, doc_hash) in enumerate(plan, start=1):
        result = next(prepared) if job is not None else None
        if result is not None and result.error is None:
            seen.add(doc_id)
            previous = indexed.get(doc_id)
            writer.replace(doc_id, result, doc_hash, stale=previous is not None)
            if previous is None:
                report.added += 1
            else:
                report.updated += 1
        elif result is None and not doc_hash.startswith("!"):
            seen.add(doc_id)
            report.unchanged += 1
        else:  # unreadable: a stale copy of it must not linger
            reason = result.error if result is not None else None
            report.failed.append((relative, reason or doc_hash[1:]))
        if on_progress is not None:
            on_progress(done, len(plan), relative)
    writer.flush()
    gone = sorted(indexed.keys() - seen)
    writer.delete(gone)
    report.removed = sum(doc_id not in planned for doc_id in gone)  # failed ones are not "removed"
    report.chunks = collection.count()
    return report
