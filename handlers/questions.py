"""Questions: any text that is not part of a conversation goes to the policy index; the
answer comes with its citations, or honestly abstains and offers to ask the staff."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.context import CityContext
from bot.messages import t
from bot.messages.kb import render_answer
from bot.notify import format_deadline
from handlers.common import (
    answer_query,
    button_filter,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
    split_message,
)
from storage import NewTicket

MAX_QUESTION = 1000
"""Longer texts are cut before searching: a question is not an essay, and it keeps time bounded."""


async def answer_question(update: Update, context: CityContext) -> None:
    """Answer from the index with citations, or abstain with a button to the staff."""
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = language_of(update, context)
    await context.bot.send_chat_action(message.chat.id, "typing")
    base = await context.services.knowledge_base()
    answer = await base.aanswer(message.text[:MAX_QUESTION])
    text = render_answer(answer, lang)
    markup = None
    if answer.kind.value == "not_sure" and context.user_data is not None:
        context.user_data["pending_question"] = {
            "text": message.text[:2000],
            "intake_key": f"tg:{message.chat.id}:{message.message_id}",
        }
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton(t("ask.to_staff", lang), callback_data="ask:staff")]]
        )
    parts = split_message(text)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await message.reply_text(
            part, reply_markup=markup if last else None, disable_web_page_preview=True
        )


async def pass_to_staff(update: Update, context: CityContext) -> None:
    """File the unanswered question as a consultation ticket for the staff."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = language_of(update, context)
    pending = (context.user_data or {}).pop("pending_question", None)
    if not pending:
        await answer_query(query, t("ask.nothing_pending", lang))
        return
    store = context.services.store
    ticket, _ = await store.file_ticket(
        NewTicket(
            category="consultation",
            description=pending["text"],
            reporter_id=user.id,
            language=lang,
            intake_key=pending["intake_key"],
        )
    )
    await answer_query(query)
    kick_outbox(context)
    await edit_query_message(
        query,
        t(
            "ask.filed",
            lang,
            number=ticket.number,
            deadline=format_deadline(ticket.deadline.isoformat(), store.catalog),
        ),
    )


async def prompt(update: Update, context: CityContext) -> None:
    """The menu's "ask" button: invite the question."""
    await reply(update, context, "ask.prompt")


def register(application: Application) -> None:  # type: ignore[type-arg]
    """Questions come after every conversation, so a report's text is never taken for one."""
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    application.add_handlers(
        [
            MessageHandler(filters.ChatType.PRIVATE & button_filter("menu.ask"), prompt),
            CallbackQueryHandler(pass_to_staff, pattern=r"^ask:staff$"),
            MessageHandler(private_text, answer_question),
        ]
    )
