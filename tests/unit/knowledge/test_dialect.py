"""Cantonese and typo rewriting of questions."""

from __future__ import annotations

from knowledge.search.dialect import standardize


def test_cantonese_function_words_become_mandarin() -> None:
    assert standardize("煤气喉几耐换一次") == "煤气喉多久换一次"
    assert standardize("屋企闻到煤气味点算") == "家里闻到煤气味怎么办"
    assert standardize("系唔系要交钱") == "是不是要交钱"


def test_everyday_cantonese_words_become_mandarin() -> None:
    assert standardize("阿婆成日忘记熄火") == "老人经常忘记熄火"
    assert standardize("街坊日日喺楼下摆摊") == "居民每天在楼下摆摊"
    assert standardize("电单车同单车") == "摩托车同自行车"
    assert standardize("阿伯影相") == "老人拍照"


def test_typo_fixes_do_not_break_the_words_they_are_part_of() -> None:
    assert standardize("天然气报井器") == "天然气报警器"  # 然气 → 燃气 must spare 天然气
    assert standardize("管道两边几米内") == "管道两边几米内"


def test_words_that_are_also_mandarin_are_left_alone() -> None:
    assert standardize("白云智慧城管系统") == "白云智慧城管系统"
    assert standardize("疏导点几点开放") == "疏导点几点开放"


def test_typos_and_money() -> None:
    assert standardize("燃起报警气") == "燃气报警器"
    assert standardize("报装要1200蚊") == "报装要1200元"


def test_empty_and_odd_input() -> None:
    assert standardize("") == ""
    assert standardize("🙂🙂") == "🙂🙂"


def test_traditional_characters_meet_the_simplified_corpus() -> None:
    # Residents whose phones write traditional characters were refused everything before.
    assert standardize("舊樓裝管道煤氣有補貼嗎") == standardize("旧楼装管道煤气有补贴吗")
    assert "多久" in standardize("煤氣喉幾耐要換一次")
