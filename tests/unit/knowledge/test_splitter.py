"""The Chinese-aware splitter: sentence ends, clause fallback, packing and overlap."""

from __future__ import annotations

import itertools

import pytest

from knowledge.ingest.splitter import (
    SplitterConfig,
    join_sentences,
    lay_out,
    split_sentences,
    split_text,
)


def test_sentences_end_at_chinese_marks_and_keep_closing_quotes() -> None:
    text = "闻到燃气味怎么办？先关阀门。“不要开灯！”他说；然后开窗"
    assert split_sentences(text) == [
        "闻到燃气味怎么办？",
        "先关阀门。",
        "“不要开灯！”",
        "他说；",
        "然后开窗",
    ]


def test_sentences_split_at_line_breaks_and_western_full_stops() -> None:
    assert split_sentences("标题\n\n正文一句。Gas leak. Call 119!") == [
        "标题",
        "正文一句。",
        "Gas leak.",
        "Call 119!",
    ]


def test_ellipsis_runs_stay_with_their_sentence() -> None:
    assert split_sentences("等等……然后呢？") == ["等等……", "然后呢？"]


def test_join_is_the_inverse_of_split() -> None:
    units = ["标题一", "第一句。", "第二句！", "An English one.", "Two.", "列表项"]
    assert split_sentences(join_sentences(units)) == units


def test_chunks_never_exceed_the_size_and_never_cut_a_short_sentence() -> None:
    sentence = "液化石油气钢瓶不得存放在地下室。"  # 16 characters
    chunks = split_text(sentence * 30, SplitterConfig(size=100, overlap=0))
    assert all(len(chunk) <= 100 for chunk in chunks)
    assert all(chunk.endswith("。") for chunk in chunks)
    assert "".join(chunks) == sentence * 30


def test_overlap_repeats_whole_trailing_sentences() -> None:
    sentences = [f"第{i}句话写得稍长一点。" for i in range(20)]
    chunks = split_text("".join(sentences), SplitterConfig(size=60, overlap=25))
    for previous, following in itertools.pairwise(chunks):
        shared = [s for s in split_sentences(following) if s in split_sentences(previous)]
        assert shared, "consecutive chunks share their boundary sentences"
        assert previous.endswith("".join(shared))
        assert following.startswith("".join(shared))
        assert 0 < len("".join(shared)) <= 25


def test_a_sentence_longer_than_a_chunk_is_cut_at_clauses_first() -> None:
    long_sentence = "，".join(["燃气软管要定期检查更换"] * 12) + "。"
    chunks = split_text(long_sentence, SplitterConfig(size=50, overlap=0))
    assert len(chunks) > 1
    assert all(len(chunk) <= 50 for chunk in chunks)
    assert all(chunk.endswith(("，", "。")) for chunk in chunks)


def test_a_clause_longer_than_a_chunk_is_hard_cut() -> None:
    chunks = split_text("燃" * 130, SplitterConfig(size=50, overlap=0))
    assert [len(chunk) for chunk in chunks] == [50, 50, 30]


def test_blank_text_gives_no_chunks() -> None:
    assert split_text("  \n\n ") == []


@pytest.mark.parametrize(("size", "overlap"), [(10, 0), (100, 100), (100, -1)])
def test_nonsense_settings_are_refused(size: int, overlap: int) -> None:
    with pytest.raises(ValueError):
        SplitterConfig(size=size, overlap=overlap)


def test_a_chunk_is_laid_out_with_its_headings_and_list_items_on_lines_of_their_own() -> None:
    units = [
        "补助发给谁",
        "按照1000元/户的标准进行补助。",
        "并不是直接发给居民个人。",
        "可以怎么做",
        "1. 先向街道了解；",
        "2. 拨打12345。",
        "English summary",
        "Companies receive 1,000 yuan.",
        "Residents pay at most 1,200.",
    ]
    chunk = join_sentences(units)
    assert "个人。可以怎么做" in chunk, "the index glues them"
    assert lay_out(chunk) == (
        "补助发给谁\n按照1000元/户的标准进行补助。并不是直接发给居民个人。\n\n"
        "可以怎么做\n1. 先向街道了解；\n2. 拨打12345。\n\n"
        "English summary\nCompanies receive 1,000 yuan. Residents pay at most 1,200."
    )
    assert split_sentences(lay_out(chunk)) == split_sentences(chunk), "nothing lost or added"
