"""A class group for the quiz tests: a teacher (admin) and three pupils."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from telegram import Chat, Message, User

from handlers.quiz_round import job_name
from tests.e2e.harness import BotHarness

TEACHER_ID, PUPIL_ID = 2001, 2003


@dataclass
class Classroom:
    """The group, its teacher, and the pupils 小明 (has a chat with the bot), Alice, 小红."""

    harness: BotHarness
    group: Chat
    teacher: User
    xiaoming: User
    alice: User
    xiaohong: User

    def command(self, user: User, text: str) -> None:
        """`user` sends `text` in the group."""
        self.harness.standin.send_text(user, text, self.group)

    async def next_text(self, starts: str = "", wait: float = 15.0) -> Message:
        """The bot's next text message in the group that starts with `starts`."""
        return await self.harness.standin.wait_for_message(
            self.group.id, lambda m: (m.text or "").startswith(starts), timeout=wait
        )

    async def next_poll(self, wait: float = 15.0) -> Message:
        """The bot's next poll in the group."""
        return await self.harness.standin.wait_for_message(
            self.group.id, lambda m: m.poll is not None, timeout=wait
        )

    def answer(self, user: User, poll: Message, *, right: bool) -> None:
        """`user` answers a quiz poll, rightly or wrongly."""
        assert poll.poll is not None and poll.poll.correct_option_ids
        correct = poll.poll.correct_option_ids[0]
        option = correct if right else (correct + 1) % len(poll.poll.options)
        self.harness.standin.answer_poll(user, poll.poll.id, [option])

    async def time_up(self) -> None:
        """Run the round's timer job now instead of waiting for it."""
        app = self.harness.app
        assert app is not None and app.job_queue is not None
        await self.harness.settle()
        queue = app.job_queue
        # After a restart the round's timer comes back from a start-up job of its own,
        # which a loaded machine may run a moment after the bot began answering.
        await self.harness.eventually(
            lambda: len(queue.get_jobs_by_name(job_name(self.group.id))) == 1
        )
        jobs = queue.get_jobs_by_name(job_name(self.group.id))
        assert len(jobs) == 1, jobs
        await jobs[0].run(app)


@pytest.fixture
def classroom(harness: BotHarness) -> Classroom:
    standin = harness.standin
    teacher = standin.add_user(TEACHER_ID, "王老师")
    standin.private_chat(teacher)
    xiaohong = standin.add_user(PUPIL_ID, "小红")  # never started a chat with the bot
    xiaoming, alice = harness.users["resident"], harness.users["neighbour"]
    group = standin.add_group("三年级二班", members=[xiaoming, alice, xiaohong], admins=[teacher])
    return Classroom(harness, group, teacher, xiaoming, alice, xiaohong)
