"""What the quiz handlers share: admin checks, question snapshots, topics."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from bot.context import CityContext
from bot.messages import t
from bot.messages.words import QUIZ_LEVEL, QUIZ_TOPIC, listed, word
from handlers.common import reply
from knowledge.quiz import LEVELS, TOPICS, UPLOAD_TOPIC, Question, Text


def in_group(update: Update) -> bool:
    """True for a group or supergroup chat."""
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def is_group_admin(update: Update, context: CityContext) -> bool:
    """True if the sender is an admin (or the owner, or the group itself posting anonymously)."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None:
        return False
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError:
        return False
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


async def admin_in_group(update: Update, context: CityContext) -> bool:
    """True in a group whose admin sent the update; otherwise says why not and is False."""
    if not in_group(update):
        await reply(update, context, "quiz.group_only")
        return False
    if not await is_group_admin(update, context):
        await reply(update, context, "quiz.admins_only")
        return False
    return True


def topic_name(topic: str, lang: str) -> str:
    """The name of a topic in `lang` (its key if the catalogue has none)."""
    return word(QUIZ_TOPIC, topic, lang)


def topic_list(lang: str) -> str:
    """Every topic, one per line: key and name."""
    return "\n".join(
        t("quiz.topic_line", lang, topic=topic, name=topic_name(topic, lang))
        for topic in (*TOPICS, UPLOAD_TOPIC)
    )


def level_list(lang: str) -> str:
    """Every audience by name and key ('少儿（child）、成人（adult）')."""
    return listed(
        (
            t("quiz.level_line", lang, level=code, name=word(QUIZ_LEVEL, code, lang))
            for code in LEVELS
        ),
        lang,
    )


def _text(value: Text) -> dict[str, str | None]:
    return {"zh": value.zh, "en": value.en}


def _from_text(data: Any) -> Text:
    return Text(str(data["zh"]), data.get("en"))


def snapshot(question: Question) -> dict[str, Any]:
    """A question as JSON, to keep with a round or a teacher's set."""
    return {
        "id": question.id,
        "topic": question.topic,
        "level": question.level,
        "question": _text(question.question),
        "options": [_text(option) for option in question.options],
        "answer": question.answer,
        "explanation": _text(question.explanation) if question.explanation else None,
        "source": question.source,
    }


def restore(data: dict[str, Any]) -> Question:
    """A question back from its JSON snapshot."""
    explanation = data.get("explanation")
    return Question(
        id=str(data["id"]),
        topic=str(data["topic"]),
        level=str(data["level"]),
        question=_from_text(data["question"]),
        options=tuple(_from_text(option) for option in data["options"]),
        answer=int(data["answer"]),
        explanation=_from_text(explanation) if explanation else None,
        source=data.get("source"),
    )
