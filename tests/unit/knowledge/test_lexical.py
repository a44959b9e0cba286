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


def test_numbered_terms_read_as_their_tuple_and_score_the_same() -> None:
    """A loaded index holds each chunk's terms as numbers of one vocabulary (half the memory
    of a tuple of strings); they must read, compare and rank exactly as the tuple."""
    import pickle

    from knowledge.search.vocabulary import TermIds, Vocabulary

    vocabulary = Vocabulary()
    numbered = [vocabulary.encode(tokens) for tokens in DOCS]
    assert [tuple(tokens) for tokens in numbered] == [tuple(tokens) for tokens in DOCS]
    second = numbered[1]
    assert second == tuple(DOCS[1]) and second[2] == "软管" and second[1:3] == ("软管", "软管")
    assert "更换" in second and "垃圾" not in second and len(second) == 4
    assert hash(second) == hash(tuple(DOCS[1]))
    assert pickle.loads(pickle.dumps(second)) == tuple(DOCS[1])  # not the whole vocabulary
    assert isinstance(numbered[0], TermIds) and len(vocabulary) == 7

    by_strings, by_numbers = BM25Index(DOCS), BM25Index(numbered)
    for query in (["燃气"], ["软管", "更换"], ["地下室", "垃圾", "股票"]):
        assert list(by_numbers.scores(query)) == list(by_strings.scores(query))
        assert by_numbers.idf(query[-1]) == by_strings.idf(query[-1])
    assert by_numbers.contains("分类") and not by_numbers.contains("股票")
    vocabulary.encode(["股票"])  # numbered after the index was built: still not in it
    assert not by_numbers.contains("股票") and by_numbers.idf("股票") == by_numbers.max_idf
    assert not any(by_numbers.scores(["股票"]))
