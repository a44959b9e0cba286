"""The chromadb side: opening a client (embedded or server) and our collection, chunk records.

chromadb is the store of record: chunk text, citation metadata, the chunk's lexical terms and
its vector all live there, so a second process (or a chroma server) sees one consistent index.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, cast
from urllib.parse import urlsplit

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import Documents, Embeddable, EmbeddingFunction, Metadata
from chromadb.config import Settings as ChromaSettings

from knowledge.errors import IndexUnavailableError

COLLECTION_PREFIX: Final = "citybot-policies"
# chromadb allows 5,461 per call; 4,000 keeps a batch to a few MB and the fixed cost per call
# a small share (measured on 5,000 chunks: batches of 1,000 took a third longer than 5,000).
BATCH_SIZE: Final = 4000


@dataclass(frozen=True, slots=True)
class Chunk:
    """One passage of one document, with what a citation needs."""

    id: str
    text: str
    doc_id: str
    source: str
    title: str
    issuer: str = ""
    date: str = ""
    url: str = ""
    source_note: str = ""
    terms: tuple[str, ...] = ()

    def metadata(self, doc_hash: str, position: int) -> Metadata:
        """The chromadb metadata of this chunk (terms joined by spaces; they contain none)."""
        return {
            "doc_id": self.doc_id,
            "doc_hash": doc_hash,
            "position": position,
            "source": self.source,
            "title": self.title,
            "issuer": self.issuer,
            "date": self.date,
            "url": self.url,
            "source_note": self.source_note,
            "terms": " ".join(self.terms),
        }

    @classmethod
    def from_record(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        """Rebuild a chunk from what chromadb returns."""
        return cls(
            id=chunk_id,
            text=text,
            doc_id=str(meta.get("doc_id", "")),
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            issuer=str(meta.get("issuer", "")),
            date=str(meta.get("date", "")),
            url=str(meta.get("url", "")),
            source_note=str(meta.get("source_note", "")),
            # Interned: 100,000 chunks share a vocabulary of a few hundred thousand terms, and
            # one string object per occurrence instead of per term took gigabytes.
            terms=tuple(map(sys.intern, str(meta.get("terms", "")).split())),
        )


def open_client(index_dir: Path, chroma_url: str | None = None) -> ClientAPI:
    """An embedded PersistentClient in `index_dir`, or an HttpClient when a URL is given."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if chroma_url:
            parts = urlsplit(chroma_url)
            if not parts.hostname:
                raise IndexUnavailableError(f"not a chroma server URL: {chroma_url}")
            https = parts.scheme == "https"
            return chromadb.HttpClient(
                host=parts.hostname,
                port=parts.port or (443 if https else 8000),
                ssl=https,
                settings=settings,
            )
        index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(index_dir), settings=settings)
    except IndexUnavailableError:
        raise
    except Exception as exc:  # chromadb raises ValueError, OSError, httpx errors…
        where = chroma_url or str(index_dir)
        raise IndexUnavailableError(f"cannot open the index at {where}: {exc}") from exc


def collection_name(embedding: EmbeddingFunction[Documents]) -> str:
    """One collection per embedding, since vectors of different models do not mix."""
    return f"{COLLECTION_PREFIX}-{embedding.name()}"


def open_collection(client: ClientAPI, embedding: EmbeddingFunction[Documents]) -> Collection:
    """Our collection (created if missing), always with our own embedding function."""
    try:
        return client.get_or_create_collection(
            name=collection_name(embedding),
            # chromadb types the parameter for text-or-image functions; ours embed text only.
            embedding_function=cast("EmbeddingFunction[Embeddable]", embedding),
            configuration={"hnsw": {"space": "cosine"}},
        )
    except Exception as exc:
        raise IndexUnavailableError(f"cannot open the policy collection: {exc}") from exc


def load_chunks(collection: Collection) -> list[Chunk]:
    """Every chunk of the collection, ordered by document and position."""
    chunks: list[tuple[str, int, Chunk]] = []
    total = collection.count()
    for offset in range(0, total, BATCH_SIZE):
        batch = collection.get(include=["documents", "metadatas"], limit=BATCH_SIZE, offset=offset)
        documents = batch["documents"] or []
        metadatas = batch["metadatas"] or []
        for chunk_id, text, meta in zip(batch["ids"], documents, metadatas, strict=True):
            chunk = Chunk.from_record(chunk_id, text, dict(meta))
            position = meta.get("position")
            chunks.append((chunk.doc_id, position if isinstance(position, int) else 0, chunk))
    chunks.sort(key=lambda item: (item[0], item[1]))
    return [chunk for _, _, chunk in chunks]
