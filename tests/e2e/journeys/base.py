"""The ground every rule of the journeys stands on: a fresh journey per example, and one
step at a time (done, settled, checked against every invariant of checks.py).

A problem fails the example at once when the exploration is strict (the test, whose failure
prints the steps that led to it), or is noted with those steps and the walk goes on
(bench/explore_journeys.py).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine
from telegram import Message, Update, User

from knowledge.base import KnowledgeBase
from tests.e2e.journeys.cast import Journey
from tests.e2e.journeys.checks import Marks, check_step
from tests.e2e.journeys.ledger import buttons_of
from tests.e2e.journeys.model import Resident, Step
from tests.e2e.journeys.texts import Typed, keys_of

PICK = st.integers(min_value=0, max_value=2**16)
"""Which of the messages (or buttons) on offer: taken modulo how many there are."""
WHO = st.integers(min_value=0, max_value=2)
"""Which resident."""


@dataclass
class Finding:
    """A problem an exploration met, with the steps that led to it."""

    problem: str
    steps: list[str]
    kind: str = ""
    """The kind of the step that met it (photo, press, ...)."""


@dataclass
class Exploration:
    """How a machine reports problems: raise at the first (strict), or gather them."""

    strict: bool = True
    findings: list[Finding] = field(default_factory=list)
    examples: int = 0
    steps: int = 0
    reached: Counter[str] = field(default_factory=Counter)
    """How often each catalogue text was sent (counted when exploring only: it costs)."""


class JourneyBase(RuleBasedStateMachine):
    """Several people at once, each step checked against every invariant (the rules are
    in residents.py and colleagues.py)."""

    knowledge: ClassVar[KnowledgeBase]
    exploration: ClassVar[Exploration]

    def __init__(self) -> None:
        super().__init__()
        self.journey = Journey(self.knowledge).open()
        self.residents = {u.id: Resident.of(u) for u in self.journey.residents}
        self.typed = Typed([u.first_name for u in self.journey.people])
        self.typed.add(
            *(g.title for g in self.journey.groups), self.journey.standin.bot_user.first_name
        )
        self.log: list[str] = []
        self.exploration.examples += 1

    def teardown(self) -> None:
        self.journey.close()

    # the step --------------------------------------------------------------------------

    def _do(self, step: Step, act: Callable[[], Any]) -> None:
        journey = self.journey
        self.log.append(f"{step.who.first_name}: {step.label}")
        self.exploration.steps += 1

        async def go() -> list[str]:
            marks = await Marks.take(journey)
            done = act()
            if asyncio.iscoroutine(done):
                done = await done
            updates = [
                u for u in (done if isinstance(done, list) else [done]) if isinstance(u, Update)
            ]
            step.update = updates[0] if updates else None
            undelivered = await journey.settle([update.update_id for update in updates])
            if not self.exploration.strict:
                world = journey.standin.world
                shown = [*world.sent[marks.sent :], *(e.after for e in world.edits[marks.edits :])]
                for message in shown:
                    self.exploration.reached.update(keys_of(message.text or message.caption or ""))
            return await check_step(journey, self.residents, step, marks, self.typed, undelivered)

        try:
            problems = journey.run(go())
        except Exception as error:  # the bot never answered, the stand-in refused the step...
            if self.exploration.strict:
                raise
            problems = [f"the step could not be carried out: {error!r}"[:500]]
        resident = self.residents.get(step.who.id)
        if resident is not None and step.text == "/cancel":
            resident.after_cancel = True
        if not problems:
            return
        if self.exploration.strict:
            raise AssertionError(f"after {self.log[-1]!r}:\n  " + "\n  ".join(problems))
        for problem in problems:
            self.exploration.findings.append(Finding(problem, list(self.log), step.kind))

    def _resident(self, who: int) -> tuple[User, Resident]:
        user = self.journey.residents[who]
        return user, self.residents[user.id]

    def _say(self, who: int, text: str, kind: str, **promise: Any) -> None:
        user, _ = self._resident(who)
        self.typed.add(text)
        step = Step(text, user, user.id, kind, text=text, **promise)
        self._do(step, lambda: self.journey.standin.send_text(user, text))

    def _with_buttons(self, chat_id: int) -> list[Message]:
        return [m for m in self.journey.standin.messages_to(chat_id) if buttons_of(m)]
