"""The in-memory BM25 ranker."""

from __future__ import annotations

import math

import pytest

from knowledge.search.lexical import BM25Index, BM25Params

DOCS = [
    ["燃气", "钢瓶", "地下室"],
    ["燃气", "软管", "软管", "更换"],
    ["垃圾", "分类"],
    [],
]


def test_rare_terms_score_higher_than_common_ones() -> None:
    index = BM25Index(DOCS)
    assert index.idf("地下室") > index.idf("燃气")
    [(position, score)] = index.top(["地下室"], 3)
    assert position == 0
    assert score == pytest.approx(index.scores(["地下室"])[0])


def test_scores_match_the_bm25_formula() -> None:
    index = BM25Index(DOCS, BM25Params(k1=1.2, b=0.75))
    average = sum(map(len, DOCS)) / len(DOCS)
    idf = math.log(1 + (4 - 1 + 0.5) / (1 + 0.5))
    tf, length = 2, 4
    expected = idf * tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * length / average))
    assert index.scores(["软管"])[1] == pytest.approx(expected, rel=1e-5)


def test_repeated_query_terms_count_once() -> None:
    index = BM25Index(DOCS)
    assert list(index.scores(["垃圾", "垃圾"])) == list(index.scores(["垃圾"]))


def test_unknown_terms_score_nothing_but_have_the_highest_idf() -> None:
    index = BM25Index(DOCS)
    assert index.top(["股票"], 5) == []
    assert not index.contains("股票")
    assert index.idf("股票") == index.max_idf > index.idf("地下室")


def test_top_orders_best_first_and_drops_zero_scores() -> None:
    index = BM25Index(DOCS)
    ranked = index.top(["燃气", "软管"], 10)
    assert [doc for doc, _ in ranked] == [1, 0]


def test_an_empty_index_answers_nothing() -> None:
    index = BM25Index([])
    assert index.top(["燃气"], 5) == []


def test_the_matrix_equals_bm25s_own_build_bit_for_bit() -> None:
    """Built in numpy blocks, the weights are bm25s's, so rankings cannot move."""
    import bm25s
    import numpy as np

    from knowledge.ingest.documents import iter_document_paths, read_document
    from knowledge.ingest.indexer import BUILTIN_CORPUS, chunk_document
    from knowledge.ingest.splitter import SplitterConfig
    from knowledge.search import lexical

    documents = [
        list(chunk.terms)
        for path in iter_document_paths(BUILTIN_CORPUS)
        for chunk in chunk_document(read_document(path, path.name), "d", SplitterConfig())
    ] + [[], ["燃气", "燃气"]]
    for params in (BM25Params(), BM25Params(k1=1.5, b=0.75)):
        vocab = lexical._vocabulary(documents)
        reference = bm25s.BM25(k1=params.k1, b=params.b, method="lucene")
        reference.index(
            ([[vocab[term] for term in tokens] for tokens in documents], vocab),
            create_empty_token=False,
            show_progress=False,
        )
        built = BM25Index(documents, params)._model.scores
        expected = reference.scores
        assert np.array_equal(built["data"], expected["data"] * np.float32(params.k1 + 1.0))
        assert np.array_equal(built["indices"], expected["indices"])
        assert np.array_equal(built["indptr"], expected["indptr"])
