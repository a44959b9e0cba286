"""The search pipeline: its stages, in order, and what each leaves for the next."""

from __future__ import annotations

from knowledge.ingest.store import Chunk
from knowledge.search.retriever import HybridRetriever, RetrieverConfig
from knowledge.text import terms


def _chunk(chunk_id: str, text: str, title: str) -> Chunk:
    return Chunk(
        id=chunk_id,
        text=text,
        doc_id=chunk_id,
        source=f"{chunk_id}.md",
        title=title,
        terms=tuple(terms(f"{title}\n{text}")),
    )


CHUNKS = [
    _chunk("lpg", "液化石油气钢瓶应当直立放置，不得放在地下室。", "瓶装液化气安全使用"),
    _chunk("waste", "厨余垃圾应当投放到厨余垃圾桶。", "垃圾分类"),
    _chunk("hose", "燃气软管应当定期更换，不得穿墙。", "燃气软管"),
]


def test_the_stages_are_rewrite_bm25_vector_fuse_rerank_in_that_order() -> None:
    retriever = HybridRetriever(CHUNKS, None, None)
    assert retriever.pipeline.names == ["rewrite", "bm25", "vector", "fuse", "rerank"]


def test_each_stage_leaves_its_part_of_the_query() -> None:
    retriever = HybridRetriever(CHUNKS, None, None)
    query = retriever.pipeline.run("煤气罐放喺地下室得唔得", k=2, pool=10)
    # rewrite: Cantonese standardised, the colloquial word expanded into the official ones
    assert query.question == "煤气罐放在地下室可不可以"
    assert "煤气罐" in query.expansion.matched and "钢瓶" in query.terms
    # bm25 found the cylinder passage; no collection, so the vector stage added nothing
    assert next(iter(query.lexical)) == "lpg"
    assert query.dense == {}
    # fuse and rerank kept the best first, at most k of them
    assert query.fused[0][0] == "lpg"
    assert [hit.chunk.id for hit in query.hits][:1] == ["lpg"] and len(query.hits) <= 2


def test_a_question_with_nothing_to_search_stops_after_rewriting() -> None:
    retriever = HybridRetriever(CHUNKS, None, None)
    query = retriever.pipeline.run("？？！", k=5, pool=10)
    assert query.terms == [] and query.lexical == {} and query.hits == []
    assert retriever.search("？？！").hits == []


def test_turning_off_the_vector_stage_keeps_it_in_the_list() -> None:
    retriever = HybridRetriever(CHUNKS, None, None, RetrieverConfig(use_dense=False))
    assert "vector" in retriever.pipeline.names
    assert retriever.search("软管多久换").hits[0].chunk.id == "hose"
