"""An FAQ entry drafted in chat: offered after a staff /reply to a handed-over question, or
begun with /faq add|edit; the question and answers are edited, then saved or cancelled.

The draft lives in the staff member's user_data (persisted, so a restart keeps it) with the
message its buttons were offered on: a press elsewhere, by someone else, or after /cancel or
a save finds no draft there and changes nothing.
"""

from __future__ import annotations

from typing import Any, Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ApplicationHandlerStop

from bot.context import CityContext
from bot.messages import t, t_
from handlers.buttons import OFFER, expired, offered_here, remember_offer
from handlers.common import answer_query, edit_query_message, language_of
from handlers.faq_buttons import DraftVerb, FaqDraftStep
from handlers.faq_common import live_faq, refresh_index, saved_text
from handlers.replies import after_commit, owed_reply
from handlers.staff_common import kick_outbox, send, staff_actor, staff_press
from storage.faq import FaqEntryExists, FaqEntryNotFound, FaqFields, add_entry, edit_entry
from storage.outbox.service import owe_reply
from storage.tickets import lookups

DRAFT: Final = "faq_draft"
"""user_data: the entry being drafted (/cancel drops it)."""
OFFER_SAVE: Final = "faq_offer"
"""user_data: the question and answer a /reply offered to save (/cancel drops it)."""
FIELDS: Final = {"q": "question", "a": "answer_zh", "e": "answer_en"}
ASK: Final = {
    "question": t_("faq.ask.question"),
    "answer_zh": t_("faq.ask.answer"),
    "answer_en": t_("faq.ask.english"),
}
LIMITS: Final = {"question": 500, "answer_zh": 3500, "answer_en": 3500}
DRAFT_GROUP: Final = -21
"""A drafted answer is seen before the gas emergency check (-20): staff typing an answer
about gas leaks must not get the safety steps."""


