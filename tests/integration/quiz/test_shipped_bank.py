"""The shipped question bank: valid, big enough, varied, and true to the corpus it cites."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from knowledge.quiz import CORPUS_DIR, TOPICS, Question, load_bank, read_bank

BANK = load_bank()


def source_text(question: Question) -> str:
    assert question.source is not None
    return (CORPUS_DIR / question.source).read_text(encoding="utf-8")


def test_the_bank_validates_with_no_problems() -> None:
    report = read_bank()
    assert {name: [str(p) for p in found] for name, found in report.problems.items() if found} == {}
    assert report.files == tuple(f"{topic}.yaml" for topic in sorted(TOPICS))


def test_load_bank_is_cached() -> None:
    assert load_bank() is load_bank()


def test_size_topics_and_levels() -> None:
    assert len(BANK) >= 90
    assert BANK.count(level="child") >= 30
    assert BANK.topics() == list(TOPICS)
    for topic in TOPICS:
        assert BANK.count(topic) >= 10, topic
        assert BANK.count(topic, "child") >= 5, topic


def test_every_question_is_bilingual_with_an_explanation_and_a_source() -> None:
    for question in BANK:
        assert question.question.en and all(option.en for option in question.options), question.id
        assert question.explanation is not None and question.explanation.en, question.id
        assert 2 <= len(question.options) <= 6
        assert (CORPUS_DIR / str(question.source)).is_file(), question.id


def test_the_right_answer_is_not_always_in_the_same_place() -> None:
    places = Counter(question.answer for question in BANK)
    assert max(places.values()) <= len(BANK) // 2
    assert all(places[index] >= len(BANK) // 5 for index in (0, 1, 2)), places


@pytest.mark.parametrize("question", BANK.questions, ids=lambda question: question.id)
def test_figures_and_articles_come_from_the_cited_document(question: Question) -> None:
    text = source_text(question)
    stated = " ".join([question.explanation_in("zh"), question.correct_option("zh")])
    for number in re.findall(r"\d+", stated):
        assert number in text, f"{question.id}: {number} is not in {question.source}"
    for article in re.findall(r"第[一二三四五六七八九十]+条", stated):
        assert article in text, f"{question.id}: {article} is not in {question.source}"


@pytest.mark.parametrize("question", BANK.questions, ids=lambda question: question.id)
def test_the_explanation_is_worded_from_the_cited_document(question: Question) -> None:
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", question.explanation_in("zh"))
    bigrams = [run[i : i + 2] for run in runs for i in range(len(run) - 1)]
    text = source_text(question)
    share = sum(bigram in text for bigram in bigrams) / len(bigrams)
    assert share >= 0.55, f"{question.id}: only {share:.0%} of its wording is in {question.source}"


@pytest.mark.parametrize(
    ("question_id", "facts"),
    [
        ("gas_home-09", ["不超过2米", "接头或三通"]),
        ("gas_home-10", ["泄漏后往上飘", "靠近天花板"]),
        ("gas_home-14", ["10万元以下罚款", "1000元以下罚款"]),
        ("lpg-03", ["液化石油气比空气重", "低洼处"]),
        ("lpg-17", ["7月15日至18日", "4处"]),
        ("gas_leak-05", ["门铃也是电器", "敲门"]),
        ("gas_leak-13", ["2小时"]),
        ("sorting-12", ["2018年7月1日起施行"]),
        ("street_order-13", ["处置时限为24小时"]),
        ("facilities-08", ["处置时限为2小时", "48小时"]),
        ("facilities-12", ["5000元以下罚款"]),
        ("facilities-16", ["250米", "30天"]),
    ],
)
def test_spot_checked_facts_are_in_the_source(question_id: str, facts: list[str]) -> None:
    question = BANK.get(question_id)
    text = source_text(question)
    for fact in facts:
        assert fact in question.explanation_in("zh"), f"{question_id} does not say {fact!r}"
        assert fact in text, f"{question_id}: {fact!r} not in {question.source}"


def test_children_questions_are_short() -> None:
    for question in BANK.select(level="child"):
        assert len(question.text("zh")) <= 40, question.id
        assert all(len(option) <= 30 for option in question.options_in("zh")), question.id
