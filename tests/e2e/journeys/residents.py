"""What residents do, each a rule: photos, albums, files, questions, emergencies, places,
stickers and voice, commands, the menu's keys, pressing any button they were shown (fresh or
stale), forging presses seen in other chats, and editing what they wrote."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule
from telegram import Message

from bot.messages import t
from handlers.buttons import AddComment, NotFixed
from tests.e2e.journeys.base import PICK, WHO, JourneyBase
from tests.e2e.journeys.cast import jpeg
from tests.e2e.journeys.checks import summary_button
from tests.e2e.journeys.ledger import buttons_of, decode
from tests.e2e.journeys.model import HAND_OVER, Resident, Step
from tests.e2e.journeys.texts import is_text
from tests.e2e.journeys.words import (
    ADDRESSES,
    CAPTIONS,
    COLOURS,
    COMMAND_REPLIES,
    COMMANDS,
    EMERGENCIES,
    MENU_REPLIES,
    PLACES,
    QUESTIONS,
    REFUSALS,
    REPORT_STEPS,
    VENUES,
    WHERE,
    WORDS,
)


class ResidentRules(JourneyBase):
    """The residents' rules."""

    @rule(who=WHO, caption=st.sampled_from(CAPTIONS), colour=st.sampled_from(COLOURS))
    def photo(self, who: int, caption: str | None, colour: tuple[int, int, int]) -> None:
        user, _ = self._resident(who)
        self.typed.add(caption)
        step = Step(
            f"a photo ({caption or 'no caption'})", user, user.id, "photo", text=caption or ""
        )
        self._do(step, lambda: self.journey.standin.send_photo(user, jpeg(colour), caption=caption))

    @rule(who=WHO, count=st.integers(2, 3), caption=st.sampled_from(CAPTIONS))
    def album(self, who: int, count: int, caption: str | None) -> None:
        user, _ = self._resident(who)
        self.typed.add(caption)
        photos = [jpeg(COLOURS[i]) for i in range(count)]
        step = Step(f"an album of {count} ({caption or 'no caption'})", user, user.id, "album")
        self._do(step, lambda: self.journey.standin.send_album(user, photos, caption=caption))

    @rule(who=WHO, image=st.booleans())
    def document(self, who: int, image: bool) -> None:
        user, _ = self._resident(who)
        if image:
            content, name, mime = jpeg((90, 90, 90)), "街道.jpg", "image/jpeg"
        else:
            content, name, mime = b"%PDF-1.4 a scan", "scan.pdf", "application/pdf"
        step = Step(f"a file {name}", user, user.id, "document", supported=image)
        self._do(step, lambda: self.journey.standin.send_document(user, content, name, mime))

    @rule(who=WHO, text=st.sampled_from(QUESTIONS + EMERGENCIES + WORDS + ADDRESSES))
    def say(self, who: int, text: str) -> None:
        _, resident = self._resident(who)
        if text in EMERGENCIES:
            self._say(who, text, "text", must=("emergency.steps",))
        elif text in ADDRESSES:
            self._say(who, text, "text", **self._place_promise(resident))
        else:
            self._say(who, text, "text")

    def _place_promise(self, resident: Resident) -> dict[str, Any]:
        # After the safety steps, a place files the urgent ticket (unless a report began
        # after them, whose place it then is).
        if resident.alerted and not resident.report_after_alert:
            return {"must": ("emergency.place_received",), "files": True}
        return {}

    @rule(
        who=WHO,
        venue=st.one_of(st.none(), st.sampled_from(VENUES)),
        place=st.sampled_from(PLACES),
    )
    def place(self, who: int, venue: tuple[str, str] | None, place: tuple[float, float]) -> None:
        user, resident = self._resident(who)
        promise = self._place_promise(resident)
        standin = self.journey.standin
        if venue is None:
            step = Step(f"a location {place}", user, user.id, "place", **promise)
            self._do(step, lambda: standin.send_location(user, *place))
            return
        self.typed.add(*venue)
        step = Step(f"a venue {venue}", user, user.id, "place", **promise)
        self._do(step, lambda: standin.send_venue(user, *place, *venue))

    @rule(who=WHO, kind=st.sampled_from(["sticker", "voice"]))
    def unsupported(self, who: int, kind: str) -> None:
        user, _ = self._resident(who)
        standin = self.journey.standin
        send = standin.send_sticker if kind == "sticker" else standin.send_voice
        self._do(
            Step(f"a {kind}", user, user.id, "unsupported", supported=False), lambda: send(user)
        )

    @rule(who=WHO, command=st.sampled_from(COMMANDS))
    def command(self, who: int, command: str) -> None:
        replies = COMMAND_REPLIES.get(command, ())
        self._say(who, command, "command", must=replies, only=command == "/cancel")

    @precondition(
        lambda self: any(self.journey.standin.shown_keyboard(u.id) for u in self.journey.residents)
    )
    @rule(who=WHO, pick=PICK)
    def reply_key(self, who: int, pick: int) -> None:
        user, resident = self._resident(who)
        shown = self.journey.standin.shown_keyboard(user.id)
        if not shown:
            return
        labels = [label for row in shown for label in row]
        label = labels[pick % len(labels)]
        menu = next((key for key in MENU_REPLIES if t(key, resident.lang) == label), None)
        promise: dict[str, Any] = (
            {"must": MENU_REPLIES[menu]} if menu else self._place_promise(resident)
        )
        self.typed.add(label)
        step = Step(f"the key {label!r}", user, user.id, "key", text=label, **promise)
        self._do(step, lambda: self.journey.standin.press_key(user, pick % len(labels)))

    @precondition(lambda self: any(self._with_buttons(u.id) for u in self.journey.residents))
    @rule(who=WHO, pick=PICK, button=PICK)
    def press(self, who: int, pick: int, button: int) -> None:
        """Any button of any message the resident was shown, fresh or stale."""
        user, resident = self._resident(who)
        offered = self._with_buttons(user.id)
        if not offered:
            return
        message = offered[pick % len(offered)]
        data = buttons_of(message)
        self._press(resident, message, data[button % len(data)])

    def _press(self, resident: Resident, message: Message, data: str) -> None:
        user = resident.user
        promise: dict[str, Any] = {}
        if data == "rf:ok":  # the summary on show files its report; any other, nothing
            live = summary_button(message, data) and message.message_id == resident.summary
            promise = {"files": True} if live else {"files_nothing": True}
        if data == HAND_OVER:  # so with the latest unsure answer's hand-over
            live = message.message_id == resident.question
            promise = {"files": True} if live else {"files_nothing": True}
        label = f"presses {data!r} on #{message.message_id}"
        step = Step(label, user, user.id, "press", **promise)
        self._do(step, lambda: self.journey.standin.press_data(user, message, data))

    def _follow_ups(self, user_id: int) -> list[tuple[Message, str]]:
        """The "not fixed" and "add a comment" buttons the resident was shown, oldest first."""
        return [
            (message, data)
            for message in self._with_buttons(user_id)
            for data in buttons_of(message)
            if isinstance(decode(data), NotFixed | AddComment)
        ]

    @rule(who=WHO, pick=PICK, words=st.sampled_from(WORDS))
    def follow_up(self, who: int, pick: int, words: str) -> None:
        """The reporter says what is still wrong with a ticket dealt with ("not fixed", and
        the reason it goes back for), or adds a comment to one: mostly the latest such
        button (or, shown none, a ticket of theirs opened from /my), then their words when
        the bot asks for them."""
        user, resident = self._resident(who)
        if not self._follow_ups(user.id):
            self._say(who, "/my", "command", must=COMMAND_REPLIES.get("/my", ()))
            shown = self.journey.standin.messages_to(user.id)
            tickets = buttons_of(shown[-1]) if shown else []
            if not tickets:
                return
            self._press(resident, shown[-1], tickets[pick % len(tickets)])
        offered = self._follow_ups(user.id)
        if not offered:
            return
        message, data = offered[-1 if pick % 3 else pick % len(offered)]
        self._press(resident, message, data)
        shown = self.journey.standin.messages_to(user.id)
        asked = (shown[-1].text or "") if shown else ""
        if is_text(asked, "rate.ask_reason", "my.comment_prompt"):
            self._say(who, words, "text")

    @rule(who=WHO, steps=st.integers(1, 6), choices=st.lists(PICK, min_size=6, max_size=6))
    def carry_on(self, who: int, steps: int, choices: list[int]) -> None:
        """A few times over, the resident does what the bot's last message asks."""
        for choice in choices[:steps]:
            self._answer_the_bot(who, choice)

    # People mostly do what they are asked: the same rule twice more, so that walks get to
    # the end of a report, an alert or a rating as often as they wander.
    keep_going = carry_on
    and_so_on = carry_on

    def _answer_the_bot(self, who: int, choice: int) -> None:
        user, resident = self._resident(who)
        shown = self.journey.standin.messages_to(user.id)
        last = shown[-1] if shown else None
        text = (last.text or last.caption or "") if last is not None else ""
        buttons = buttons_of(last) if last is not None else []
        if last is not None and buttons:
            # Mostly the first button: the suggested category, "confirm", "fixed".
            self._press(resident, last, buttons[0 if choice % 3 else choice % len(buttons)])
        elif is_text(text, *WHERE):
            self.place(who, None, PLACES[choice % len(PLACES)])
        elif is_text(text, "report.ask_description", "rate.ask_reason", "my.comment_prompt"):
            self._say(who, WORDS[choice % len(WORDS)], "text")
        else:
            self.photo(who, CAPTIONS[choice % len(CAPTIONS)], COLOURS[choice % len(COLOURS)])

    @precondition(
        lambda self: any(
            self._with_buttons(chat_id) for chat_id in self.journey.standin.world.chats
        )
    )
    @rule(who=WHO, pick=PICK)
    def forge(self, who: int, pick: int) -> None:
        """A modified client presses a button seen in someone else's chat on one's own message:
        it changes nothing and is answered as expired."""
        user, resident = self._resident(who)
        standin = self.journey.standin
        elsewhere = sorted(
            {
                data
                for chat_id in standin.world.chats
                if chat_id != user.id
                for message in standin.messages_to(chat_id)
                for data in buttons_of(message)
            }
        )
        mine = standin.messages_to(user.id)
        if not elsewhere or not mine:
            return
        data = elsewhere[pick % len(elsewhere)]
        target = mine[-1]
        if data in buttons_of(target):  # the very button this message carries: a plain press
            self._press(resident, target, data)
            return
        if isinstance(decode(data), REPORT_STEPS):
            # A report's step takes its kind of button on any message of the report
            # (handlers/presses.py): on one's own report it is one's own choice, elsewhere
            # "expired"; either way nothing of anyone else's changes.
            step = Step(f"forges {data!r} on #{target.message_id}", user, user.id, "forge")
            self._do(step, lambda: standin.press_data(user, target, data))
            return
        step = Step(
            f"forges {data!r} on #{target.message_id}",
            user,
            user.id,
            "forge",
            forbidden=True,
            files_nothing=True,
            answers=REFUSALS,
        )
        self._do(step, lambda: standin.press_data(user, target, data))

    @precondition(lambda self: any(self._own_texts(u.id) for u in self.journey.residents))
    @rule(who=WHO, pick=PICK, text=st.sampled_from(WORDS))
    def edit(self, who: int, pick: int, text: str) -> None:
        user, _ = self._resident(who)
        own = self._own_texts(user.id)
        if not own:
            return
        message = own[pick % len(own)]
        self.typed.add(text)
        step = Step(
            f"edits #{message.message_id} to {text!r}",
            user,
            user.id,
            "edit",
            reply="none",
            forbidden=True,
        )
        self._do(step, lambda: self.journey.standin.edit_message(user, message, text))

    def _own_texts(self, user_id: int) -> list[Message]:
        record = self.journey.standin.world.chats[user_id]
        return [
            m
            for m in record.messages.values()
            if m.from_user and m.from_user.id == user_id and m.text
        ]
