"""Polls and quizzes: sendPoll, stopPoll, votes, closing after open_period."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import MessageEntity, Poll, PollAnswer, PollOption, Update, User
from telegram.constants import PollLimit

from bot.standin.errors import StandInError, bad_request
from bot.standin.message_text import apply_parse_mode
from bot.standin.outgoing import bot_message, post, rebuild, target_chat
from bot.standin.params import Params
from bot.standin.state import Handler, PollRecord, World
from bot.standin.validation import check_poll, parse_reply_markup

JSON = dict[str, Any]


def _with_counts(record: PollRecord, *, closed: bool | None = None) -> Poll:
    poll = record.poll
    counts = [0] * len(poll.options)
    for option_ids in record.votes.values():
        for option_id in option_ids:
            counts[option_id] += 1
    data = poll.to_dict()
    data["options"] = [
        PollOption(option.text, count, persistent_id=option.persistent_id).to_dict()
        for option, count in zip(poll.options, counts, strict=True)
    ]
    data["total_voter_count"] = sum(1 for option_ids in record.votes.values() if option_ids)
    if closed is not None:
        data["is_closed"] = closed
    return Poll.de_json(data, None)


def _update_poll(world: World, record: PollRecord, poll: Poll) -> Update:
    record.poll = poll
    chat = world.chats.get(record.chat_id)
    message = chat.messages.get(record.message_id) if chat else None
    if chat is not None and message is not None:
        world.store(chat, rebuild(message, poll=poll))
    return world.emit(poll=poll)


def _correct_option_ids(params: Params) -> list[int]:
    """correct_option_ids (Bot API 9.6), or the older single correct_option_id."""
    ids = params.obj("correct_option_ids")
    if ids is None:
        single = params.integer("correct_option_id")
        return [] if single is None else [single]
    if not isinstance(ids, list) or not all(isinstance(item, int) for item in ids):
        raise bad_request("wrong correct option ID specified")
    return ids


def close_poll(world: World, record: PollRecord) -> Poll:
    """Close a poll (stopPoll or open_period ran out) and tell the bot."""
    if record.closer is not None:
        record.closer.cancel()
        record.closer = None
    poll = _with_counts(record, closed=True)
    _update_poll(world, record, poll)
    return poll


async def send_poll(world: World, params: Params) -> JSON:
    """sendPoll: regular polls and quizzes, validated like Telegram."""
    chat = target_chat(world, params)
    spec = check_poll(
        params.text("question"),
        params.obj("options"),
        params.text("type"),
        _correct_option_ids(params),
        params.text("explanation"),
    )
    multiple = params.flag("allows_multiple_answers")
    open_period = params.integer("open_period")
    if open_period is not None and not (
        PollLimit.MIN_OPEN_PERIOD <= open_period <= PollLimit.MAX_OPEN_PERIOD
    ):
        raise bad_request("wrong open period specified")
    explanation: str | None = None
    explanation_entities: list[MessageEntity] = []
    if spec.explanation:
        explanation, explanation_entities = apply_parse_mode(
            spec.explanation,
            params.text("explanation_parse_mode"),
            params.obj("explanation_entities"),
        )
    now = world.now()
    poll = Poll(
        id=str(secrets.randbelow(10**19)),
        question=spec.question,
        options=[
            PollOption(text, 0, persistent_id=str(index)) for index, text in enumerate(spec.options)
        ],
        total_voter_count=0,
        is_closed=params.flag("is_closed"),
        is_anonymous=params.flag("is_anonymous", default=True),
        type=Poll.QUIZ if spec.is_quiz else Poll.REGULAR,
        allows_multiple_answers=multiple,
        correct_option_ids=spec.correct_option_ids or None,
        allows_revoting=params.flag("allows_revoting", default=not spec.is_quiz),
        members_only=params.flag("members_only"),
        explanation=explanation,
        explanation_entities=explanation_entities or None,
        open_period=open_period,
        close_date=now + timedelta(seconds=open_period) if open_period else None,
    )
    message = post(world, chat, params, poll=poll)
    record = PollRecord(poll, chat.chat.id, message.message_id)
    world.polls[poll.id] = record
    if open_period:
        loop = asyncio.get_running_loop()
        record.closer = loop.call_later(open_period, close_poll, world, record)
    return message.to_dict()


async def stop_poll(world: World, params: Params) -> JSON:
    """stopPoll: close the poll in the bot's message and return its final state."""
    chat, message = bot_message(world, params, "message with poll to stop not found")
    if message.poll is None or message.poll.id not in world.polls:
        raise bad_request("message with poll to stop not found")
    record = world.polls[message.poll.id]
    if record.poll.is_closed:
        raise bad_request("poll has already been closed")
    markup = parse_reply_markup(params.obj("reply_markup"), inline_only=True)
    poll = close_poll(world, record)
    if markup is not None:
        world.store(chat, rebuild(chat.messages[message.message_id], reply_markup=markup))
    return poll.to_dict()


def cast_vote(world: World, user: User, poll_id: str, option_ids: Sequence[int]) -> list[Update]:
    """A user's vote: a poll_answer update (non-anonymous polls) and a poll update."""
    record = world.polls.get(poll_id)
    if record is None:
        raise StandInError(f"no poll with id {poll_id!r}")
    poll = record.poll
    if poll.is_closed:
        raise StandInError("the poll is closed")
    chosen = tuple(option_ids)
    if any(not 0 <= option < len(poll.options) for option in chosen):
        raise StandInError(f"option ids {chosen} out of range for {len(poll.options)} options")
    if len(chosen) > 1 and not poll.allows_multiple_answers:
        raise StandInError("this poll allows one answer only")
    if user.id in record.votes and not poll.allows_revoting:
        raise StandInError("answers to this poll cannot be changed (allows_revoting is off)")
    record.votes[user.id] = chosen
    updates: list[Update] = []
    if not poll.is_anonymous:
        persistent_ids = [poll.options[option].persistent_id for option in chosen]
        answer = PollAnswer(poll_id, list(chosen), user=user, option_persistent_ids=persistent_ids)
        updates.append(world.emit(poll_answer=answer))
    updates.append(_update_poll(world, record, _with_counts(record)))
    return updates


METHODS: dict[str, Handler] = {"sendPoll": send_poll, "stopPoll": stop_poll}
