"""Hypothesis strategies for Telegram updates: well-formed ones, then broken on purpose.

A generated update starts as something Telegram could send this bot (commands, menu
labels, photos the stand-in can serve, button presses with our callback prefixes, votes,
membership changes) and then, most of the time, has a few of its fields deleted or
replaced with values of the wrong type, empty, huge or out of range. `generate` draws a
fixed list of them (derandomized: the same list on every run).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import hypothesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.messages import CATALOGUE

JSON = dict[str, Any]

PRIVATE = "我家住越秀区某某街12号3楼"
"""Stands for what residents write: the tests check it never reaches the log."""
COMMANDS = [
    "/start", "/help", "/language", "/privacy", "/forget_me", "/cancel", "/report", "/my",
    "/practice", "/quiz", "/quiz_stop", "/quiz_upload", "/queue", "/ticket", "/resolve",
    "/staff", "/stats", "/export", "/duty", "/accept", "/reject", "/dispatch", "/claim",
    "/start_work", "/verify", "/rework", "/extend", "/merge", "/note", "/reply", "/teleport",
]  # fmt: skip
ARGUMENTS = [
    "", " 1", " CG-20260101-0001", " CG-20260101-0001 不予受理", " abc", " -5", " 99999999999",
    " en", " zh", " gas child 5 30", " mine overdue", " add 1 dispatcher", " 7d", " 1 into 2",
    " CG-20260101-0001 3 下雨", " " + "长" * 300, f" CG-20260101-0001 {PRIVATE}",
]  # fmt: skip
PHRASES = [
    PRIVATE, f"垃圾没人收，{PRIVATE}",
    "厨房里有煤气味", "煤气罐能放地下室吗", "旧楼装管道燃气有补贴吗？", "垃圾桶满了", "路灯坏了",
    "I smell gas in the kitchen", "hello", "", " ", "\u202e\u200b weird", "<b>x</b> & <i>",
    "🔥" * 40, "A" * 4096, "1", "CG-20260101-0001",
]  # fmt: skip
CALLBACK_PREFIXES = [
    "lang:", "forget:", "rp:", "rc:", "rd:", "rj:", "rf:", "my:", "fx:", "rt:", "nf:", "mc:",
    "sq:", "st:", "ask:", "practice:", "", "unknown:",
]  # fmt: skip
CALLBACK_SUFFIXES = [
    "zh", "en", "xx", "yes", "no", "skip", "gps", "gas", "other", "new", "ok", "CG-20260101-0001",
    "CG-20260101-0001:5", "CG-20260101-0001:0", "staff", "0:CG-20260101-0001", "1:2:3", "",
    "x" * 70, "🙂",
]  # fmt: skip
SHORT_LABELS = sorted(
    {
        text
        for texts in CATALOGUE.values()
        for text in texts.values()
        if isinstance(text, str) and len(text) <= 16
    }
)


@dataclass
class Cast:
    """Who the generated updates are from and where: JSON as Telegram writes it."""

    users: list[JSON]
    groups: list[JSON]
    bot: JSON
    photo: list[JSON]
    """PhotoSize objects of a photo the stand-in stores, so downloads succeed."""
    document: JSON
    """An image sent as a file, also stored by the stand-in."""


def _private(user: JSON) -> JSON:
    return {"id": user["id"], "type": "private", "first_name": user["first_name"]}


def _entities(text: str) -> list[JSON] | None:
    if not text.startswith("/"):
        return None
    word = text.split(" ", 1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]


TEXTS = st.one_of(
    st.builds(lambda c, a: c + a, st.sampled_from(COMMANDS), st.sampled_from(ARGUMENTS)),
    st.sampled_from(SHORT_LABELS),
    st.sampled_from(PHRASES),
    st.text(max_size=40),
)
"""What residents and staff type: commands (with arguments), menu labels, phrases, anything."""
MEDIA = ["venue", "document", "contact", "sticker", "voice", "dice", "members", "left"]
KINDS = st.sampled_from(["text"] * 6 + ["photo"] * 2 + ["location"] * 2 + MEDIA)
MAYBE_TEXT = st.one_of(st.none(), TEXTS)
UPDATE_KINDS = st.sampled_from(
    ["message"] * 10
    + ["callback_query"] * 5
    + ["edited_message", "channel_post", "poll_answer", "my_chat_member"]
)
MID = 0  # replaced by the message's own id in generate


class Strategies:
    """The strategies for one cast, built once (building them per draw is slow)."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.users = st.sampled_from(cast.users)
        self.groups = st.sampled_from(cast.groups)
        self.updates = st.composite(self._update)()

    def _update(self, draw: st.DrawFn) -> JSON:
        """Mostly messages, then button presses, then the rest."""
        kind = draw(UPDATE_KINDS)
        if kind == "message":
            return self._message(draw)
        if kind == "callback_query":
            return self._callback_query(draw)
        return self._other(draw, kind)

    def _chat_of(self, draw: st.DrawFn, user: JSON) -> JSON:
        return draw(st.one_of(st.just(_private(user)), self.groups))

    def _content(self, draw: st.DrawFn) -> JSON:
        cast, kind = self.cast, draw(KINDS)
        if kind == "text":
            text = draw(TEXTS)
            return {"text": text, "entities": _entities(text)}
        if kind == "photo":
            group = draw(st.sampled_from([None, None, "album-1", "album-2"]))
            return {"photo": cast.photo, "caption": draw(MAYBE_TEXT), "media_group_id": group}
        if kind == "location":
            latitude, longitude = draw(st.floats(-90, 90)), draw(st.floats(-180, 180))
            return {"location": {"latitude": latitude, "longitude": longitude}}
        if kind == "venue":
            place = {"latitude": 23.129, "longitude": 113.264}
            return {"venue": {"location": place, "title": "北京路", "address": "越秀区北京路1号"}}
        if kind == "document":
            return {"document": cast.document, "caption": draw(MAYBE_TEXT)}
        if kind == "contact":
            return {"contact": {"phone_number": "+8620123", "first_name": "张", "user_id": 1001}}
        if kind == "sticker":
            sticker = {"file_id": "s1", "file_unique_id": "su1", "type": "regular", "width": 512}
            return {"sticker": {**sticker, "height": 512, "is_animated": False, "is_video": False}}
        if kind == "voice":
            return {"voice": {"file_id": "v1", "file_unique_id": "vu1", "duration": 3}}
        if kind == "dice":
            return {"dice": {"emoji": "🎲", "value": draw(st.integers(1, 6))}}
        if kind == "members":
            return {"new_chat_members": [cast.bot, draw(self.users)]}
        return {"left_chat_member": draw(self.users)}

    def _message_fields(self, draw: st.DrawFn) -> JSON:
        """A message from a user in their private chat or in one of the groups."""
        user = draw(self.users)
        chat = self._chat_of(draw, user)
        message = {"message_id": MID, "date": 1_700_000_000, "chat": chat, "from": user}
        message.update(self._content(draw))
        if draw(st.integers(0, 9)) == 0:
            replied = {"message_id": 1, "date": 1_700_000_000, "chat": chat, "from": self.cast.bot}
            message["reply_to_message"] = {**replied, "text": "上一条"}
        return {key: value for key, value in message.items() if value is not None}

    def _message(self, draw: st.DrawFn) -> JSON:
        return {"message": self._message_fields(draw)}

    def _callback_query(self, draw: st.DrawFn) -> JSON:
        """A press of a button on a message the bot sent."""
        user = draw(self.users)
        chat = self._chat_of(draw, user)
        data = draw(st.sampled_from(CALLBACK_PREFIXES)) + draw(st.sampled_from(CALLBACK_SUFFIXES))
        message = {"message_id": MID, "date": 1_700_000_000, "chat": chat, "from": self.cast.bot}
        keyboard = [[{"text": "按钮", "callback_data": data[:64] or "x"}]]
        message |= {"text": "按钮", "reply_markup": {"inline_keyboard": keyboard}}
        query = {"id": "q", "from": user, "chat_instance": "ci", "data": data}
        if draw(st.integers(0, 9)):
            query["message"] = message
        else:  # an old message Telegram no longer shows
            query["message"] = {"message_id": MID, "date": 0, "chat": chat}
        return {"callback_query": query}

    def _other(self, draw: st.DrawFn, kind: str) -> JSON:
        """Edits, channel posts, votes and membership changes."""
        if kind == "edited_message":
            message = self._message_fields(draw)
            return {"edited_message": {**message, "edit_date": 1_700_000_100}}
        if kind == "channel_post":
            channel = {"id": -1001777, "type": "channel", "title": "news"}
            return {"channel_post": {"message_id": MID, "date": 1, "chat": channel, "text": "x"}}
        user = draw(self.users)
        if kind == "poll_answer":
            option = draw(st.integers(0, 3))
            answer = {"poll_id": "p1", "user": user, "option_ids": [option]}
            answer["option_persistent_ids"] = [f"o{option}"]
            return {"poll_answer": answer}
        member = {"user": self.cast.bot, "status": "left"}
        change = {
            "chat": draw(self.groups),
            "from": user,
            "date": 1,
            "old_chat_member": member,
            "new_chat_member": {**member, "status": draw(st.sampled_from(["member", "kicked"]))},
        }
        return {"my_chat_member": change}


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, -1, 1, 2**31, 2**53 + 1, 2**63, -(2**64), 10**30]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "x" * 5000, "0", "-1", "1e999", "CG-x", "zh", "\x00"]),
    st.text(max_size=10),
    st.just([]),
    st.lists(st.integers(-3, 3), max_size=3),
    st.just({}),
    st.dictionaries(st.sampled_from(["id", "type", "text", "file_id"]), st.integers(), max_size=2),
)
"""Values of the wrong type, empty, huge, out of range or not a number."""


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        path = (*prefix, key)
        found.append(path)
        if isinstance(child, dict | list):
            found.extend(_paths(child, path))
    return found


