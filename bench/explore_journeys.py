"""A longer walk through the conversations than the test run affords, and what it found.

    python bench/explore_journeys.py [--examples 500] [--steps 40] [--seed N]

The machine of tests/e2e/journeys (residents in Chinese and English, a staff member, a
bystander in the staff group, a teacher with a class) runs with the given budget. Unlike the
test, which fails at the first problem, it notes every problem and walks on; at the end it
prints each kind of problem once, how often it came, and the shortest walk that met it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package

from hypothesis import HealthCheck, Phase, settings
from hypothesis import seed as with_seed
from hypothesis.stateful import run_state_machine_as_test

from knowledge.base import KnowledgeBase
from tests.e2e.journeys.machine import Exploration, Finding, journeys


def kind_of(problem: str) -> str:
    """A problem with its particulars (numbers, quoted texts) left out, to count alike ones."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", problem)
    return re.sub(r"\d+", "N", text)[:200]


def main() -> None:
    """Explore, then print the findings."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--seed", type=int, default=None, help="another walk than the fixed one")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="explore-index-") as folder:
        knowledge = KnowledgeBase.open(index_dir=Path(folder))
        exploration = Exploration(strict=False)
        machine = journeys(knowledge, exploration)
        budget = settings(
            max_examples=args.examples,
            stateful_step_count=args.steps,
            derandomize=args.seed is None,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )

        def walk() -> None:
            run_state_machine_as_test(machine, settings=budget)

        (walk if args.seed is None else with_seed(args.seed)(walk))()
    elapsed = time.perf_counter() - started
    print(
        f"{exploration.examples} walks, {exploration.steps} steps in {elapsed:.0f} s; "
        f"{len(exploration.findings)} problems"
    )
    report(exploration.findings)
    print("\nHow far the walks went (times each milestone was reached):")
    for key in MILESTONES:
        print(f"  {exploration.reached[key]:6}  {key}")


MILESTONES = (
    "report.filed",
    "report.joined",
    "report.added_to_own",
    "emergency.filed",
    "ask.filed",
    "report.rate_limited",
    "language.set",
    "notify.staff.ticket_new",
    "notify.ticket.accept",
    "notify.ticket.dispatch",
    "notify.ticket.start",
    "notify.ticket.resolve",
    "notify.ticket.verify",
    "notify.ticket.reject",
    "rate.ask_stars",
    "rate.thanks",
    "rate.reworked",
    "my.comment_saved",
    "quiz.started",
    "quiz.certificate.caption",
)
"""What people came to do; a walk that never reaches one has not tested what follows it."""


def report(findings: list[Finding]) -> None:
    """Each kind of problem once: how often, and the shortest walk that met it."""
    kinds: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        kinds[f"[{finding.kind}] {kind_of(finding.problem)}"].append(finding)
    for kind, alike in sorted(kinds.items(), key=lambda item: -len(item[1])):
        shortest = min(alike, key=lambda finding: len(finding.steps))
        print(f"\n{len(alike)}× {kind}")
        print(f"   e.g. {shortest.problem[:400]}")
        for number, step in enumerate(shortest.steps, 1):
            print(f"   {number:3}. {step}")


if __name__ == "__main__":
    main()
