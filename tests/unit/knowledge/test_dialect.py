"""Cantonese and typo rewriting of questions."""

from __future__ import annotations

from knowledge.dialect import standardize


def test_cantonese_function_words_become_mandarin() -> None:
    assert standardize("煤气喉几耐换一次") == "煤气喉多久换一次"
    assert standardize("屋企闻到煤气味点算") == "家里闻到煤气味怎么办"
    assert standardize("系唔系要交钱") == "是不是要交钱"


def test_words_that_are_also_mandarin_are_left_alone() -> None:
    assert standardize("白云智慧城管系统") == "白云智慧城管系统"
    assert standardize("疏导点几点开放") == "疏导点几点开放"


def test_typos_and_money() -> None:
    assert standardize("燃起报警气") == "燃气报警器"
    assert standardize("报装要1200蚊") == "报装要1200元"


def test_empty_and_odd_input() -> None:
    assert standardize("") == ""
    assert standardize("🙂🙂") == "🙂🙂"
