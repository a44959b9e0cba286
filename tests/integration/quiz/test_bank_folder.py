"""Checking a bank folder: every file, ids unique across files, sources against a corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.quiz import BankError, read_bank
from knowledge.quiz.loading import load_bank
from tests.unit.quiz.factory import LINE, bank_file, question


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "gas-leak-what-to-do.md").write_text("# 闻到燃气味怎么办\n", encoding="utf-8")
    return folder


def test_ids_must_be_unique_across_files(tmp_path: Path, corpus: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "gas_leak.yaml").write_bytes(bank_file())
    (bank / "lpg.yaml").write_bytes(bank_file(question(topic="lpg", q_zh="另一道")))
    report = read_bank(bank, corpus)
    assert not report.ok and len(report.bank) == 1
    (problem,) = report.problems["lpg.yaml"]
    assert (problem.line, problem.code) == (LINE["id"], "id_duplicate")
    assert str(problem) == "line 2: id 'gas_leak-01' is already used at gas_leak.yaml:2"
    assert report.problems["gas_leak.yaml"] == []


def test_sources_are_checked_against_the_given_corpus(tmp_path: Path, corpus: Path) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "gas_leak.yaml").write_bytes(bank_file(question(source="lpg-cylinder-safe-use.md")))
    report = read_bank(bank, corpus)
    assert [p.code for p in report.problems["gas_leak.yaml"]] == ["source_unknown"]


def test_an_invalid_shipped_bank_raises_with_every_problem(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "gas_leak.yaml").write_bytes(bank_file(question(answer="7")))
    monkeypatch.setattr("knowledge.quiz.loading.BANK_DIR", bank)
    monkeypatch.setattr("knowledge.quiz.loading.CORPUS_DIR", corpus)
    load_bank.cache_clear()
    try:
        with pytest.raises(BankError) as caught:
            load_bank()
    finally:
        load_bank.cache_clear()
    assert [p.code for p in caught.value.problems["gas_leak.yaml"]] == ["answer_range"]
    assert "gas_leak.yaml: line 11" in str(caught.value)
