"""The bank's YAML checks: each kind of problem is found, on the right line."""

from __future__ import annotations

import pytest

from knowledge.quiz import Problem, parse_bank_file, parse_upload
from tests.unit.quiz.factory import CORPUS, LINE, QUESTION_LINES, bank_file, question


def check(data: bytes, filename: str = "gas_leak.yaml") -> list[Problem]:
    return parse_bank_file(data, filename, corpus=CORPUS)[1]


def found(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


def test_a_valid_file_has_no_problems_and_keeps_both_languages() -> None:
    questions, problems = parse_bank_file(bank_file(), "gas_leak.yaml", corpus=CORPUS)
    assert problems == []
    (only,) = questions
    assert only.id == "gas_leak-01" and only.answer == 1 and only.line == 2
    assert only.text("en").startswith("May you") and only.options_in("zh") == ["可以", "不可以"]


def test_the_message_names_the_option_its_length_and_the_limit() -> None:
    problems = check(bank_file(question(o2_en="x" * 130)))
    assert [str(p) for p in problems] == [
        f"line {LINE['option2']}: option 2 (en) is 130 characters; the limit is 100"
    ]


@pytest.mark.parametrize(
    ("changes", "line", "code"),
    [
        ({"q_zh": "问" * 301}, LINE["q_zh"], "question_too_long"),
        ({"q_en": "q" * 301}, LINE["q_en"], "question_too_long"),
        ({"o1_zh": "长" * 101}, LINE["option1"], "option_too_long"),
        ({"e_zh": "解" * 201}, LINE["e_zh"], "explanation_too_long"),
        ({"e_en": "e" * 201}, LINE["e_en"], "explanation_too_long"),
        ({"e_en": '"a\\nb\\nc\\nd"'}, LINE["e_en"], "explanation_lines"),
        ({"answer": "2"}, LINE["answer"], "answer_range"),
        ({"answer": "-1"}, LINE["answer"], "answer_range"),
        ({"answer": "B"}, LINE["answer"], "answer_range"),
        ({"answer": "true"}, LINE["answer"], "answer_range"),
        ({"o2_zh": "可以"}, LINE["option2"], "option_duplicate"),
        ({"o2_en": "yes"}, LINE["option2"], "option_duplicate"),
        ({"o2_en": ""}, LINE["option2"], "option_missing"),
        ({"q_en": "''"}, LINE["q_en"], "question_missing"),
        ({"e_en": "~"}, LINE["e_en"], "explanation_missing"),
        ({"topic": "weather"}, LINE["topic"], "topic_unknown"),
        ({"topic": "lpg"}, LINE["id"], "topic_file"),
        ({"level": "teen"}, LINE["level"], "level_unknown"),
        ({"source": "made-up.md"}, LINE["source"], "source_unknown"),
        ({"id": "Gas Leak 1"}, LINE["id"], "id_format"),
        ({"id": "x" * 41}, LINE["id"], "id_format"),
        ({"level": "[child]"}, LINE["level"], "scalar_type"),
    ],
)
def test_each_problem_is_reported_on_its_line(
    changes: dict[str, str], line: int, code: str
) -> None:
    assert found(check(bank_file(question(**changes)))) == [(line, code)]


def test_an_emoji_counts_two_characters_as_telegram_counts_them() -> None:
    assert found(check(bank_file(question(o1_zh="😀" * 50)))) == []
    assert found(check(bank_file(question(o1_zh="😀" * 51)))) == [
        (LINE["option1"], "option_too_long")
    ]


def test_option_count_bank_allows_two_to_six() -> None:
    one = question().replace('      - {zh: 不可以, en: "No"}\n', "")
    assert found(check(bank_file(one.replace("answer: 1", "answer: 0")))) == [
        (LINE["options"], "options_count")
    ]
    seven = question().replace(
        '      - {zh: 不可以, en: "No"}\n',
        "".join(f'      - {{zh: 选项{n}, en: "option {n}"}}\n' for n in range(2, 8)),
    )
    (problem,) = check(bank_file(seven))
    assert (problem.line, problem.code) == (LINE["options"], "options_count")
    assert problem.message == "the question has 7 options; use 2 to 6"


def test_missing_unknown_and_repeated_fields() -> None:
    no_answer = question().replace("    answer: 1\n", "")
    assert found(check(bank_file(no_answer))) == [(LINE["id"], "field_missing")]
    extra = question().replace("    answer: 1\n", "    answer: 1\n    anwser: 1\n")
    assert found(check(bank_file(extra))) == [(LINE["answer"] + 1, "field_unknown")]
    twice = question().replace("    answer: 1\n", "    answer: 1\n    answer: 0\n")
    assert found(check(bank_file(twice))) == [(LINE["answer"] + 1, "field_repeated")]


def test_unknown_language_and_wrong_shapes() -> None:
    french = question().replace(f"      en: {question_en()}\n", f"      fr: {question_en()}\n")
    assert found(check(bank_file(french))) == [
        (LINE["q_zh"], "question_missing"),  # no English left
        (LINE["q_en"], "lang_unknown"),
    ]
    listed = question().replace("    options:\n", "    options: 3\n").replace("      - {zh", "#")
    assert (LINE["options"], "options_type") in found(check(bank_file(listed)))
    assert found(check(b"questions:\n  - just text\n")) == [(2, "not_mapping")]
    assert found(check(b"hello\n")) == [(1, "yaml_layout")]
    assert found(check(b"questions:\n")) == [(0, "file_empty")]
    assert found(check(b"questions: []\nauthor: me\n")) == [(2, "field_unknown")]


def question_en() -> str:
    return "May you switch on a light if you smell gas?"


def test_duplicate_ids_name_where_the_id_was_first_used() -> None:
    problems = check(bank_file(question(), question(q_zh="另一道题")))
    second_id = LINE["id"] + QUESTION_LINES
    assert found(problems) == [(second_id, "id_duplicate")]
    assert problems[0].params["where"] == "gas_leak.yaml:2"


def test_several_problems_are_all_reported_in_line_order() -> None:
    problems = check(bank_file(question(level="teen", o1_en="y" * 101, answer="5")))
    assert found(problems) == [
        (LINE["level"], "level_unknown"),
        (LINE["option1"], "option_too_long"),
        (LINE["answer"], "answer_range"),
    ]


def test_a_yaml_syntax_error_gives_its_line() -> None:
    broken = bank_file(question(), question(id="gas_leak-02", q_zh="[不成对"))
    assert found(check(broken)) == [(LINE["q_zh"] + QUESTION_LINES + 1, "yaml_syntax")]


def test_upload_rules_need_only_chinese_and_generate_ids() -> None:
    data = "- question: 煤气罐能放地下室吗？\n  options: [能, 不能]\n  answer: 1\n".encode()
    questions, problems = parse_upload(data, "mine.yaml")
    assert problems == []
    (only,) = questions
    assert only.topic == "mine" and only.id.startswith("mine-") and only.explanation is None
    assert only.text("en") == "煤气罐能放地下室吗？"  # no English: Chinese for everyone
    again, _ = parse_upload(data, "again.yml")
    assert again[0].id == only.id  # the same text gets the same id


def test_an_upload_with_some_english_must_have_all_of_it() -> None:
    data = "- question: {zh: 问, en: Q}\n  options: [甲, 乙]\n  answer: 0\n".encode()
    assert found(parse_upload(data, "mine.yaml")[1]) == [(2, "option_missing")] * 2
