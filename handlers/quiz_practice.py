"""/practice: the quiz alone in a private chat, one question at a time, with buttons."""

from __future__ import annotations

from typing import Any, Final

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot import fit
from bot.context import CityContext
from bot.messages import in_script, t
from handlers.buttons import button, expired, is_offered, pressed, remember_offer
from handlers.common import answer_query, edit_query_message, language_of, reply
from handlers.quiz_buttons import PracticeAnswer
from handlers.quiz_common import level_list, topic_list, topic_name
from handlers.quiz_words import ALL_TOPICS, find_topic
from knowledge.quiz import TOPICS, Question, load_bank

PRACTICE_KEY: Final = "practice"
"""The user_data key of a practice run (/cancel clears it, as it clears every draft)."""
PRACTICE_COUNT: Final = 10


def _state(context: CityContext) -> dict[str, Any] | None:
    data = context.user_data.get(PRACTICE_KEY) if context.user_data is not None else None
    return data if isinstance(data, dict) else None


def _keyboard(question: Question, index: int, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [button(in_script(option, lang), PracticeAnswer(index, number))]
            for number, option in enumerate(question.options_in(lang))
        ]
    )


def _question_text(state: dict[str, Any], question: Question, lang: str) -> str:
    return t(
        "quiz.practice.question",
        lang,
        number=state["index"] + 1,
        total=len(state["ids"]),
        topic=topic_name(question.topic, lang),
        question=question.text(lang),
    )


async def _ask(update: Update, context: CityContext, state: dict[str, Any]) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    lang = language_of(update, context)
    question = load_bank().get(state["ids"][state["index"]])
    sent = await context.bot.send_message(
        chat.id,
        fit.fit(_question_text(state, question, lang)),
        reply_markup=_keyboard(question, state["index"], lang),
    )
    remember_offer(state, sent)  # only this question's buttons answer it


async def practice(update: Update, context: CityContext) -> None:
    """Start practising: ten questions of a topic (or of every topic), one at a time."""
    chat = update.effective_chat
    if chat is None or context.user_data is None:
        return
    if chat.type != ChatType.PRIVATE:
        await reply(update, context, "quiz.practice.private_only")
        return
    args = list(context.args or [])
    topic = find_topic(args) if args else None
    if args and topic not in (*TOPICS, ALL_TOPICS):
        lang = language_of(update, context)
        await reply(update, context, "quiz.usage", topics=topic_list(lang), levels=level_list(lang))
        return
    questions = load_bank().pick(None if topic == ALL_TOPICS else topic, None, PRACTICE_COUNT)
    if not questions:
        await reply(update, context, "quiz.no_questions")
        return
    state: dict[str, Any] = {
        "ids": [question.id for question in questions],
        "index": 0,
        "score": 0,
    }
    context.user_data[PRACTICE_KEY] = state
    await _ask(update, context, state)


def _parse(update: Update) -> tuple[int, int] | None:
    press = pressed(update, PracticeAnswer)
    return (press.index, press.option) if press is not None else None


async def practice_answer(update: Update, context: CityContext) -> None:
    """Mark the answer, show the explanation and score, then ask the next question."""
    query = update.callback_query
    if query is None or context.user_data is None:
        return
    lang = language_of(update, context)
    state = _state(context)
    parsed = _parse(update)
    bank = load_bank()
    if (
        state is None
        or parsed is None
        or not is_offered(state, query)  # an earlier question's, another run's, or forged
        or parsed[0] != state["index"]
        or state["ids"][parsed[0]] not in bank  # the bank changed since
    ):
        await expired(update, context)
        return
    index, option = parsed
    question = bank.get(state["ids"][index])
    if not 0 <= option < len(question.options_in(lang)):
        await expired(update, context)
        return
    right = option == question.answer
    state["score"] += int(right)
    state["index"] = index + 1
    context.user_data[PRACTICE_KEY] = state
    await answer_query(query)
    verdict = (
        t("quiz.practice.right", lang)
        if right
        else t("quiz.practice.wrong", lang, answer=question.correct_option(lang))
    )
    lines = [_question_text({**state, "index": index}, question, lang), "", verdict]
    if question.explanation_in(lang):
        lines.append(
            t("quiz.practice.explanation", lang, explanation=question.explanation_in(lang))
        )
    lines.append(t("quiz.practice.score", lang, score=state["score"], answered=index + 1))
    await edit_query_message(query, "\n".join(lines))
    if state["index"] < len(state["ids"]):
        await _ask(update, context, state)
        return
    context.user_data.pop(PRACTICE_KEY, None)
    await reply(
        update, context, "quiz.practice.done", score=state["score"], total=len(state["ids"])
    )
