"""Coverage of a question by a passage, and the re-ranking that uses it."""

from __future__ import annotations

import pytest

from knowledge.ingest.store import Chunk
from knowledge.search.coverage import QuestionCoverage
from knowledge.search.retriever import HybridRetriever, RetrieverConfig
from knowledge.search.synonyms import SynonymMap
from knowledge.text import terms


def _chunk(chunk_id: str, text: str, title: str = "") -> Chunk:
    return Chunk(
        id=chunk_id,
        text=text,
        doc_id=chunk_id,
        source=f"{chunk_id}.md",
        title=title,
        terms=tuple(terms(text)),
    )


def _terms(text: str) -> tuple[str, ...]:
    return tuple(terms(text))


def _flat_idf(term: str) -> float:
    return 1.0


def test_a_passage_with_every_bigram_covers_the_whole_question() -> None:
    measure = QuestionCoverage("钢瓶检验", (), SynonymMap(), _flat_idf)
    assert measure.share(_terms("钢瓶检验要定期做。")) == pytest.approx(1.0)
    assert measure.share(_terms("垃圾分类。")) == 0.0


def test_coverage_counts_each_phrase_once_however_often_it_is_repeated() -> None:
    measure = QuestionCoverage("钢瓶检验", (), SynonymMap(), _flat_idf)
    repeated = measure.share(_terms("钢瓶钢瓶钢瓶钢瓶。"))
    assert repeated == pytest.approx(measure.share(_terms("钢瓶。")))
    assert repeated < measure.share(_terms("钢瓶检验。"))


def test_a_colloquial_word_is_covered_by_its_official_words() -> None:
    synonyms = SynonymMap()
    expansion = synonyms.expand("煤气罐")
    measure = QuestionCoverage("煤气罐", expansion.matched, synonyms, _flat_idf)
    assert measure.share(_terms("液化石油气钢瓶要直立放置。")) == pytest.approx(1.0)


def test_a_question_without_units_covers_nothing() -> None:
    assert QuestionCoverage("", (), SynonymMap(), _flat_idf).share(_terms("钢瓶。")) == 0.0


def test_reranking_lifts_the_passage_that_has_more_of_the_question() -> None:
    # "a" repeats 钢瓶 and wins on BM25; "b", longer, has both 钢瓶 and 检验 once.
    chunks = [
        _chunk("a", "钢瓶。钢瓶。钢瓶。钢瓶。钢瓶。钢瓶。"),
        _chunk(
            "b",
            "钢瓶和阀门的检验，由有资质的单位按照规定的周期进行，用户不要自己拆开，"
            "出现问题请联系供应企业，并保留购买凭证和票据。",
        ),
        _chunk("c", "垃圾分类。"),
        _chunk("d", "路灯不亮。"),
    ]
    plain = HybridRetriever(chunks, None, None, RetrieverConfig(coverage_weight=0.0))
    reranked = HybridRetriever(chunks, None, None, RetrieverConfig(coverage_weight=1.0))
    assert [hit.chunk.id for hit in plain.search("钢瓶检验", 2).hits] == ["a", "b"]
    hits = reranked.search("钢瓶检验", 2).hits
    assert [hit.chunk.id for hit in hits] == ["b", "a"]
    assert hits[0].coverage > hits[1].coverage


def test_of_two_alike_passages_the_one_whose_title_names_the_subject_comes_first() -> None:
    same_text = "要定期检查，发现问题及时处理。"
    chunks = [
        _chunk("a", same_text, title="垃圾分类指南"),
        _chunk("b", same_text, title="钢瓶检验须知"),
        _chunk("c", "路灯不亮。"),
    ]
    without = HybridRetriever(chunks, None, None, RetrieverConfig(title_weight=0.0))
    with_title = HybridRetriever(chunks, None, None, RetrieverConfig(title_weight=1.0))
    assert [hit.chunk.id for hit in without.search("钢瓶检验定期检查", 2).hits] == ["a", "b"]
    assert [hit.chunk.id for hit in with_title.search("钢瓶检验定期检查", 2).hits] == ["b", "a"]
