"""The journeys as a Hypothesis state machine: residents, a staff member, a bystander in the
staff group and a teacher, doing in random order what people do.

Every rule (residents.py, colleagues.py) is one thing one person does; after it the bot is
left to settle and every invariant of checks.py is checked (base.py). `journeys()` makes the
machine class: strict (the test: the first problem fails the example, and Hypothesis prints
the steps that led to it) or exploring (bench/explore_journeys.py: problems are gathered and
the walk goes on).
"""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from tests.e2e.journeys.base import Exploration, Finding
from tests.e2e.journeys.colleagues import ClassRules, StaffRules
from tests.e2e.journeys.residents import ResidentRules

__all__ = ["Exploration", "Finding", "JourneyMachine", "journeys"]


class JourneyMachine(ResidentRules, StaffRules, ClassRules):
    """Everyone's rules in one machine."""


def journeys(knowledge: KnowledgeBase, exploration: Exploration) -> type[JourneyMachine]:
    """The machine class, bound to a policy index and a way of reporting problems."""
    return type(
        "Journeys",
        (JourneyMachine,),
        {"knowledge": knowledge, "exploration": exploration},
    )
