"""`citybot kb build|ask|eval` through typer's CliRunner, against real chromadb folders."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.integration.knowledge.conftest import DATA
from tests.integration.knowledge.documents_factory import write_markdown

runner = CliRunner()
SUBSIDY_FILE = "gas-old-building-subsidy-guangzhou.md"


@pytest.fixture()
def index_copy(shipped_index_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the shipped index, so a test may write to it."""
    return Path(shutil.copytree(shipped_index_dir, tmp_path / "index"))


def test_build_prints_a_one_line_summary_and_is_idempotent(tmp_path: Path) -> None:
    index = tmp_path / "index"
    first = runner.invoke(app, ["kb", "build", "--index", str(index)])
    assert first.exit_code == 0, first.output
    assert "新增" in first.stdout and "未变 0" in first.stdout
    second = runner.invoke(app, ["kb", "build", "--index", str(index)])
    assert second.exit_code == 0
    assert "新增 0" in second.stdout and "删除 0" in second.stdout


def test_build_with_sources_reports_corrupt_files_by_name(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    write_markdown(docs / "ok.md", "门前三包", "临街商户负责门前责任区的市容和卫生。")
    (docs / "broken.pdf").write_bytes(b"not a pdf")
    result = runner.invoke(
        app,
        [
            "kb",
            "build",
            "--source",
            str(docs),
            "--source",
            "builtin",
            "--index",
            str(tmp_path / "i"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "broken.pdf" in result.stderr
    assert "失败 1" in result.stdout


def test_build_refuses_a_missing_folder_with_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["kb", "build", "--source", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.startswith("citybot: source folder not found")


def test_ask_json_has_the_contract_fields(index_copy: Path) -> None:
    result = runner.invoke(
        app, ["kb", "ask", "旧楼装管道气要多少钱", "--index", str(index_copy), "--json", "--k", "3"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"answer", "abstained", "sources"}
    assert payload["abstained"] is False
    assert "1200" in payload["answer"] and "依据" in payload["answer"]
    assert len(payload["sources"]) == 3
    assert set(payload["sources"][0]) == {"title", "source", "text", "score"}
    scores = [source["score"] for source in payload["sources"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_plain_text_renders_the_answer(index_copy: Path) -> None:
    result = runner.invoke(app, ["kb", "ask", "你好", "--index", str(index_copy)])
    assert result.exit_code == 0
    assert "城管小助手" in result.stdout


def test_ask_dash_answers_one_json_line_per_stdin_line_in_order(index_copy: Path) -> None:
    questions = ["闻到煤气味怎么办", "", "世界杯冠军是谁", "门前三包是什么"]
    result = runner.invoke(
        app, ["kb", "ask", "-", "--index", str(index_copy)], input="\n".join(questions) + "\n"
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["abstained"] for line in lines] == [False, True, True, False]
    assert lines[0]["sources"] and lines[2]["sources"] == []


def test_ask_builds_the_index_on_first_use(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["kb", "ask", "煤气罐能放地下室吗", "--index", str(tmp_path / "fresh"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sources"]


def test_eval_prints_the_metrics(index_copy: Path, tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    lines = [
        {"question": "旧楼装管道气要多少钱", "answer": "1200元", "source": SUBSIDY_FILE},
        {"question": "世界杯冠军是谁", "abstain": True},
    ]
    qa.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    table = runner.invoke(app, ["kb", "eval", str(qa), "--index", str(index_copy)])
    assert table.exit_code == 0, table.output
    for label in ("hit@1", "hit@3", "hit@5", "MRR", "p50", "p95"):
        assert label in table.stdout
    report = json.loads(
        runner.invoke(app, ["kb", "eval", str(qa), "--index", str(index_copy), "--json"]).stdout
    )
    assert report["hit_at_5"] == 1.0 and report["abstention_accuracy"] == 1.0


def test_eval_answers_counts_a_fact_stated_in_other_words_apart(
    index_copy: Path, tmp_path: Path
) -> None:
    cases = tmp_path / "cases.jsonl"
    lines = [
        {"question": "旧楼装管道气要多少钱", "lang": "zh", "facts": ["1200元"]},
        # the answer quotes the award's name: "2024 \"Digital China City Popularity\" award"
        {
            "question": "Which 2024 award did Baiyun's smart city-management system win?",
            "lang": "en",
            "facts": ["2024 Digital China City Popularity award"],
        },
        {"question": "世界杯冠军是谁", "lang": "zh", "abstain": True},
    ]
    cases.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    table = runner.invoke(app, ["kb", "eval-answers", str(cases), "--index", str(index_copy)])
    assert table.exit_code == 0, table.output
    assert "答出全部要点" in table.stdout and "换种说法也算" in table.stdout
    result = runner.invoke(
        app, ["kb", "eval-answers", str(cases), "--index", str(index_copy), "--json"]
    )
    overall = json.loads(result.stdout)["overall"]
    assert (overall["answerable"], overall["stated"], overall["stated_in_other_words"]) == (2, 1, 2)
    assert overall["refused"] == overall["out_of_scope"] == 1


def test_eval_names_a_malformed_line(tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    qa.write_text('{"question": "a", "answer": "b"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["kb", "eval", str(qa), "--index", str(tmp_path / "i")])
    assert result.exit_code == 2
    assert "qa.jsonl:2" in result.stderr


def test_the_installed_console_script_answers(index_copy: Path) -> None:
    script = Path(sys.executable).with_name("citybot")
    if not script.exists():
        pytest.skip("the citybot console script is not installed in this environment")
    done = subprocess.run(
        [str(script), "kb", "ask", "-", "--index", str(index_copy)],
        input="旧楼装管道气要多少钱\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout)["abstained"] is False


def test_shipped_data_files_exist() -> None:
    assert (DATA / "kb_eval.jsonl").exists() and (DATA / "kb_dev.jsonl").exists()
