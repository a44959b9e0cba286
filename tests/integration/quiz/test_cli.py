"""`citybot quiz check` through typer's CliRunner: output lines and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.quiz import quiz_app
from knowledge.quiz import BANK_DIR
from tests.unit.quiz.factory import bank_file, csv_file, question

runner = CliRunner()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, whatever the machine's .env says."""
    monkeypatch.setenv("CITYBOT_DEFAULT_LANGUAGE", "en")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_valid_csv_passes(tmp_path: Path) -> None:
    path = write(tmp_path, "class.csv", csv_file("问,甲,乙,丙,2,解析"))
    result = runner.invoke(quiz_app, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{path}: 1 question(s), no problems."


def test_each_problem_is_printed_as_file_line_message(tmp_path: Path) -> None:
    path = write(tmp_path, "class.csv", csv_file("问,甲,甲,,1,", "问二," + "长" * 130 + ",乙,,5,"))
    result = runner.invoke(quiz_app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:2: option 2 (zh) repeats option 1",
        f"{path}:3: option 1 (zh) is 130 characters; the limit is 100",
        f"{path}:3: answer '5' is not an option number from 1 to 2",
        f"{path}: 3 problem(s) (0 valid question(s)).",
    ]


def test_file_wide_problems_have_no_line(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.yaml", b"")
    result = runner.invoke(quiz_app, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{path}: the file has no questions"


def test_messages_follow_the_default_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITYBOT_DEFAULT_LANGUAGE", "zh")
    path = write(tmp_path, "c.csv", csv_file("问,甲,乙,,3,"))
    result = runner.invoke(quiz_app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: 答案“3”不是 1 到 2 之间的选项编号" in result.stdout


def test_bank_rules_on_request(tmp_path: Path) -> None:
    no_source = question().replace("    source: gas-leak-what-to-do.md\n", "")
    path = write(tmp_path, "gas_leak.yaml", bank_file(no_source))
    assert runner.invoke(quiz_app, ["check", str(path)]).exit_code == 0  # fine for an upload
    result = runner.invoke(quiz_app, ["check", "--bank", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: missing field 'source'" in result.stdout


def test_the_shipped_bank_checks_clean() -> None:
    result = runner.invoke(quiz_app, ["check", "--builtin"])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stdout and "The bank has" in result.stdout


def test_a_file_in_the_bank_folder_gets_the_bank_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.cli.quiz.BANK_DIR", tmp_path)
    no_source = question().replace("    source: gas-leak-what-to-do.md\n", "")
    path = write(tmp_path, "gas_leak.yaml", bank_file(no_source))
    result = runner.invoke(quiz_app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: missing field 'source'" in result.stdout
    shipped = runner.invoke(quiz_app, ["check", str(BANK_DIR / "lpg.yaml")])
    assert shipped.exit_code == 0, shipped.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "give a FILE"),
        (["check", "--builtin", "x.csv"], "give a FILE"),
        (["check", "no-such-file.csv"], "cannot read no-such-file.csv"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(quiz_app, args)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
