"""The gas-danger triage judged on messages its makers never saw.

tests/data/gas_danger_blind_{a,b,c,d,e}.jsonl were written blind — by writers given personas and
the corpus, who saw neither the code nor the training data — before the model was trained,
and nothing was ever tuned on them (c was written before the model of 2026-12-01's second
retraining, and first scored on the model before it, as a baseline). The floors here are
the figures measured on them once, rounded down: if a change moves them, it has changed how
residents in danger are answered.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from knowledge.triage import assess_danger

DATA = Path(__file__).resolve().parents[1] / "data"
BLIND = (
    "gas_danger_blind_a.jsonl",
    "gas_danger_blind_b.jsonl",
    "gas_danger_blind_c.jsonl",
    "gas_danger_blind_d.jsonl",
    "gas_danger_blind_e.jsonl",
)


def _blind() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in BLIND:
        with (DATA / name).open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


@pytest.fixture(scope="module")
def tiers() -> dict[str, Counter[str]]:
    counted: dict[str, Counter[str]] = {"danger": Counter(), "boundary": Counter()}
    for row in _blind():
        counted[row["label"]][assess_danger(row["text"]).tier] += 1
    return counted


def test_the_blind_set_is_big_enough() -> None:
    labels = Counter(row["label"] for row in _blind())
    assert labels["danger"] >= 150 and labels["boundary"] >= 100


def test_dangers_get_the_steps_or_the_safety_line(tiers: dict[str, Counter[str]]) -> None:
    dangers = tiers["danger"]
    total = sum(dangers.values())
    assert (dangers["danger"] + dangers["possible"]) / total >= DANGER_OR_POSSIBLE_FLOOR
    assert dangers["danger"] / total >= DANGER_FLOOR


def test_boundary_messages_rarely_raise_anything(tiers: dict[str, Counter[str]]) -> None:
    boundary = tiers["boundary"]
    total = sum(boundary.values())
    assert boundary["danger"] / total <= BOUNDARY_ALARM_CEILING
    assert boundary["possible"] / total <= BOUNDARY_LINE_CEILING


# Measured once on the blind set (see the module docstring); set below, never tuned against.
# 2026-12-01, 349 messages: dangers 199/199 reach at least the safety line, 179/199 (0.899) the
# steps; boundary messages 2/150 (0.013) the steps, 16/150 (0.107) the safety line.
# Retrained with three more writers (voices 7–9, 1,386 messages, thresholds from the grouped
# cross-validation as before), measured once: dangers 199/199 the line, 177/199 (0.889) the
# steps; boundary messages 1/150 (0.007) the steps, 16/150 (0.107) the line.
# Set c (324 messages, 12 new personas) on the model before: 176/180 (0.978) the line, 154/180
# (0.856) the steps; boundary 2/144 (0.014) the steps, 19/144 (0.132) the line.
# Retrained with writers 10–11 (6,278 messages by 14 writers), new framing rules, English
# words, C = 100; measured once on all three sets (673 messages): dangers 376/379 (0.992)
# the line, 352/379 (0.929) the steps (a+b 186/199, c 166/180); boundary messages 4/294
# (0.014) the steps (a+b 1/150, c 3/144), 25/294 (0.085) the line.
# Set d (320 messages, 10 new personas, written this session) on the model before: 170/170 the
# line, 165/170 (0.971) the steps; boundary 4/150 (0.027) the steps, 16/150 the line or more.
# Retrained with writer 12 (480 messages, 12 personas, many very short ones), measured once:
# d 170/170 the line, 165/170 the steps, boundary 2/150 the steps; all four sets (993
# messages): dangers 548/549 (0.998) the line, 518/549 (0.944) the steps; boundary messages
# 5/444 (0.011) the steps, 33/444 (0.074) the line.
# Set e (374 messages, 12 new personas, written 2026-12-02) on the model before: 197/198 the
# line, 191/198 (0.965) the steps; boundary 2/176 the steps, 15/176 the line only.
# Retrained with writers 13–14 (1,040 messages, 20 personas) and a feature every message has
# (Params.prior: "在", "在家", "help" no longer raise anything), measured once: e 197/198 the
# line, 193/198 (0.975) the steps, boundary 3/176 (0.017) the steps, 11/176 the line only;
# all five sets (1,367 messages): dangers 743/747 (0.995) the line, 715/747 (0.957) the
# steps; boundary 9/620 (0.015) the steps, 39/620 (0.063) the line only.
DANGER_OR_POSSIBLE_FLOOR = 0.99
DANGER_FLOOR = 0.95
BOUNDARY_ALARM_CEILING = 0.02
BOUNDARY_LINE_CEILING = 0.10
