"""Teachers' CSV uploads: the format, Excel's quirks, and errors listed by line."""

from __future__ import annotations

import pytest

from knowledge.quiz import MAX_UPLOAD_QUESTIONS, Problem, parse_upload
from tests.unit.quiz.factory import csv_file

ROW = "煤气罐可以放在地下室吗？,可以,不可以,看情况,2,液化石油气比空气重，会沉在低处。"


def found(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in problems]


def test_a_valid_csv_gives_questions_with_a_1_based_answer() -> None:
    questions, problems = parse_upload(csv_file(ROW, "垃圾分成几类？,三类,四类,,B,"), "class.csv")
    assert problems == []
    first, second = questions
    assert first.text() == "煤气罐可以放在地下室吗？" and first.answer == 1
    assert first.options_in("en") == ["可以", "不可以", "看情况"]  # Chinese-only is fine
    assert first.explanation_in() == "液化石油气比空气重，会沉在低处。"
    assert second.options_in() == ["三类", "四类"] and second.answer == 1  # "B" = option 2
    assert second.explanation is None and second.line == 3
    assert first.topic == "mine" and first.level == "child"


def test_excels_bom_and_chinese_headers_are_understood() -> None:
    data = "\ufeff题目,选项1,选项2,答案,解析\r\n问一,甲,乙,1,因为\r\n".encode()
    questions, problems = parse_upload(data, "Book1.CSV")
    assert problems == []
    assert questions[0].text() == "问一" and questions[0].answer == 0


def test_english_columns_are_optional_but_complete_when_used() -> None:
    header = "question,question_en,option1,option1_en,option2,option2_en,answer"
    good = csv_file("问,Q,甲,A,乙,B,1", header=header)
    (question,), problems = parse_upload(good, "en.csv")
    assert problems == [] and question.text("en") == "Q" and question.options_in("en") == ["A", "B"]
    half = csv_file("问,Q,甲,A,乙,,1", header=header)
    assert found(parse_upload(half, "en.csv")[1]) == [(2, "option_missing")]


def test_without_a_header_the_default_nine_columns_are_used() -> None:
    data = "问,甲,乙,丙,丁,,,4,解析\n".encode()
    (question,), problems = parse_upload(data, "plain.csv")
    assert problems == [] and question.correct_option() == "丁"


def test_wrong_column_count_is_reported_on_its_line_and_other_rows_still_load() -> None:
    questions, problems = parse_upload(
        csv_file(ROW, "少一列,甲,乙,1", ROW.replace("地下室", "卧室")), "c.csv"
    )
    assert found(problems) == [(3, "csv_columns")]
    assert str(problems[0]) == "line 3: this row has 4 columns; the header has 6"
    assert [q.line for q in questions] == [2, 4]


def test_extra_empty_cells_from_excel_are_ignored() -> None:
    assert parse_upload(csv_file(ROW + ",,"), "c.csv")[1] == []


@pytest.mark.parametrize("answer", ["0", "4", "D", "x", "", "1.5", "２"])
def test_bad_answers_are_reported_with_the_numbers_teachers_use(answer: str) -> None:
    row = f"问,甲,乙,丙,{answer},"
    (problem,) = parse_upload(csv_file(row), "c.csv")[1]
    assert (problem.line, problem.code) == (2, "answer_range")
    assert problem.message == f"answer '{answer}' is not an option number from 1 to 3"


def test_too_long_texts_and_duplicate_options() -> None:
    rows = (
        "问" * 301 + ",甲,乙,,1,",
        "问二," + "长" * 101 + ",乙,,1,",
        "问三,甲,甲,,1,",
        "问四,甲,乙,,1," + "解" * 201,
    )
    problems = parse_upload(csv_file(*rows), "c.csv")[1]
    assert found(problems) == [
        (2, "question_too_long"),
        (3, "option_too_long"),
        (4, "option_duplicate"),
        (5, "explanation_too_long"),
    ]
    assert str(problems[1]) == "line 3: option 1 (zh) is 101 characters; the limit is 100"


def test_a_gap_between_options_is_an_empty_option() -> None:
    assert found(parse_upload(csv_file("问,甲,,丙,3,"), "c.csv")[1]) == [(2, "option_missing")]


def test_a_repeated_question_points_to_the_first() -> None:
    problems = parse_upload(csv_file(ROW, ROW), "c.csv")[1]
    assert found(problems) == [(3, "question_duplicate")]
    assert problems[0].params["first"] == "2"


def test_a_quoted_cell_over_two_lines_keeps_later_line_numbers_right() -> None:
    data = csv_file('"第一行\n第二行",甲,乙,,1,', "问二,甲,乙,,9,")
    assert found(parse_upload(data, "c.csv")[1]) == [(4, "answer_range")]


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", csv_file(), "\ufeff".encode()])
def test_an_empty_file_says_so(data: bytes) -> None:
    assert found(parse_upload(data, "c.csv")[1]) == [(0, "file_empty")]


def test_a_file_that_is_not_utf8_names_the_line_and_the_fix() -> None:
    data = "question,option1,option2,answer\r\n问,甲,乙,1\r\n".encode("gbk")
    (problem,) = parse_upload(data, "gbk.csv")[1]
    assert (problem.line, problem.code) == (2, "not_utf8")
    assert "CSV UTF-8" in problem.message


def test_header_problems_stop_the_check_at_line_1() -> None:
    data = csv_file(ROW, header="question,option1,option2,colour,answer,explanation")
    assert found(parse_upload(data, "c.csv")[1]) == [(1, "csv_header")]
    data = csv_file("问,甲,乙", header="question,option1,option2")
    assert found(parse_upload(data, "c.csv")[1]) == [(1, "csv_missing_column")]


def test_size_limits() -> None:
    big = parse_upload(b"x" * (256 * 1024 + 1), "big.csv")[1]
    assert [str(p) for p in big] == ["the file is 257 KB; the limit is 256 KB"]
    rows = [f"问{n},甲,乙,,1," for n in range(MAX_UPLOAD_QUESTIONS + 1)]
    questions, problems = parse_upload(csv_file(*rows), "many.csv")
    assert questions == [] and found(problems) == [(0, "too_many")]
    assert len(parse_upload(csv_file(*rows[:-1]), "ok.csv")[0]) == MAX_UPLOAD_QUESTIONS


def test_other_file_types_and_binary_content() -> None:
    assert found(parse_upload(b"PK\x03\x04", "quiz.xlsx")[1]) == [(0, "file_type")]
    nul = parse_upload(b"question,option1,option2,answer\n\x00a\x07,b,c,1\n", "nul.csv")
    assert nul[1] == [] and nul[0][0].text() == "a"  # control characters are dropped
    huge = b'question,option1,option2,answer\nq,a,b,1\n"' + b"a" * 140_000 + b'"\n'
    assert found(parse_upload(huge, "huge.csv")[1]) == [(3, "csv_syntax")]
