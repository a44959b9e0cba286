"""The hashed embedding computes the same vectors, bit for bit, as its plain definition.

Vectors already stored in an index were made by the plain per-feature loop below; a query
embedded differently would drift from them. The corpus's own passages and mixed text are
embedded both ways and must be equal exactly (features sharing a slot included)."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np
import pytest

from knowledge.ingest.documents import iter_document_paths, read_document
from knowledge.ingest.embedding import HashedNgramEmbedding
from knowledge.ingest.indexer import BUILTIN_CORPUS
from knowledge.ingest.splitter import SplitterConfig, split_text
from knowledge.text import normalize, words


def _plain(embedding: HashedNgramEmbedding, text: str) -> np.ndarray:
    """The definition: every feature's crc32 picks a slot and a sign, log tf, L2-normalised."""
    compact = "".join(ch for ch in normalize(text) if ch.isalnum())
    features = [
        f"{n}:{compact[i : i + n]}"
        for n in embedding.ngram_sizes
        for i in range(len(compact) - n + 1)
    ]
    if embedding.use_words:
        features += ["w:" + word for word in words(text)]
    vector = np.zeros(embedding.dimensions, dtype=np.float32)
    for feature, count in Counter(features).items():
        digest = zlib.crc32(feature.encode("utf-8"))
        sign = 1.0 if digest & 0x80000000 else -1.0
        position = digest % embedding.dimensions
        vector[position] += np.float32(sign * (1.0 + np.log(np.float64(count))))
    norm = float(np.linalg.norm(vector))
    if norm == 0.0:
        vector[0] = 1e-6
        return vector
    return vector / norm


def _passages(limit: int) -> list[str]:
    texts = []
    for path in iter_document_paths(BUILTIN_CORPUS):
        texts.extend(split_text(read_document(path, path.name).text, SplitterConfig()))
    return texts[:limit]


MIXED = [
    "",
    "！？。",
    "a",
    "燃气泄漏怎么办？",
    "12345 热线 1+4+N，ＡＢＣ full-width snake_case ①②Ⅻ",
    "門前三包係咩嚟㗎",
    "煤气" * 200,
]


@pytest.mark.parametrize(
    "settings", [{}, {"dimensions": 16}, {"ngram_sizes": (1, 2, 3)}, {"use_words": False}]
)
def test_vectors_equal_the_plain_definition_bit_for_bit(settings: dict) -> None:
    embedding = HashedNgramEmbedding(**settings)
    for text in MIXED + _passages(150):
        expected = _plain(embedding, text)
        assert np.array_equal(embedding.embed_one(text), expected), text[:40]


def test_a_given_cut_gives_the_vector_of_the_text() -> None:
    embedding = HashedNgramEmbedding()
    text = _passages(1)[0]
    assert np.array_equal(embedding.embed_one(text, words(text)), embedding.embed_one(text))
