"""Model-based journeys: random sequences of what residents, a staff member, a bystander in
the staff group and a teacher do, all at once, each step checked against every invariant.

The machine is tests/e2e/journeys/machine.py; the invariants are in checks.py (every person
answered in their language, nothing raw, /cancel and /start always work, no report lost or
filed twice, every owed message delivered once, buttons only for those who may press them,
a forbidden press changing nothing). A fixed walk (derandomized) keeps the run repeatable and
within its time; CITYBOT_JOURNEYS sets how many journeys, CITYBOT_JOURNEYS_SEED draws other
ones. bench/explore_journeys.py walks much further and lists what it finds.

A failure prints the steps that led to it (Hypothesis' reproduction, without shrinking:
each journey starts a bot, and shrinking would start hundreds).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import seed as with_seed
from hypothesis.stateful import run_state_machine_as_test

from knowledge.base import KnowledgeBase
from tests.e2e.journeys.machine import Exploration, journeys

JOURNEYS = int(os.environ.get("CITYBOT_JOURNEYS", "10"))
STEPS = 30
SEED = int(os.environ["CITYBOT_JOURNEYS_SEED"]) if os.environ.get("CITYBOT_JOURNEYS_SEED") else None


@pytest.fixture(scope="module")
def knowledge(built_index: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The policy index, opened once for every journey (a copy: chromadb writes to it)."""
    folder = tmp_path_factory.mktemp("journeys-index")
    shutil.copytree(built_index, folder, dirs_exist_ok=True)
    return KnowledgeBase.open(index_dir=folder)


def test_every_journey_keeps_every_promise(knowledge: KnowledgeBase) -> None:
    exploration = Exploration(strict=True)
    machine = journeys(knowledge, exploration)
    budget = settings(
        max_examples=JOURNEYS,
        stateful_step_count=STEPS,
        derandomize=SEED is None,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )

    def walk() -> None:
        run_state_machine_as_test(machine, settings=budget)

    (walk if SEED is None else with_seed(SEED)(walk))()
    assert exploration.steps > JOURNEYS * 5  # the journeys did walk
