"""What the journeys expect: each resident's side of the conversation, and each step's promise.

The model is deliberately small. It does not predict every reply; it follows what the bot
showed (a summary offered, the safety steps given, a language chosen) and from that knows
what a step must bring: a confirm on the summary being offered files a ticket, a confirm
anywhere else files nothing, a place sent after the safety steps files an urgent ticket,
/cancel leaves nothing going on, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram import Message, Update, User

from bot.messages import LANGUAGES, normalize_language
from tests.e2e.journeys.ledger import buttons_of
from tests.e2e.journeys.texts import match

FLOW_KEYS = (
    "report.use_buttons",
    "report.expected_photo",
    "report.bad_location",
    "report.ask_category",
    "report.ask_description",
    "report.duplicates",
    "report.summary",
    "report.photo_added",
    "report.draft_lost",
    "report.place_kept",
    "report.place_noted",
    "emergency.place_received",
    "emergency.filed",
    "my.comment_saved",
    "rate.reworked",
    "staff.resolve.need_photo",
)
"""Replies that only come inside a flow: after /cancel, the next message gets none of them."""
HAND_OVER = "ask:staff"
"""The data of the button under an unsure answer that hands the question to staff."""
ENDS_REPORT = ("report.filed", "cancel.done", "report.draft_lost", "report.joined")
STARTS_REPORT = ("report.start", "report.ask_location")


@dataclass
class Resident:
    """One resident's side: their language and what the bot is waiting for from them."""

    user: User
    lang: str
    summary: int | None = None
    """The message whose confirm button files the report being made (None: no report)."""
    alerted: bool = False
    """The safety steps were given and the place is still awaited."""
    report_after_alert: bool = False
    """A report began after the steps: a place now belongs to that report."""
    after_cancel: bool = False
    """The last thing they did was /cancel: the next message is handled from idle."""
    question: int | None = None
    """The answer whose button hands the unanswered question to staff (the latest such)."""

    @classmethod
    def of(cls, user: User) -> Resident:
        """A resident as they first open the chat."""
        return cls(user, normalize_language(user.language_code))

    def observe(self, message: Message) -> None:
        """Follow what the bot just showed this resident."""
        text = message.text or message.caption or ""
        if _is(text, "report.summary"):
            self.summary = message.message_id
        if _is(text, *ENDS_REPORT, *STARTS_REPORT):
            self.summary = None
        if _is(text, *STARTS_REPORT) and self.alerted:
            self.report_after_alert = True
        if HAND_OVER in buttons_of(message):
            self.question = message.message_id
        if _is(text, "ask.filed"):
            self.question = None
        if _is(text, "emergency.steps"):
            self.alerted, self.report_after_alert = True, False
        if _is(text, "emergency.place_received", "emergency.filed", "cancel.done"):
            self.alerted = False
        for lang in LANGUAGES:
            if match(text, "language.set", lang) is not None:
                self.lang = lang


def _is(text: str, *keys: str) -> bool:
    return any(match(text, key) is not None for key in keys)


@dataclass
class Step:
    """One thing someone did, and what it promises."""

    label: str
    who: User
    chat_id: int
    kind: str
    """text, photo, album, document, place, unsupported, command, press, key, forge, edit,
    staff, quiz."""
    text: str = ""
    must: tuple[str, ...] = ()
    """One of these catalogue texts must be among the replies in the chat."""
    only: bool = False
    """...and nothing else may be sent there."""
    reply: str = "required"
    """required: something must be sent to the chat (or a press answered); none: nothing
    may be (an edit, by design); maybe: either (a vote is scored in silence until the last)."""
    answers: tuple[str, ...] = ()
    """A press must be answered with one of these catalogue texts."""
    files: bool = False
    """A new ticket must be announced to the resident."""
    files_nothing: bool = False
    """No ticket may be filed."""
    forbidden: bool = False
    """Nothing about any ticket may change."""
    supported: bool = True
    """A kind the bot handles: never answered "I can't handle this"."""
    update: Update | None = None
    notes: list[str] = field(default_factory=list)
