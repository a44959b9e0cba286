"""The query-side synonym map from residents' words to the documents' words."""

from __future__ import annotations

from knowledge.search.synonyms import SynonymMap


def test_colloquial_gas_words_gain_the_official_terms() -> None:
    expansion = SynonymMap().expand("煤气罐能放地下室吗")
    assert expansion.matched == ("煤气罐",)
    assert "液化石油气钢瓶" in expansion.text
    assert expansion.text.startswith("煤气罐能放地下室吗")  # the original words stay


def test_longest_match_wins_so_a_cylinder_is_not_also_plain_gas() -> None:
    expansion = SynonymMap().expand("液化气罐")
    assert expansion.matched == ("液化气罐",)


def test_several_words_are_all_mapped() -> None:
    expansion = SynonymMap().expand("旧楼装管道气，闻到煤气味")
    assert set(expansion.matched) == {"管道气", "煤气味"}
    assert "管道燃气" in expansion.text
    assert "燃气泄漏" in expansion.text


def test_english_words_map_only_as_whole_words() -> None:
    synonyms = SynonymMap()
    assert "燃气泄漏" in synonyms.expand("What to do about a GAS LEAK?").text
    assert synonyms.expand("define the scope").matched == ()


def test_full_width_input_is_folded_before_matching() -> None:
    assert SynonymMap().expand("ＬＰＧ cylinder").matched == ("lpg", "cylinder")


def test_text_without_colloquial_words_is_only_normalised() -> None:
    expansion = SynonymMap().expand("  门前三包   是什么 ")
    assert expansion.matched == ()
    assert expansion.text == "门前三包 是什么"


def test_a_custom_map_replaces_the_default() -> None:
    synonyms = SynonymMap({"街坊": "居民"})
    assert synonyms.expand("街坊投诉").text == "街坊投诉 居民"
    assert synonyms.official("街坊") == "居民"
    assert synonyms.official("煤气") == ""
