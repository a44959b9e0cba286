"""/quiz and /quiz_stop in a class group, and scoring the quiz polls' answers."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from telegram import Update

from bot.context import CityContext
from bot.messages import normalize_language
from handlers.common import language_of, reply
from handlers.quiz_common import (
    admin_in_group,
    level_list,
    restore,
    snapshot,
    topic_list,
    topic_name,
)
from handlers.quiz_round import PLAYER_LANGUAGE, advance, finish
from handlers.quiz_words import ALL_TOPICS, read_words
from knowledge.quiz import UPLOAD_TOPIC, load_bank
from storage.quiz import STOPPED, RoundRunning, answers, rounds, sets

DEFAULT_COUNT: Final = 5
MAX_COUNT: Final = 20
DEFAULT_SECONDS: Final = 30
MIN_SECONDS: Final = 5  # Telegram's shortest open_period
MAX_SECONDS: Final = 600


@dataclass(frozen=True, slots=True)
class RoundRequest:
    """What `/quiz [topic] [level] [count] [seconds]` asked for."""

    topic: str | None = None
    level: str | None = None
    count: int = DEFAULT_COUNT
    seconds: int = DEFAULT_SECONDS


def parse_request(args: list[str]) -> RoundRequest | None:
    """The request in the command's words (codes or names: `/quiz 燃气 儿童 3`), or None if a
    word makes no sense or says a thing twice."""
    read = read_words(args)
    if read is None:
        return None
    topics = [item[1] for item in read if isinstance(item, tuple) and item[0] == "topic"]
    levels = [item[1] for item in read if isinstance(item, tuple) and item[0] == "level"]
    numbers = [item for item in read if isinstance(item, int)]
    if len(set(topics)) > 1 or len(set(levels)) > 1 or len(numbers) > 2:
        return None
    topic = topics[0] if topics and topics[0] != ALL_TOPICS else None
    level = levels[0] if levels else None
    count = numbers[0] if numbers else DEFAULT_COUNT
    seconds = numbers[1] if len(numbers) > 1 else DEFAULT_SECONDS
    return RoundRequest(
        topic,
        level,
        min(max(count, 1), MAX_COUNT),
        min(max(seconds, MIN_SECONDS), MAX_SECONDS),
    )


async def quiz_command(update: Update, context: CityContext) -> None:
    """Start a round of quiz polls in the group (admins only, one round at a time)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    if not await admin_in_group(update, context):
        return
    lang = language_of(update, context)
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        running = await rounds.find_running_round(uow, chat_id=chat.id)
    if running is not None:
        number = max(running.current, 0) + 1
        await reply(update, context, "quiz.already_running", number=number, total=running.total)
        return
    request = parse_request(list(context.args or []))
    if request is None:
        await reply(update, context, "quiz.usage", topics=topic_list(lang), levels=level_list(lang))
        return
    if request.topic == UPLOAD_TOPIC:
        async with store.unit_of_work(read_only=True) as uow:
            own = await sets.get_question_set(uow, chat_id=chat.id)
        if not own:
            await reply(update, context, "quiz.mine_empty")
            return
        pool = [restore(item) for item in own]
        questions = random.sample(pool, min(request.count, len(pool)))
    else:
        questions = load_bank().pick(request.topic, request.level, request.count)
    if not questions:
        await reply(update, context, "quiz.no_questions")
        return
    try:
        async with store.unit_of_work() as uow:
            round_ = await rounds.start_round(
                uow,
                chat_id=chat.id,
                topic=request.topic or "all",
                language=lang,
                questions=[snapshot(question) for question in questions],
                seconds=request.seconds,
                started_by=user.id,
            )
    except RoundRunning:
        await reply(update, context, "quiz.already_running", number=1, total=len(questions))
        return
    topic = topic_name(round_.topic, lang)
    await reply(
        update, context, "quiz.started", topic=topic, count=round_.total, seconds=round_.seconds
    )
    await advance(context, round_.id, position=-1)


async def quiz_stop(update: Update, context: CityContext) -> None:
    """End the group's running round now, with its leaderboard."""
    chat = update.effective_chat
    if chat is None:
        return
    if not await admin_in_group(update, context):
        return
    async with context.services.store.unit_of_work(read_only=True) as uow:
        round_ = await rounds.find_running_round(uow, chat_id=chat.id)
    if round_ is None or not await finish(context, round_, status=STOPPED, stop_current=True):
        await reply(update, context, "quiz.not_running")


async def poll_answer(update: Update, context: CityContext) -> None:
    """Score an answer to a quiz poll; once every player answered, ask the next question."""
    answer = update.poll_answer
    if answer is None or answer.user is None or not answer.option_ids:
        return
    if context.user_data is not None and answer.user.language_code:
        context.user_data[PLAYER_LANGUAGE] = normalize_language(answer.user.language_code)
    store = context.services.store
    async with store.unit_of_work() as uow:
        poll = await answers.record_answer(
            uow,
            poll_id=answer.poll_id,
            user_id=answer.user.id,
            user_name=answer.user.full_name,
            option=answer.option_ids[0],
        )
    if poll is None or poll.position == 0:
        return  # not ours, too late, a repeat; or the first question (players still unknown)
    # Read after the answer is committed: two last answers at once each see the other.
    async with store.unit_of_work(read_only=True) as uow:
        round_ = await rounds.get_round(uow, round_id=poll.round_id)
        if round_ is None or round_.current != poll.position:
            return
        everyone = await answers.everyone_answered(uow, poll_id=poll.poll_id, round_id=round_.id)
    if everyone:
        await advance(context, round_.id, position=poll.position)
