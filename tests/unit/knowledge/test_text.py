"""Tokenisation shared by both rankers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge import text
from knowledge.text import char_bigrams, cut_for_search, has_content, normalize, terms, words

_HERE = Path(__file__).resolve()
_KNOWLEDGE = _HERE.parents[3] / "knowledge"
_DEV_DATA = _HERE.parents[2] / "data"


def test_normalize_folds_full_width_and_case_and_spaces() -> None:
    assert normalize("  ＬＰＧ　钢瓶\n\tGas ") == "lpg 钢瓶 gas"


def test_normalize_drops_what_the_store_drops() -> None:
    assert normalize("燃气\x00泄\x07漏\ud800怎么办") == "燃气泄漏怎么办"
    assert words("燃气\x00泄漏") == words("燃气泄漏")


def test_words_keep_domain_terms_whole_and_drop_question_words() -> None:
    tokens = words("门前三包是什么？液化石油气钢瓶怎么办")
    assert "门前三包" in tokens
    assert "液化石油气" in tokens
    assert "钢瓶" in tokens
    assert not {"什么", "怎么办", "是"} & set(tokens)


def test_ascii_words_stay_whole() -> None:
    assert {"1+4+n", "12345", "lpg"} <= set(words("1+4+N 系统 12345 热线 LPG"))


def test_bigrams_skip_question_noise() -> None:
    grams = char_bigrams("装管道气要多少钱")
    assert "管道" in grams
    assert "少钱" not in grams and "多少" not in grams


def test_a_lone_character_is_its_own_gram() -> None:
    assert char_bigrams("罐") == ["罐"]


def test_terms_mark_bigrams_apart_from_words() -> None:
    result = terms("燃气报警器")
    assert "燃气报警器" in result
    assert "#报警" in result


def test_has_content_is_false_for_emoji_and_punctuation() -> None:
    assert not has_content("🔥🔥！？…  ")
    assert has_content("🔥 gas")
    assert has_content("煤气")


def test_words_with_a_cache_of_cut_runs_are_the_words_without() -> None:
    cuts: dict[str, list[str]] = {}
    first = "燃气泄漏怎么办？请立即关闭阀门，打开门窗。"
    overlapping = "打开门窗。不要开关电器，拨打12345。"
    assert words(first, cuts) == words(first)
    assert "打开门窗" in cuts
    assert words(overlapping, cuts) == words(overlapping)


def _runs_of(paths: list[Path]) -> list[str]:
    found = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
    return sorted({run for path in paths for run in found.findall(path.read_text("utf-8"))})


def test_the_search_cut_is_jieba_s_on_the_corpus_the_faq_and_the_dev_questions() -> None:
    # The index and the trained answer model were made with jieba's cut: a faster cutter
    # must give the same words, or every feature the model learnt from would shift.
    paths = [
        *(_KNOWLEDGE / "corpus").glob("*.md"),
        *(_KNOWLEDGE / "faq").glob("*.yaml"),
        *_DEV_DATA.glob("*.jsonl"),
    ]
    runs = _runs_of(paths)
    assert len(runs) > 15_000
    jieba_cut = text._jieba().lcut_for_search
    differ = [run for run in runs if cut_for_search(run) != jieba_cut(run)]
    # Where jieba's route ties (a word of one repeated character), jieba-rs may take the
    # other split; the words are the same, in another order.
    assert len(differ) <= 3, differ
    assert all(sorted(cut_for_search(run)) == sorted(jieba_cut(run)) for run in differ)


@pytest.mark.parametrize("run", ["係咪繼續㩒落去", "〇号楼燃气", "𠝹开条管"])
def test_a_character_jieba_does_not_count_as_chinese_stands_alone_as_in_jieba(run: str) -> None:
    assert cut_for_search(run) == text._jieba().lcut_for_search(run)


def test_domain_words_stay_whole_in_the_fast_cut() -> None:
    assert "液化石油气" in cut_for_search("液化石油气钢瓶")
    assert "门前三包" in cut_for_search("门前三包责任区")
