"""Running a group's quiz round: send each poll, pace with the JobQueue, finish with a board.

Every step that moves a round on is claimed in the database first (`claim_next`), so the
timer, "everyone has answered" and a restart can race without asking a question twice.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Final, cast

from telegram import InputFile, Poll
from telegram.error import BadRequest, Forbidden, TelegramError

from bot import fit
from bot.context import CityContext
from bot.messages import LANGUAGES, in_script, t
from bot.render.certificate import render_certificate
from handlers.quiz_common import restore, topic_name
from knowledge.quiz import QUESTION_LIMIT
from storage.quiz import FINISHED, STOPPED, RoundInfo, Standing, answers, rounds

log = logging.getLogger(__name__)

GRACE_SECONDS: Final = 1.0
"""After a poll's open period, how long to wait before the next question."""


def job_name(chat_id: int) -> str:
    """The name of the JobQueue job that moves a group's round on."""
    return f"quiz:{chat_id}"


def _cancel_timer(context: CityContext, chat_id: int) -> None:
    if context.job_queue is None:
        return
    for job in context.job_queue.get_jobs_by_name(job_name(chat_id)):
        try:
            job.schedule_removal()
        except Exception:  # the job is running or gone already
            log.debug("quiz timer %s already gone", job.name)


def _schedule(context: CityContext, round_: RoundInfo, position: int, delay: float) -> None:
    _cancel_timer(context, round_.chat_id)
    if context.job_queue is None:
        log.warning("no JobQueue: quiz round %s will move on only when all answered", round_.id)
        return
    context.job_queue.run_once(
        cast(Any, time_up),  # PTB types the job callback by an unbound type variable
        max(delay, 0.0),
        data={"round_id": round_.id, "position": position},
        name=job_name(round_.chat_id),
        chat_id=round_.chat_id,
    )


async def time_up(context: CityContext) -> None:
    """JobQueue callback: the question's time is over; ask the next one or finish."""
    job = context.job
    data: dict[str, Any] = job.data if job is not None and isinstance(job.data, dict) else {}
    if "round_id" in data:
        await advance(context, int(data["round_id"]), position=int(data["position"]))


async def advance(context: CityContext, round_id: int, *, position: int) -> None:
    """Move a round on from question `position` (-1: not started), once."""
    async with context.services.store.unit_of_work() as uow:
        if not await rounds.claim_next(uow, round_id=round_id, current=position):
            return
        round_ = await rounds.get_round(uow, round_id=round_id)
    if round_ is None:
        return
    _cancel_timer(context, round_.chat_id)
    if position >= 0:
        await _stop_poll(context, round_, position)
    if round_.current >= round_.total:
        await finish(context, round_, status=FINISHED)
    else:
        await _ask(context, round_)


async def _ask(context: CityContext, round_: RoundInfo) -> None:
    """Send the round's current question as a quiz poll and start its timer."""
    question = restore(round_.questions[round_.current])
    lang = round_.language
    number = t("quiz.question_number", lang, number=round_.current + 1, total=round_.total)
    text = in_script(question.text(lang), lang)
    if len(number) + len(text) <= QUESTION_LIMIT:
        text = number + text
    try:
        message = await context.bot.send_poll(
            round_.chat_id,
            text,
            [in_script(option, lang) for option in question.options_in(lang)],
            is_anonymous=False,
            type=Poll.QUIZ,
            correct_option_ids=cast(Any, [question.answer]),  # Literal[0..11] in PTB's stubs
            explanation=in_script(question.explanation_in(lang), lang) or None,
            open_period=round_.seconds,
        )
    except TelegramError:
        log.exception("could not send quiz question %s of round %s", round_.current, round_.id)
        async with context.services.store.unit_of_work() as uow:
            await rounds.finish_round(uow, round_id=round_.id, status=STOPPED)
        await _say(context, round_.chat_id, t("quiz.send_failed", lang))
        return
    if message.poll is None:
        return
    async with context.services.store.unit_of_work() as uow:
        await answers.record_poll(
            uow,
            poll_id=message.poll.id,
            round_id=round_.id,
            position=round_.current,
            chat_id=round_.chat_id,
            message_id=message.message_id,
            correct_option=question.answer,
        )
    _schedule(context, round_, round_.current, round_.seconds + GRACE_SECONDS)


async def _stop_poll(context: CityContext, round_: RoundInfo, position: int) -> None:
    async with context.services.store.unit_of_work(read_only=True) as uow:
        polls = await answers.list_polls(uow, round_id=round_.id)
    for poll in polls:
        if poll.position == position:
            with contextlib.suppress(TelegramError):  # closed by its open period, or deleted
                await context.bot.stop_poll(poll.chat_id, poll.message_id)


