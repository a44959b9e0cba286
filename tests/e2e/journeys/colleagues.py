"""What the others do, each a rule: the staff member in the staff group (pressing the posts'
buttons, /ticket, /queue, /resolve with its photo), a bystander in that group who is not
staff (whose presses must change nothing), and the teacher with a class (/quiz, pupils'
votes, the time running out, /quiz_stop, a pupil trying the teacher's commands)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from telegram import Message, User

from handlers.quiz_round import job_name
from storage.tickets import lookups
from tests.e2e.journeys.base import PICK, JourneyBase
from tests.e2e.journeys.cast import jpeg
from tests.e2e.journeys.ledger import buttons_of
from tests.e2e.journeys.model import Step
from tests.e2e.journeys.texts import is_text
from tests.store_calls import read

FORWARD = ("accept", "dispatch", "start", "verify")
"""The staff buttons that move a ticket on towards closed."""


class StaffRules(JourneyBase):
    """The staff member's and the bystander's rules."""

    def _staff(self, admin: bool) -> User:
        # The admin may make every move; the dispatcher accepts and dispatches but leaves
        # starting and resolving to field workers (a refusal they must be told clearly).
        return self.journey.admin if admin else self.journey.dispatcher

    def _staff_buttons(self, who: User) -> list[Message]:
        return self._with_buttons(self.journey.staff_group.id) + self._with_buttons(who.id)

    @precondition(lambda self: bool(self._with_buttons(self.journey.staff_group.id)))
    @rule(admin=st.booleans(), pick=PICK, button=PICK)
    def staff_press(self, admin: bool, pick: int, button: int) -> None:
        """Any button of a staff post or card, fresh or stale."""
        who = self._staff(admin)
        offered = self._staff_buttons(who)
        message = offered[pick % len(offered)]
        data = buttons_of(message)
        self._staff_press(who, message, data[button % len(data)])

    def _staff_press(self, who: User, message: Message, data: str) -> None:
        step = Step(f"presses {data!r} on #{message.message_id}", who, message.chat.id, "press")
        self._do(step, lambda: self.journey.standin.press_data(who, message, data))

    @precondition(lambda self: bool(self._with_buttons(self.journey.staff_group.id)))
    @rule(pick=PICK, button=PICK)
    def bystander_press(self, pick: int, button: int) -> None:
        offered = self._with_buttons(self.journey.staff_group.id)
        if not offered:
            return
        message = offered[pick % len(offered)]
        data = buttons_of(message)
        chosen = data[button % len(data)]
        who = self.journey.bystander
        step = Step(
            f"presses {chosen!r} on #{message.message_id}",
            who,
            message.chat.id,
            "press",
            forbidden=True,
            answers=("error.stale_button",),
        )
        self._do(step, lambda: self.journey.standin.press_data(who, message, chosen))

    def _numbers(self) -> list[str]:
        async def numbers() -> list[str]:
            queue = await read(self.journey.harness.services.store, lookups.list_queue)
            return [ticket.number for ticket in queue.tickets]

        return self.journey.run(numbers())

    @rule(admin=st.booleans(), pick=PICK, verb=st.sampled_from(["/ticket", "/queue"]))
    def staff_look(self, admin: bool, pick: int, verb: str) -> None:
        numbers = self._numbers()
        text = verb if verb == "/queue" or not numbers else f"{verb} {numbers[pick % len(numbers)]}"
        who = self._staff(admin)
        self._do(
            Step(text, who, who.id, "staff", text=text),
            lambda: self.journey.standin.send_text(who, text),
        )

    @rule(steps=st.integers(1, 5))
    def staff_works(self, steps: int) -> None:
        """The staff member moves the newest tickets along: the next move's button under
        their post (accept, dispatch, start, verify), or /resolve with its photo."""
        for _ in range(steps):
            moves = [
                (message, data)
                for message in reversed(self._with_buttons(self.journey.staff_group.id))
                for data in buttons_of(message)
                if data.split(":")[1] in FORWARD
            ]
            if moves:
                self._staff_press(self.journey.admin, *moves[0])
            elif self._in_progress():
                self._resolve(self.journey.admin, self._in_progress()[0])
            else:
                return

    # The same rule once more: staff work their queue more than they look at it.
    work_on = staff_works

    def _in_progress(self) -> list[str]:
        async def numbers() -> list[str]:
            queue = await read(self.journey.harness.services.store, lookups.list_queue)
            return [t.number for t in queue.tickets if t.status == "in_progress"]

        return self.journey.run(numbers())

    @precondition(lambda self: bool(self.journey.standin.messages_to(self.journey.staff_group.id)))
    @rule(admin=st.booleans(), pick=PICK)
    def staff_resolve(self, admin: bool, pick: int) -> None:
        numbers = self._numbers()
        if not numbers:
            return
        self._resolve(self._staff(admin), numbers[pick % len(numbers)])

    def _resolve(self, who: User, number: str) -> None:
        journey = self.journey
        group = journey.staff_group
        text = f"/resolve {number} 已清理完毕"
        self.typed.add("已清理完毕")
        asked = Step(text, who, group.id, "staff", text=text)
        self._do(asked, lambda: journey.standin.send_text(who, text, group))
        # The photo completes a /resolve the bot accepted; after a refusal it is one more
        # picture in the group, which the bot leaves alone.
        waiting = any(
            is_text(m.text or "", "staff.resolve.photo")
            for m in journey.standin.messages_to(group.id)[-1:]
        )
        reply = "required" if waiting else "maybe"
        step = Step("the after photo", who, group.id, "photo", reply=reply)
        self._do(step, lambda: journey.standin.send_photo(who, jpeg((10, 10, 10)), chat=group))


class ClassRules(JourneyBase):
    """The teacher's and the pupils' rules."""

    @rule(args=st.sampled_from(["2", "1", ""]))
    def quiz(self, args: str) -> None:
        journey, who = self.journey, self.journey.teacher
        text = f"/quiz {args}".strip()
        group = journey.class_group
        self._do(
            Step(text, who, group.id, "quiz", text=text),
            lambda: journey.standin.send_text(who, text, group),
        )

    @precondition(lambda self: self._open_poll() is not None)
    @rule(who=st.integers(0, 1), right=st.booleans())
    def vote(self, who: int, right: bool) -> None:
        journey = self.journey
        user = journey.residents[who]
        poll = self._open_poll()
        if (
            poll is None
            or poll.poll is None
            or user.id in journey.standin.world.polls[poll.poll.id].votes
        ):
            return
        poll_id, options = poll.poll.id, len(poll.poll.options)
        correct = (poll.poll.correct_option_ids or [0])[0]
        option = correct if right else (correct + 1) % options
        step = Step(
            f"votes {option} on the quiz", user, journey.class_group.id, "vote", reply="maybe"
        )
        self._do(step, lambda: journey.standin.answer_poll(user, poll_id, [option]))

    def _open_poll(self) -> Message | None:
        world = self.journey.standin.world
        open_polls = [
            record
            for record in world.polls.values()
            if record.chat_id == self.journey.class_group.id and not record.poll.is_closed
        ]
        if not open_polls:
            return None
        record = open_polls[-1]
        return world.chats[record.chat_id].messages.get(record.message_id)

    @precondition(lambda self: self._open_poll() is not None)
    @rule()
    def time_up(self) -> None:
        journey = self.journey
        app = journey.harness.app
        assert app is not None and app.job_queue is not None
        jobs = app.job_queue.get_jobs_by_name(job_name(journey.class_group.id))
        if not jobs:
            return
        step = Step("time is up", journey.teacher, journey.class_group.id, "quiz")
        self._do(step, lambda: jobs[0].run(app))

    @rule(pupil=st.booleans(), command=st.sampled_from(["/quiz_stop", "/quiz 2"]))
    def quiz_other(self, pupil: bool, command: str) -> None:
        journey = self.journey
        who = journey.residents[0] if pupil else journey.teacher
        group = journey.class_group
        promise: dict[str, Any] = {"must": ("quiz.admins_only",), "only": True} if pupil else {}
        step = Step(command, who, group.id, "quiz", text=command, **promise)
        self._do(step, lambda: journey.standin.send_text(who, command, group))