def _button(key: str, data: DraftVerb, lang: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(t(key, lang), callback_data=FaqDraftStep(data).encode())


def draft_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Edit question / edit answer / add English answer / save / cancel."""
    return InlineKeyboardMarkup(
        [
            [_button(t_("faq.btn.question"), "q", lang), _button(t_("faq.btn.answer"), "a", lang)],
            [_button(t_("faq.btn.english"), "e", lang)],
            [_button(t_("faq.btn.save"), "s", lang), _button(t_("faq.btn.cancel"), "x", lang)],
        ]
    )


def draft_text(draft: dict[str, Any], lang: str) -> str:
    """The draft as staff read it before saving."""
    none = t("faq.none", lang)
    return t(
        "faq.draft",
        lang,
        target=draft["id"] or t("faq.target_new", lang),
        question=draft["question"] or none,
        answer_zh=draft["answer_zh"] or none,
        answer_en=draft["answer_en"] or none,
    )


def new_draft(fields: FaqFields | None = None, **values: str) -> dict[str, Any]:
    """A draft of a new entry (`values`), or of an edit of `fields`."""
    base = fields.to_json() if fields is not None else FaqFields("", "", "").to_json()
    return {**base, **values, "awaiting": None}


async def show_draft(update: Update, context: CityContext, draft: dict[str, Any]) -> None:
    """Send the draft with its buttons and remember them as offered."""
    lang = language_of(update, context)
    message = update.effective_message
    if message is None or context.user_data is None:
        return
    sent = await message.reply_text(draft_text(draft, lang), reply_markup=draft_keyboard(lang))
    remember_offer(draft, sent)
    context.user_data[DRAFT] = draft


async def offer_save(update: Update, context: CityContext, *, number: str, answer: str) -> None:
    """After a staff /reply: offer to save a handed-over question and this answer as FAQ."""
    store = context.services.store
    async with store.unit_of_work(read_only=True) as uow:
        ticket = await lookups.get_ticket(uow, number=number)
    if ticket.category != store.catalog.question_category or context.user_data is None:
        return
    message = update.effective_message
    if message is None or not ticket.description:
        return
    lang = language_of(update, context)
    button = InlineKeyboardButton(
        t("faq.btn.save_from_reply", lang), callback_data=FaqDraftStep("o").encode()
    )
    sent = await message.reply_text(
        t("faq.offer", lang, number=number), reply_markup=InlineKeyboardMarkup([[button]])
    )
    record = {"number": number, "question": ticket.description, "answer": answer}
    remember_offer(record, sent)
    context.user_data[OFFER_SAVE] = record


async def draft_press(update: Update, context: CityContext) -> None:
    """A press on a draft's buttons (or on the offer to save a reply)."""
    pressed = await staff_press(update, context)
    if pressed is None or context.user_data is None:
        return
    query, actor, lang = pressed
    step = FaqDraftStep.decode(query.data)
    verb = step.verb if step is not None else ""
    if verb == "o":
        if not offered_here(context, OFFER_SAVE, query):
            await expired(update, context)
            return
        offer = context.user_data.pop(OFFER_SAVE)
        draft = new_draft(question=offer["question"], answer_zh=offer["answer"])
        await answer_query(query)
        await edit_query_message(query, draft_text(draft, lang), reply_markup=draft_keyboard(lang))
        remember_offer(draft, query.message if isinstance(query.message, Message) else None)
        context.user_data[DRAFT] = draft
        return
    if not offered_here(context, DRAFT, query):
        await expired(update, context)
        return
    draft = context.user_data[DRAFT]
    if verb in FIELDS:
        draft["awaiting"] = FIELDS[verb]
        await answer_query(query)
        await send(update, t(ASK[FIELDS[verb]], lang))
    elif verb == "x":
        del context.user_data[DRAFT]
        await answer_query(query)
        await edit_query_message(query, t("faq.cancelled", lang))
    elif verb == "s":
        await _save(update, context, draft, actor.user_id, lang)


async def _save(
    update: Update, context: CityContext, draft: dict[str, Any], by: int | None, lang: str
) -> None:
    query = update.callback_query
    assert query is not None and context.user_data is not None
    if not draft["question"].strip() or not draft["answer_zh"].strip():
        await answer_query(query, t("faq.draft.incomplete", lang), alert=True)
        return
    live = live_faq(context)
    fields = FaqFields.from_json(draft)
    reply = owed_reply(update, "faq.saved", lang)
    try:
        async with context.services.store.unit_of_work() as uow:
            if fields.id:
                changed = await edit_entry(uow, entry=fields, by=by, shipped=live.shipped)
            else:
                fields = await add_entry(uow, entry=fields, by=by)
                changed = True
            if changed:
                # The confirmation is owed with the change: the outbox delivers it.
                owe_reply(uow, reply=reply, params={"entry_id": fields.id})
    except (FaqEntryNotFound, FaqEntryExists) as error:
        del context.user_data[DRAFT]
        await answer_query(query)
        await edit_query_message(query, saved_text(error, lang))
        return
    del context.user_data[DRAFT]
    await refresh_index(context)
    kick_outbox(context)
    await after_commit(answer_query(query))
    # The confirmation is owed through the outbox; the card keeps the text, loses its buttons.
    await after_commit(edit_query_message(query, draft_text(draft, lang)))
    if not changed:
        await send(update, t("faq.unchanged", lang, entry_id=fields.id))


async def draft_input(update: Update, context: CityContext) -> None:
    """Text typed while a draft waits for a field: it becomes that field."""
    draft = (context.user_data or {}).get(DRAFT)
    message = update.effective_message
    if not isinstance(draft, dict) or not draft.get("awaiting") or message is None:
        return
    if (draft.get(OFFER) or [None])[0] != message.chat.id:
        return  # the draft is in another chat: this text is not its answer
    if await staff_actor(update, context) is None:
        return
    field, text = draft["awaiting"], (message.text or "").strip()
    lang = language_of(update, context)
    if len(text) > LIMITS[field]:
        await send(update, t("faq.too_long", lang, limit=LIMITS[field]))
        raise ApplicationHandlerStop
    draft[field], draft["awaiting"] = text, None
    await show_draft(update, context, draft)
    raise ApplicationHandlerStop