async def _say(context: CityContext, chat_id: int, text: str) -> None:
    try:
        await fit.send_text(context.bot, chat_id, text)  # a long leaderboard in parts
    except TelegramError:
        log.warning("could not post to quiz chat %s", chat_id, exc_info=True)


def leaderboard_text(round_: RoundInfo, standings: list[Standing], asked: int) -> str:
    """The leaderboard of a round in its language, scored out of the `asked` questions (a
    round stopped at question 2 of 5 asked 2)."""
    lang = round_.language
    topic = topic_name(round_.topic, lang)
    title = (
        t("quiz.leaderboard.title", lang, topic=topic, total=asked)
        if asked >= round_.total
        else t("quiz.leaderboard.title_stopped", lang, topic=topic, asked=asked, total=round_.total)
    )
    lines = [title]
    for rank, standing in enumerate(standings, start=1):
        lines.append(
            t(
                "quiz.leaderboard.line",
                lang,
                rank=rank,
                name=fit.shorten(standing.name, fit.NAME),
                score=standing.score,
                total=asked,
                seconds=f"{standing.seconds:.1f}",
            )
        )
    if not standings:
        lines.append(t("quiz.leaderboard.empty", lang))
    return "\n".join(lines)


async def finish(
    context: CityContext, round_: RoundInfo, *, status: str, stop_current: bool = False
) -> bool:
    """End a round: close its poll, post the leaderboard, send certificates. False if ended."""
    store = context.services.store
    async with store.unit_of_work() as uow:
        if not await rounds.finish_round(uow, round_id=round_.id, status=status):
            return False
    _cancel_timer(context, round_.chat_id)
    if stop_current and round_.current >= 0:
        await _stop_poll(context, round_, round_.current)
    lang = round_.language
    if status == STOPPED:
        await _say(context, round_.chat_id, t("quiz.stopped", lang))
    async with store.unit_of_work(read_only=True) as uow:
        standings = await answers.leaderboard(uow, round_id=round_.id)
        asked = len({poll.position for poll in await answers.list_polls(uow, round_id=round_.id)})
    # A certificate takes 80% of the planned questions: stopping early earns none cheaply.
    winners = [s for s in standings if s.earns_certificate(round_.total)]
    text = leaderboard_text(round_, standings, asked)
    if winners:
        text += "\n\n" + t("quiz.leaderboard.certificates", lang)
    await _say(context, round_.chat_id, text)
    for standing in winners:
        await send_certificate(context, round_, standing)
    return True


PLAYER_LANGUAGE = "player_language"
"""user_data: the language a player's Telegram is set to, noted at each answer: their
certificate comes to their private chat in it (or in the one they chose with /language)."""


def player_language(context: CityContext, user_id: int, default: str) -> str:
    """The language to write to a player in privately: chosen, else their Telegram's."""
    data = context.application.user_data.get(user_id) or {}
    for key in ("lang", PLAYER_LANGUAGE):
        value = data.get(key)
        if isinstance(value, str) and value in LANGUAGES:
            return value
    return default


async def send_certificate(context: CityContext, round_: RoundInfo, standing: Standing) -> None:
    """The certificate, privately (in the player's language) if the user has a chat with the
    bot, else in the group (in the round's)."""
    private = player_language(context, standing.user_id, round_.language)
    for chat_id, lang in ((standing.user_id, private), (round_.chat_id, round_.language)):
        png = render_certificate(
            name=standing.name,
            score=standing.score,
            total=round_.total,
            day=context.services.store.clock().date(),
            lang=lang,
        )
        caption = t(
            "quiz.certificate.caption",
            lang,
            name=fit.shorten(standing.name, fit.NAME),
            topic=topic_name(round_.topic, lang),
            score=standing.score,
            total=round_.total,
        )
        try:
            await context.bot.send_photo(
                chat_id,
                InputFile(png, filename="certificate.png"),
                caption=fit.fit(caption, fit.CAPTION),
            )
            return
        except (Forbidden, BadRequest) as error:
            log.info("certificate to %s not delivered (%s); trying the group", chat_id, error)
        except TelegramError:
            log.warning("could not send a certificate to %s", chat_id, exc_info=True)
            return


async def resume_rounds(context: CityContext) -> None:
    """After a start: give every running round its timer back (or finish a lapsed one)."""
    store = context.services.store
    now = store.clock()
    async with store.unit_of_work(read_only=True) as uow:
        running = await rounds.list_running_rounds(uow)
    for round_ in running:
        if round_.current < 0:
            await advance(context, round_.id, position=-1)
            continue
        async with store.unit_of_work(read_only=True) as uow:
            polls = await answers.list_polls(uow, round_id=round_.id)
        sent = [p for p in polls if p.position == round_.current]
        due = GRACE_SECONDS + round_.seconds
        if sent:
            due -= (now - sent[0].sent_at).total_seconds()
        _schedule(context, round_, round_.current, due)
