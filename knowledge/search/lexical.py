"""BM25 over pre-tokenised chunks, by bm25s (sparse precomputed scores), for the bm25 stage.

bm25s computes every (term, chunk) weight once at build time and keeps them as one sparse
matrix, so a query is a handful of vectorised additions into one score array. Its "lucene"
variant is the formula we used before (idf = ln(1 + (N - df + .5) / (df + .5))) without the
constant (k1 + 1) factor, which we multiply back in so that scores read as textbook BM25. It
ranks kb_dev exactly as our own numpy postings did; measured in CPU time at 100,000 chunks,
queries p50 0.89 / p95 1.49 ms against 1.15 / 2.41 ms, the build 16 s against 13 s. Tokens come from
`knowledge.text.terms`, stored with each chunk in chromadb so that loading never re-runs jieba;
a loaded index's come numbered already (knowledge/search/vocabulary.py), and are used so.

The matrix is built here, not by bm25s's `index` (`_score_matrix`): the same weights bit for bit
(a test compares them with bm25s's own build), without the working arrays that made bm25s's
build the peak of a big load. At 21,178 chunks: 1.3-1.9 CPU s against 5-6, the retriever's
peak 454 MB against 543 (it is no longer the load's peak: the first query's is).
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import bm25s
import numpy as np
from scipy import sparse

from knowledge.search.vocabulary import TermIds, shared_vocabulary

FloatArray = np.ndarray[Any, np.dtype[np.float32]]

logging.getLogger("bm25s").setLevel(logging.WARNING)

_BLOCK = 4096  # documents counted at a time while building the matrix


@dataclass(frozen=True, slots=True)
class BM25Params:
    """k1 (term-frequency saturation) and b (length normalisation), tuned on kb_dev."""

    k1: float = 1.2
    b: float = 0.5


def _vocabulary(documents: Sequence[Sequence[str]]) -> dict[str, int]:
    """Every term of the documents, numbered in order of first appearance."""
    first_seen = dict.fromkeys(itertools.chain.from_iterable(documents))
    return {term: number for number, term in enumerate(first_seen)}


def _score_matrix(
    documents: Sequence[Sequence[str]], vocab: dict[str, int], params: BM25Params
) -> dict[str, Any]:
    """bm25s's matrix of every (term, document) weight, computed block by block in numpy.

    The same float operations, in the same precision, as bm25s's own build (its lucene idf and
    term-frequency parts, one document at a time), so the scores are equal bit for bit. bm25s
    held every token as an id, three arrays of every weight and their sorted copies while it
    built; here a block of documents' ids at a time, each (term, document) pair's term and
    count, then the weights and one CSR-to-CSC conversion."""
    size, vocabulary = len(documents), len(vocab)
    lengths = np.array([len(tokens) for tokens in documents])
    average = lengths.mean()
    number = vocab.__getitem__
    numbered = shared_vocabulary(documents) is not None  # TermIds: their ids are the numbers
    terms: list[np.ndarray[Any, np.dtype[np.int32]]] = []  # per block, document by document
    counts: list[np.ndarray[Any, Any]] = []
    pairs_per_document = np.zeros(size, dtype=np.int64)
    for start in range(0, size, _BLOCK):
        block = documents[start : start + _BLOCK]
        if numbered:
            ids = [cast(TermIds, tokens).ids for tokens in block]
            flat = np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, np.int64)
        else:
            flat = np.fromiter(
                itertools.chain.from_iterable(map(number, t) for t in block), np.int64
            )
        owner = np.repeat(np.arange(len(block), dtype=np.int64), [len(t) for t in block])
        pairs, tf = np.unique(owner * vocabulary + flat, return_counts=True)
        del flat, owner
        local = pairs // vocabulary
        pairs_per_document[start : start + len(block)] = np.bincount(local, minlength=len(block))
        terms.append((pairs % vocabulary).astype(np.int32))
        # A term repeats in a chunk no more often than the chunk has tokens (a few hundred).
        counts.append(tf.astype(np.uint16 if tf.max(initial=0) < 1 << 16 else np.uint32))
        del pairs, tf, local
    df = np.zeros(vocabulary, dtype=np.int64)
    for block_terms in terms:
        df += np.bincount(block_terms, minlength=vocabulary)
    # idf by math.log per distinct document frequency, as bm25s computes it term by term.
    distinct, where = np.unique(df, return_inverse=True)
    idf = np.array(
        [math.log(1 + (size - d + 0.5) / (d + 0.5)) if d else 0.0 for d in distinct.tolist()],
        dtype=np.float32,
    )[where]
    k1, b = params.k1, params.b
    # Per document: k1 * ((1 - b) + b * length / average), in float64 as bm25s's scalar is.
    norm = k1 * ((1 - b) + b * lengths / average)
    weights = []
    for number_of_block, start in enumerate(range(0, size, _BLOCK)):
        per_document = pairs_per_document[start : start + _BLOCK]
        row = np.repeat(np.arange(start, start + len(per_document)), per_document)
        tf = counts[number_of_block].astype(np.float32)
        block_terms = terms[number_of_block]
        weights.append((idf[block_terms] * (tf / (norm[row] + tf))).astype(np.float32))
        counts[number_of_block] = np.empty(0, dtype=np.uint16)  # freed as it goes
        del row, tf
    del counts, norm
    data = np.concatenate(weights)
    del weights
    data *= np.float32(k1 + 1.0)  # bm25s's lucene leaves the constant (k1 + 1) out
    term = np.concatenate(terms)
    del terms
    indptr = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(pairs_per_document, out=indptr[1:])
    by_term = sparse.csr_matrix((data, term, indptr), shape=(size, vocabulary)).tocsc()
    del data, term, indptr
    return {
        "data": by_term.data,
        "indices": by_term.indices,
        "indptr": by_term.indptr,
        "num_docs": size,
    }


class BM25Index:
    """BM25 over a fixed list of tokenised documents."""

    def __init__(self, documents: Sequence[Sequence[str]], params: BM25Params | None = None):
        self.params = params or BM25Params()
        self.size = len(documents)
        self._vocab: dict[str, int] = {}
        self._df = np.zeros(0, dtype=np.int64)
        self._model: Any = None
        if self.size and any(documents):
            shared = shared_vocabulary(documents)
            self._vocab = shared.numbers if shared is not None else _vocabulary(documents)
            self._model = bm25s.BM25(k1=self.params.k1, b=self.params.b, method="lucene")
            self._model.scores = _score_matrix(documents, self._vocab, self.params)
            self._model.vocab_dict = self._vocab
            self._model.nonoccurrence_array = None  # what bm25s's build sets for lucene
            self._df = np.diff(self._model.scores["indptr"])
        # What an unseen term would score: rarer than anything indexed.
        self.max_idf = math.log(1.0 + (self.size + 0.5) / 0.5) if self.size else 0.0

    def _document_frequency(self, term: str) -> int:
        position = self._vocab.get(term)
        # A shared vocabulary may number terms met after this index was built: none of ours.
        if position is None or position >= len(self._df) or not term:
            return 0
        return int(self._df[position])

    def idf(self, term: str) -> float:
        """The term's inverse document frequency (max_idf for a term never indexed)."""
        df = self._document_frequency(term)
        if not df:
            return self.max_idf
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def contains(self, term: str) -> bool:
        """True when at least one document has the term."""
        return self._document_frequency(term) > 0

    def scores(self, query_terms: Sequence[str]) -> FloatArray:
        """BM25 score of every document for the query (repeated query terms count once)."""
        ids = [self._vocab[t] for t in dict.fromkeys(query_terms) if self.contains(t)]
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores_from_ids(ids), dtype=np.float32)

    def top(self, query_terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The best `k` documents with a positive score, as (position, score), best first."""
        scores = self.scores(query_terms)
        k = min(k, self.size)
        if k <= 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        ranked = best[np.argsort(-scores[best], kind="stable")]
        return [(int(i), float(scores[i])) for i in ranked if scores[i] > 0.0]
