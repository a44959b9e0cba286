"""`citybot triage train`: the shipped gas-danger model is what the shipped data trains."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.triage import triage_app
from knowledge.triage.danger_model import MODEL_PATH, DangerModel
from knowledge.triage.danger_training import same_model

runner = CliRunner()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, whatever the machine's .env says."""
    monkeypatch.setenv("CITYBOT_DEFAULT_LANGUAGE", "en")


def test_training_rebuilds_the_shipped_model_and_reports_each_writer(tmp_path: Path) -> None:
    out = tmp_path / "danger_model.npz"
    result = runner.invoke(triage_app, ["train", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rebuilt, shipped = DangerModel.read(out), DangerModel.read(MODEL_PATH)
    # Same n-grams, weights and thresholds: rerun `citybot triage train` after changing the
    # training data or the features, and commit the file it writes.
    assert same_model(rebuilt, shipped), "the shipped model is stale"
    lines = result.stdout.splitlines()
    for writer in (
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "dev",
        "holdout",
        "the writers together",
    ):
        assert any(line.strip("│ ").startswith(writer) for line in lines), writer
    assert f"danger ≥ {rebuilt.t_danger:.3f}, possible ≥ {rebuilt.t_possible:.3f}" in result.stdout
    assert str(out) in result.stdout