def _set_ids(update: JSON, mid: int) -> None:
    for kind, body in update.items():
        if kind == "callback_query":
            body["id"] = str(mid)
            body = body.get("message", {})
        if isinstance(body, dict) and body.get("message_id") == MID:
            body["message_id"] = mid


def _break(data: st.DataObject, update: JSON) -> None:
    """Delete up to three fields of `update`, or replace them with junk."""
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(update)
        if not paths:
            return
        *parents, last = paths[data.draw(st.integers(0, len(paths) - 1))]
        holder: Any = update
        for key in parents:
            holder = holder[key]
        if isinstance(holder, dict) and data.draw(st.booleans()):
            del holder[last]
        else:
            holder[last] = data.draw(JUNK)


BATCH = 25
"""Updates drawn per Hypothesis example: its per-example cost dwarfs one update's."""


def generate(
    cast: Cast, count: int, first_message_id: int = 100_000, seed: int | None = None
) -> list[JSON]:
    """`count` updates, one in four well-formed and the rest broken, without update ids;
    the same ones on every run (derandomized, no example database) unless `seed` picks
    another set."""
    strategies = Strategies(cast)
    drawn: list[JSON] = []

    @settings(
        max_examples=-(-count // BATCH) + 5,  # a few examples are cut short (too big)
        derandomize=seed is None,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        batch: list[JSON] = []
        for _ in range(BATCH):
            update = json.loads(json.dumps(data.draw(strategies.updates)))  # a private copy
            _set_ids(update, first_message_id + len(drawn) + len(batch))
            if data.draw(st.integers(0, 3)):
                _break(data, update)
            batch.append(update)
        drawn.extend(batch)  # not reached by an example Hypothesis cut short

    (collect if seed is None else hypothesis.seed(seed)(collect))()
    assert len(drawn) >= count, f"only {len(drawn)} updates drawn"
    return drawn[:count]
