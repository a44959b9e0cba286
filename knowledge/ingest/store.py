"""The chromadb side: opening a client (embedded or server) and our collection, chunk records.

chromadb is the store of record: chunk text, citation metadata, the chunk's words and its
vector all live there, so a second process (or a chroma server) sees one consistent index.

A record is kept lean because chromadb's `add` pays for every metadata byte (it indexes each
value). Measured on 10,618 synthetic chunks (CPU seconds of `add`): vectors alone 3.9, with
the text 8.2, with the old metadata (every citation field on every chunk, every term) 13.9,
with this layout 9.6. So a chunk stores its jieba words only (its character bigrams are
recomputed on load, 0.9 s per 10,000 chunks), and the citation fields of its document are
stored once, on the document's first chunk. `from_record` still reads the old layout.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
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
from knowledge.search.vocabulary import Vocabulary
from knowledge.text import char_bigrams

COLLECTION_PREFIX: Final = "citybot-policies"
# chromadb allows 5,461 per call; 4,000 keeps a batch to a few MB and the fixed cost per call
# a small share (measured on 5,000 chunks: batches of 1,000 took a third longer than 5,000).
BATCH_SIZE: Final = 4000
# The citation fields, the same for every chunk of a document: stored on its first chunk only.
DOCUMENT_FIELDS: Final = ("source", "title", "issuer", "date", "url", "source_note")
# HNSW settings of a new collection (an existing one keeps those it was made with). Measured at
# 106,103 synthetic chunks: CPU seconds of adding the vectors, and recall@5 against exact
# search for the 331 kb_dev questions / 200 chunk-like queries. chromadb's defaults
# (ef_construction 100, max_neighbors 16, ef_search 100): 78-89 s, 0.714 / 0.873;
# 64/16/300: 59-67 s, 0.832 / 0.928; these, 50/12/300: 45-46 s, 0.790 / 0.896; 32/12/300:
# 38.5 s, - / 0.835. A wider search (ef_search) costs a query about a millisecond and buys
# back what the sparser graph loses: half the build time at better recall than the defaults.
HNSW: Final = {"space": "cosine", "ef_construction": 50, "max_neighbors": 12, "ef_search": 300}
# The metadata key of a chunk's text when the indexer computed its vector (no chromadb
# document then: see indexer.py); an index whose chunks are documents loads as before.
TEXT_KEY: Final = "text"


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
    # A tuple, or a loaded index's TermIds (the same terms as numbers: half the memory).
    terms: Sequence[str] = ()

    def metadata(self, doc_hash: str, position: int, words: str | None = None) -> Metadata:
        """The chromadb metadata of this chunk: its words (without the `#` bigrams, which
        loading recomputes; given space-separated, or taken from its terms); the document's
        citation fields on its first chunk only."""
        if words is None:
            words = " ".join(term for term in self.terms if not term.startswith("#"))
        meta: dict[str, str | int] = {
            "doc_id": self.doc_id,
            "doc_hash": doc_hash,
            "position": position,
            "words": words,
        }
        if position == 0:
            meta.update({name: getattr(self, name) for name in DOCUMENT_FIELDS})
        return meta

    @classmethod
    def from_record(
        cls,
        chunk_id: str,
        text: str,
        meta: Mapping[str, Any],
        document: Mapping[str, Any],
        vocabulary: Vocabulary | None = None,
    ) -> Chunk:
        """Rebuild a chunk from what chromadb returns; `document` is the metadata of the
        document's first chunk (the citation fields), `meta` this chunk's own; with a
        `vocabulary`, its terms are numbers of it (what a whole index's load uses)."""
        fields = {name: str(meta.get(name, document.get(name, ""))) for name in DOCUMENT_FIELDS}
        if "terms" in meta:  # the layout before words and bigrams were stored apart
            stored = str(meta["terms"]).split()
        else:
            stored = [*str(meta.get("words", "")).split(), *_title_grams(fields["title"])]
            stored.extend(map(_marked, char_bigrams(text)))
        return cls(
            id=chunk_id,
            text=text,
            doc_id=str(meta.get("doc_id", "")),
            # Numbered, or else interned: 100,000 chunks share a vocabulary of a few hundred
            # thousand terms, and one string object per occurrence took gigabytes.
            terms=(
                vocabulary.encode(stored)
                if vocabulary is not None
                else tuple(map(sys.intern, stored))
            ),
            **fields,
        )


_TITLE_GRAMS: dict[str, tuple[str, ...]] = {}
_MARKED: dict[str, str] = {}


def _marked(gram: str) -> str:
    """The index term `#gram`, one interned string per bigram (a load makes millions)."""
    term = _MARKED.get(gram)
    if term is None:
        term = _MARKED[gram] = sys.intern("#" + gram)
    return term


def _title_grams(title: str) -> tuple[str, ...]:
    """The `#` bigrams of a title (shared by all of its document's chunks)."""
    grams = _TITLE_GRAMS.get(title)
    if grams is None:
        grams = _TITLE_GRAMS[title] = tuple(map(_marked, char_bigrams(title)))
    return grams


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
            configuration={"hnsw": cast("Any", HNSW)},
        )
    except Exception as exc:
        raise IndexUnavailableError(f"cannot open the policy collection: {exc}") from exc


def load_chunks(collection: Collection) -> list[Chunk]:
    """Every chunk of the collection, ordered by document and position."""
    # The documents' citation fields first (their first chunks), so that each batch of
    # records becomes chunks at once and no record outlives its batch.
    documents: dict[str, Mapping[str, Any]] = {}
    total = collection.count()
    for offset in range(0, total, BATCH_SIZE):
        firsts = collection.get(
            where={"position": 0}, include=["metadatas"], limit=BATCH_SIZE, offset=offset
        )
        for meta in firsts["metadatas"] or []:
            documents[str(meta.get("doc_id", ""))] = meta
        if len(firsts["ids"]) < BATCH_SIZE:
            break
    chunks: list[tuple[str, int, Chunk]] = []
    vocabulary = Vocabulary()  # the chunks' terms as its numbers (see vocabulary.py)
    for offset in range(0, total, BATCH_SIZE):
        batch = collection.get(include=["documents", "metadatas"], limit=BATCH_SIZE, offset=offset)
        texts = batch["documents"] or []
        metadatas = batch["metadatas"] or []
        for chunk_id, document, meta in zip(batch["ids"], texts, metadatas, strict=True):
            text = str(meta.get(TEXT_KEY, document or ""))
            stored = meta.get("position")
            doc_id = str(meta.get("doc_id", ""))
            document_meta = documents.get(doc_id, {})
            chunk = Chunk.from_record(chunk_id, text, meta, document_meta, vocabulary)
            chunks.append((doc_id, stored if isinstance(stored, int) else 0, chunk))
    chunks.sort(key=lambda item: (item[0], item[1]))
    return [chunk for _, _, chunk in chunks]
