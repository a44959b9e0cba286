"""/queue (paged, overdue marked ⚠) and /ticket (the card: handlers/staff_card.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import fit
from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers.buttons import QueuePage, button
from handlers.common import answer_query, edit_query_message
from handlers.staff_card import send_ticket
from handlers.staff_common import (
    due_time,
    overdue_mark,
    send,
    staff_command,
    staff_press,
    status_label,
    ticket_number,
    usage,
)
from storage import QueueFilter
from storage.tickets import Actor, Status, lookups

PAGE = 10
OVERDUE_WORDS = {"overdue", "超期"}
MINE_WORDS = {"mine", "我的"}


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """A /queue request; encoded whole in the paging buttons' callback data."""

    category: str = ""
    status: str = ""
    overdue: bool = False
    mine: bool = False

    def page(self, offset: int) -> QueuePage:
        """The data of a paging button to the page at `offset`."""
        flags: Literal["", "o", "m", "om"] = (
            "om"
            if self.overdue and self.mine
            else "o"
            if self.overdue
            else "m"
            if self.mine
            else ""
        )
        return QueuePage(offset, self.category, self.status, flags)

    @classmethod
    def decode(cls, data: object, context: CityContext) -> tuple[QueueQuery, int] | None:
        """The query and offset of a paging button's data; None for anything else."""
        page = QueuePage.decode(data)
        if page is None:
            return None
        if page.category and page.category not in context.services.store.catalog.categories:
            return None
        if page.status and page.status not in {s.value for s in Status}:
            return None
        query = cls(page.category, page.status, "o" in page.flags, "m" in page.flags)
        return query, page.offset


def parse_queue_args(args: list[str], context: CityContext, lang: str) -> QueueQuery | None:
    """Read `[category] [status] [overdue] [mine]` in any order; None if a word is unknown."""
    catalog = context.services.store.catalog
    names = {
        c.name(code_lang): c.code for c in catalog.categories.values() for code_lang in ("zh", "en")
    }
    statuses = {status_label(s.value, x): s.value for s in Status for x in ("zh", "en")}
    query = QueueQuery()
    for word in args:
        lower = word.lower()
        if lower in catalog.categories or word in names:
            query = QueueQuery(names.get(word, lower), query.status, query.overdue, query.mine)
        elif lower in {s.value for s in Status} or word in statuses:
            query = QueueQuery(query.category, statuses.get(word, lower), query.overdue, query.mine)
        elif lower in OVERDUE_WORDS:
            query = QueueQuery(query.category, query.status, True, query.mine)
        elif lower in MINE_WORDS:
            query = QueueQuery(query.category, query.status, query.overdue, True)
        else:
            return None
    return query


async def render_queue(
    context: CityContext, query: QueueQuery, offset: int, actor: Actor, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and paging buttons of one page of the queue."""
    store = context.services.store
    filters = QueueFilter(
        statuses=[query.status] if query.status else (),
        category=query.category or None,
        assignee_id=actor.user_id if query.mine else None,
        overdue=query.overdue,
    )
    async with store.unit_of_work(read_only=True) as uow:
        page = await lookups.list_queue(
            uow, filters=filters, limit=PAGE, offset=offset, with_total=True
        )
    if not page.tickets:
        return t("staff.queue.empty", lang), None
    now = store.clock()
    lines = [
        t(
            "staff.queue.head",
            lang,
            total=page.total,
            first=offset + 1,
            last=offset + len(page.tickets),
        )
    ]
    for ticket in page.tickets:
        category = store.catalog.categories.get(ticket.category)
        name = category.name(lang) if category else ticket.category
        lines.append(
            t(
                "staff.queue.line",
                lang,
                mark=overdue_mark(ticket, now, lang),
                number=ticket.number,
                category=fit.shorten(name, fit.NAME),
                status=status_label(ticket.status, lang),
                deadline=due_time(ticket.deadline, store, lang),
            )
        )
    buttons = []
    if offset > 0:
        prev = max(0, offset - PAGE)
        buttons.append(button(t("staff.queue.prev", lang), query.page(prev)))
    if page.has_more:
        buttons.append(button(t("staff.queue.next", lang), query.page(offset + PAGE)))
    # One message, edited in place by the paging buttons: ten short lines always fit.
    return fit.fit("\n".join(lines)), InlineKeyboardMarkup([buttons]) if buttons else None


@staff_command
async def queue_command(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/queue [category] [status] [overdue] [mine]"""
    query = parse_queue_args(list(context.args or []), context, lang)
    if query is None:
        await send(update, usage(lang, "staff.usage.queue"))
        return
    text, markup = await render_queue(context, query, 0, actor, lang)
    await send(update, text, reply_markup=markup)


async def on_page(update: Update, context: CityContext) -> None:
    """A ◀ or ▶ under the queue."""
    pressed = await staff_press(update, context)
    if pressed is None:
        return
    button, actor, lang = pressed
    decoded = QueueQuery.decode(button.data, context)
    if decoded is None:  # not data a page button of ours carries
        await answer_query(button, t("error.stale_button", lang))
        return
    query, offset = decoded
    text, markup = await render_queue(context, query, offset, actor, lang)
    await answer_query(button)
    await edit_query_message(button, text, reply_markup=markup)


@staff_command
async def ticket_command(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/ticket NUMBER"""
    args = list(context.args or [])
    chat = update.effective_chat
    if len(args) != 1 or chat is None:
        await send(update, usage(lang, "staff.usage.ticket"))
        return
    await send_ticket(context, chat.id, ticket_number(args[0], context), lang)


def handlers() -> list[Registration]:
    """/queue, /ticket and the paging buttons."""
    return [
        Registration(CommandHandler("queue", queue_command)),
        Registration(CommandHandler("ticket", ticket_command)),
        Registration(CallbackQueryHandler(on_page, pattern=QueuePage.matches)),
    ]
