"""Questions: any text that is not part of a conversation goes to the policy index; the
answer comes with its citations and a button that shows the whole cited passage, or honestly
abstains and offers to ask the staff."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import fit
from bot.context import CityContext
from bot.messages import t
from bot.messages.answers import answer_language, render_answer, render_passage
from bot.wiring import Registration
from handlers.answer_buttons import AskStaff, ShowPassage
from handlers.buttons import button, expired, is_offered, remember_offer
from handlers.common import (
    answer_query,
    button_filter,
    kick_outbox,
    language_of,
    reply,
)
from handlers.drafts import draft_in, new_draft
from handlers.replies import after_commit, owed_reply
from storage.tickets.intake import file_report

PENDING = "pending_question"
"""The user_data key of the last unanswered question, which the staff button hands over."""
MAX_QUESTION = 1000
"""Longer texts are cut before searching: a question is not an essay, and it keeps time bounded."""
PASSAGES = "answer_passages"
"""The user_data key of the passages offered under recent answers: [chat, message, chunk, lang]."""
KEPT_PASSAGES = 20
"""How many recent answers keep their "full passage" button working."""


async def answer_question(update: Update, context: CityContext) -> None:
    """Answer from the index with citations, or abstain with a button to the staff."""
    message = update.effective_message
    if message is None or not message.text:
        return
    lang = language_of(update, context)
    await context.bot.send_chat_action(message.chat.id, "typing")
    base = await context.services.knowledge_base()
    answer = await base.aanswer(message.text[:MAX_QUESTION])
    # Answered in the language the question was asked in (an English question in a Chinese
    # chat gets English), the hand-over button too.
    lang = answer_language(answer.lang, lang)
    text = render_answer(answer, lang)
    markup = pending = None
    if answer.kind.value == "not_sure" and context.user_data is not None:
        pending = new_draft(message, lang, question=message.text[:2000]).to_json()
        markup = InlineKeyboardMarkup([[button(t("ask.to_staff", lang), AskStaff())]])
    elif answer.passage_id and context.user_data is not None:
        markup = InlineKeyboardMarkup([[button(t("kb.full_passage", lang), ShowPassage())]])
    parts = fit.split(text)
    sent = None
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        sent = await message.reply_text(
            part, reply_markup=markup if last else None, disable_web_page_preview=True
        )
    if pending is not None and context.user_data is not None:
        # Only the button under this answer hands this question over (an older one, or
        # "ask:staff" pressed on any other message, hands over nothing).
        remember_offer(pending, sent)
        context.user_data[PENDING] = pending
    elif markup is not None and sent is not None and context.user_data is not None:
        offered = [*context.user_data.get(PASSAGES, [])][-(KEPT_PASSAGES - 1) :]
        offered.append([sent.chat.id, sent.message_id, answer.passage_id, lang])
        context.user_data[PASSAGES] = offered


async def show_passage(update: Update, context: CityContext) -> None:
    """Send the whole passage an answer cites, once: the press must be on that answer."""
    query = update.callback_query
    assert query is not None
    message = query.message
    offered: list[Any] = list((context.user_data or {}).get(PASSAGES) or [])
    where = [message.chat.id, message.message_id] if message is not None else None
    match = next((o for o in offered if isinstance(o, list) and o[:2] == where), None)
    source = None
    if match is not None and len(match) == 4:
        source = (await context.services.knowledge_base()).passage(str(match[2]))
    if message is None or match is None or source is None or context.user_data is None:
        await expired(update, context)
        return
    context.user_data[PASSAGES] = [o for o in offered if o is not match]
    await answer_query(query)
    for part in fit.split(render_passage(source, str(match[3]))):
        await context.bot.send_message(
            message.chat.id,
            part,
            reply_to_message_id=message.message_id,
            disable_web_page_preview=True,
        )
    await query.edit_message_reply_markup(reply_markup=None)


async def pass_to_staff(update: Update, context: CityContext) -> None:
    """File the unanswered question as a consultation ticket for the staff."""
    query = update.callback_query
    assert query is not None
    record = (context.user_data or {}).get(PENDING)
    draft = draft_in(context, PENDING)
    if draft is None or context.user_data is None or not is_offered(record, query):
        await expired(update, context)
        return
    del context.user_data[PENDING]
    if draft.question is None:  # kept by an older version: the question was its "text"
        who = query.from_user.id
        draft = replace(draft, question=draft.caption, caption="", reporter_id=who)
    lang = language_of(update, context)
    filed = owed_reply(update, "ask.filed", lang, origin=draft.reply_origin)
    async with context.services.store.unit_of_work() as uow:
        await file_report(uow, draft=draft, suggest=context.services.triage, reply=filed)
    # Filed, its number owed through the outbox; the answer above only loses its button.
    kick_outbox(context)
    await after_commit(answer_query(query))
    await after_commit(query.edit_message_reply_markup(reply_markup=None))


async def prompt(update: Update, context: CityContext) -> None:
    """The menu's "ask" button: invite the question."""
    await reply(update, context, "ask.prompt")


def handlers() -> list[Registration]:
    """Questions come after every conversation, so a report's text is never taken for one."""
    private_text = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
    return [
        Registration(MessageHandler(filters.ChatType.PRIVATE & button_filter("menu.ask"), prompt)),
        Registration(CallbackQueryHandler(pass_to_staff, pattern=AskStaff.matches)),
        Registration(CallbackQueryHandler(show_passage, pattern=ShowPassage.matches)),
        Registration(MessageHandler(private_text, answer_question)),
    ]
