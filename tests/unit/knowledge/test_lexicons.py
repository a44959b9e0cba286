"""The word lists as data files: what ships loads, and a malformed file stops with its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.lexicons import (
    LexiconError,
    groups,
    load_groups,
    load_mapping,
    load_phrases,
    load_word_list,
    mapping,
    phrases,
    word_list,
)
from knowledge.search.dialect import standardize
from knowledge.search.synonyms import SynonymMap
from knowledge.smalltalk import SmallTalk, classify


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_lexicon_loads() -> None:
    assert mapping("synonyms")["煤气罐"].startswith("液化石油气钢瓶")
    assert mapping("cantonese")["几耐"] == "多久"
    assert mapping("typos")["然气"] == "燃气"
    assert "燃气" in word_list("anchors")
    assert "液化石油气" in word_list("domain_words")
    assert "怎么" in word_list("stopwords")
    assert "你好" in groups("smalltalk", tuple(SmallTalk))["greeting"]
    assert len(phrases("out_of_scope")) >= 300


def test_the_loaded_lists_drive_the_rewriting() -> None:
    assert standardize("煤气罐几耐检一次") == "煤气罐多久检一次"
    assert "液化石油气钢瓶" in SynonymMap().expand("煤气罐").text
    assert classify("唔该") is SmallTalk.THANKS


def test_a_mapping_file_with_a_duplicate_key_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "synonyms.yaml", '"煤气": "燃气"\n"煤气": "天然气"\n')
    with pytest.raises(LexiconError, match=r"synonyms\.yaml: .*duplicate key '煤气'"):
        load_mapping(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('"煤气": ""\n', "the value of '煤气' must be a non-empty string"),
        ('"煤气": [燃气]\n', "the value of '煤气' must be a non-empty string"),
        ("- 煤气\n- 燃气\n", "must be a non-empty mapping"),
        ('"煤气": "燃气\n', "not valid YAML"),
        ("", "must be a non-empty mapping"),
    ],
)
def test_a_malformed_mapping_is_refused_with_what_is_wrong(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = _write(tmp_path, "cantonese.yaml", text)
    with pytest.raises(LexiconError) as raised:
        load_mapping(path)
    assert str(raised.value).startswith("cantonese.yaml: ")
    assert problem in str(raised.value)


def test_a_missing_file_is_a_lexicon_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"typos\.yaml: cannot read"):
        load_mapping(tmp_path / "typos.yaml")


def test_a_word_list_refuses_a_repeated_word_with_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "anchors.txt", "# anchors\n燃气 钢瓶\n垃圾 燃气  # again\n")
    with pytest.raises(LexiconError, match=r"anchors\.txt: line 3: '燃气' already on line 2"):
        load_word_list(path)


def test_a_word_list_skips_comments_and_refuses_an_empty_file(tmp_path: Path) -> None:
    assert load_word_list(_write(tmp_path, "a.txt", "燃气 # 煤气\n\n钢瓶\n")) == ("燃气", "钢瓶")
    with pytest.raises(LexiconError, match=r"b\.txt: has no words"):
        load_word_list(_write(tmp_path, "b.txt", "# only a comment\n"))


def test_a_phrase_list_refuses_a_repeat_and_anything_but_a_list(tmp_path: Path) -> None:
    good = _write(tmp_path, "q.yaml", "- 加装电梯有补贴吗\n- Where do I pay a parking fine?\n")
    assert load_phrases(good) == ("加装电梯有补贴吗", "Where do I pay a parking fine?")
    again = _write(tmp_path, "r.yaml", "- 停车罚款\n- 其他\n- 停车罚款\n")
    with pytest.raises(LexiconError, match=r"r\.yaml: item 3: '停车罚款' is item 1 already"):
        load_phrases(again)
    with pytest.raises(LexiconError, match=r"s\.yaml: must be a non-empty list"):
        load_phrases(_write(tmp_path, "s.yaml", "停车: 罚款\n"))
    with pytest.raises(LexiconError, match=r"t\.yaml: item 2 must be a non-empty string"):
        load_phrases(_write(tmp_path, "t.yaml", "- 停车\n- ''\n"))


def test_phrase_groups_need_exactly_the_known_kinds(tmp_path: Path) -> None:
    kinds = ("greeting", "thanks")
    good = _write(tmp_path, "ok.yaml", "greeting: [你好]\nthanks: [谢谢]\n")
    assert load_groups(good, kinds) == {"greeting": ("你好",), "thanks": ("谢谢",)}
    typo = _write(tmp_path, "smalltalk.yaml", "greeting: [你好]\nthank: [谢谢]\n")
    with pytest.raises(
        LexiconError, match=r"unknown kinds \['thank'\], missing kinds \['thanks'\]"
    ):
        load_groups(typo, kinds)
    twice = _write(tmp_path, "twice.yaml", "greeting: [你好]\nthanks: [你好]\n")
    with pytest.raises(LexiconError, match="'你好' is listed under greeting and thanks"):
        load_groups(twice, kinds)
    empty = _write(tmp_path, "empty.yaml", "greeting: []\nthanks: [谢谢]\n")
    with pytest.raises(LexiconError, match="greeting must be a non-empty list"):
        load_groups(empty, kinds)
