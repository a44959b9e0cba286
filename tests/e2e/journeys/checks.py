"""The invariants checked after every step of a journey."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message

from bot.messages import LANGUAGES
from tests.e2e.journeys.cast import Journey
from tests.e2e.journeys.ledger import (
    Snapshot,
    button_problems,
    filed_numbers,
    outbox_problems,
    snapshot,
    ticket_problems,
)
from tests.e2e.journeys.model import FLOW_KEYS, Resident, Step
from tests.e2e.journeys.texts import (
    Typed,
    is_answer,
    is_text,
    language_of_text,
    language_problems,
    match,
    raw_problems,
)

STAFF_LANGUAGE = "zh"
"""The staff, the teacher and their groups read Chinese (their Telegram is set so)."""


@dataclass(frozen=True)
class Marks:
    """How much the stand-in had recorded when a step began."""

    sent: int
    edits: int
    answers: int
    errors: int
    tickets: Snapshot

    @classmethod
    async def take(cls, journey: Journey) -> Marks:
        """The marks now."""
        world = journey.standin.world
        return cls(
            len(world.sent),
            len(world.edits),
            len(world.callback_answers),
            len(journey.errors.records),
            await snapshot(journey),
        )


def _text(message: Message) -> str:
    return message.text or message.caption or ""


async def check_step(
    journey: Journey,
    residents: dict[int, Resident],
    step: Step,
    marks: Marks,
    typed: Typed,
    undelivered: list[str],
) -> list[str]:
    """Everything wrong after `step` (empty when every invariant holds)."""
    world = journey.standin.world
    sent = world.sent[marks.sent :]
    edited = [edit.after for edit in world.edits[marks.edits :]]
    problems = [f"the bot logged an error: {e}" for e in journey.errors.records[marks.errors :]]
    problems += [f"owed and not delivered: {item}" for item in undelivered]
    resident = residents.get(step.chat_id)
    for message in [*sent, *edited]:
        owner = residents.get(message.chat.id)
        if owner is not None:
            owner.observe(message)
    for message in [*sent, *edited]:
        problems += _wording(message, residents, step, typed)
    here = [m for m in sent if m.chat.id == step.chat_id]
    problems += _replies(journey, step, here, marks)
    if resident is not None:
        problems += _after_cancel(resident, step, here)
        problems += _filing(step, here)
    if step.forbidden and await snapshot(journey) != marks.tickets:
        problems.append("a press that may change nothing changed the tickets")
    problems += await ticket_problems(journey)
    problems += await outbox_problems(journey)
    problems += await button_problems(journey, [*sent, *edited])
    return problems


def _wording(
    message: Message, residents: dict[int, Resident], step: Step, typed: Typed
) -> list[str]:
    text = _text(message)
    if not text:
        return []
    owner = residents.get(message.chat.id)
    others = [r.user.id for r in residents.values() if owner is None or r is not owner]
    problems = raw_problems(text, typed, others)
    lang = owner.lang if owner is not None else STAFF_LANGUAGE
    wrong = language_problems(text, lang, typed)
    if wrong and is_answer(text):
        # An answer is in the language of the question (documented), whoever asks; what a
        # press on an answer's button shows, in the language of that answer.
        asked = [language_of_text(step.text)] if step.kind == "text" else list(LANGUAGES)
        wrong = min((language_problems(text, code, typed) for code in asked), key=len)
    problems += wrong
    return [f"{problem} in {text[:160]!r}" for problem in problems]


def _replies(journey: Journey, step: Step, here: list[Message], marks: Marks) -> list[str]:
    problems = []
    texts = [_text(m) for m in here]
    if step.reply == "none" and here:
        problems.append(f"a step that gets no reply by design got {texts}")
    query = step.update.callback_query if step.update is not None else None
    if query is not None:
        answer = journey.standin.callback_answer(query.id)
        if answer is None:
            problems.append("the button press was never answered")
        elif step.answers and not is_text(answer.text or "", *step.answers):
            problems.append(f"expected the press answered {step.answers}, got {answer.text!r}")
    elif step.reply == "required" and not here:
        problems.append("no reply at all")
    if step.must and not any(_is_reply(text, step.must) for text in texts):
        problems.append(f"expected one of {step.must}, got {texts}")
    if step.only and any(text and not _is_reply(text, step.must) for text in texts):
        problems.append(f"expected only {step.must}, got {texts}")
    if step.supported and any(is_text(text, "unsupported.kind") for text in texts):
        problems.append(f"a {step.kind} was answered as a kind the bot cannot handle")
    return problems


def _is_reply(text: str, keys: tuple[str, ...]) -> bool:
    """The reply is one of `keys`, whole or (a reply put together, as /help is) by its
    first line."""
    return is_text(text, *keys) or is_text(text.split("\n", 1)[0], *keys)


def _after_cancel(resident: Resident, step: Step, here: list[Message]) -> list[str]:
    if not resident.after_cancel or step.kind in ("press", "forge", "edit"):
        return []
    resident.after_cancel = False  # (the machine sets it again after each /cancel)
    flow = [_text(m) for m in here if is_text(_text(m), *FLOW_KEYS)]
    if flow:
        return [f"after /cancel, a {step.kind} was taken as part of a flow: {flow}"]
    return []


def _filing(step: Step, here: list[Message]) -> list[str]:
    filed = filed_numbers(here)
    if step.files and not filed:
        return ["a ticket was due to be filed and announced, and none was"]
    if step.files_nothing and filed:
        return [f"a step that may file nothing filed {filed}"]
    return []


def summary_button(message: Message, data: str) -> bool:
    """True if `data` pressed on `message` is the summary's confirm."""
    return data == "rf:ok" and match(_text(message), "report.summary") is not None
