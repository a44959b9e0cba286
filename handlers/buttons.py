"""Every kind of inline button the bot sends, and why a press carries no authority.

Callback data goes through one codec (bot/callback_data.py): each kind is a typed value, its
`matches` a handler's pattern, in the wire format of earlier versions: old buttons still work.

Telegram lets any client send any callback data with a press on any message the bot sent
it, so callback data is only a claim. Every press is checked against what that user was
offered (a record kept server-side, in user_data) or may do (their standing in the store);
anything else gets the one "this button has expired" answer, which changes nothing and
reveals nothing — the same for a ticket that is not theirs as for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from telegram import CallbackQuery, InlineKeyboardButton, Message, Update

from bot import fit
from bot.callback_data import CallbackData, Match, Range
from bot.context import CityContext
from bot.messages import t
from bot.messages.words import REJECT_TEMPLATES
from handlers.answer_buttons import ANSWER_KINDS
from handlers.common import answer_query, language_of
from handlers.cylinders_buttons import CYLINDER_KINDS
from handlers.faq_buttons import FAQ_KINDS
from handlers.inspections_buttons import INSPECTION_KINDS
from handlers.quiz_buttons import QUIZ_KINDS
from storage.tickets import Standing, lookups

Number = Annotated[str, Match(r"[A-Z]{2,4}-[0-9]{8}-[0-9]{4,9}")]
"""A ticket's public number (CG-YYYYMMDD-NNNN)."""
Code = Annotated[str, Match(r"[a-z0-9_]{1,32}")]
"""A code of the catalogue (a category, a status), as categories.yaml allows them."""
Language = Annotated[str, Match(r"[a-z]{2,3}(-[a-z]{2,8})?")]
"""A language the bot answers in ('zh', 'en', 'zh-hant')."""
MaybeCode = Annotated[str, Match(r"[a-z0-9_]{0,32}")]
MaybeStatus = Annotated[str, Match(r"[a-z_]{0,16}")]
"""A ticket status ('in_progress'), or none: the lifecycle's codes, far shorter than 16."""


@dataclass(frozen=True, slots=True)
class ReportHere(CallbackData):
    """Begin a report at the place just sent outside one."""

    TAG = "rp:here"


@dataclass(frozen=True, slots=True)
class SkipPhoto(CallbackData):
    """Report without a photo."""

    TAG = "rp:skip"


@dataclass(frozen=True, slots=True)
class UsePhotoLocation(CallbackData):
    """Take the place from the photo's GPS."""

    TAG = "rp:gps"


@dataclass(frozen=True, slots=True)
class PickCategory(CallbackData):
    """The category of a report."""

    TAG = "rc"
    category: Code


@dataclass(frozen=True, slots=True)
class SkipDescription(CallbackData):
    """Report without a description."""

    TAG = "rd:skip"


@dataclass(frozen=True, slots=True)
class JoinDuplicate(CallbackData):
    """ "Me too" on an open ticket nearby instead of filing anew."""

    TAG = "rj"
    number: Number


@dataclass(frozen=True, slots=True)
class FileAnew(CallbackData):
    """File a new ticket although similar ones are open nearby."""

    TAG = "rj:new"


@dataclass(frozen=True, slots=True)
class ConfirmAsset(CallbackData):
    """ "是这个井盖吗？": the registered asset offered is (yes) or is not (no) the one reported;
    which asset, the draft says (the press names none)."""

    TAG = "ra"
    choice: Literal["yes", "no"]


@dataclass(frozen=True, slots=True)
class ConfirmReport(CallbackData):
    """Send the report as summarised, or drop it."""

    TAG = "rf"
    choice: Literal["ok", "no"]


@dataclass(frozen=True, slots=True)
class EscalateGas(CallbackData):
    """It might be gas after all: the urgent flow."""

    TAG = "em:escalate"


@dataclass(frozen=True, slots=True)
class ChooseLanguage(CallbackData):
    """The language to be answered in."""

    TAG = "lang"
    lang: Language


@dataclass(frozen=True, slots=True)
class ForgetMe(CallbackData):
    """Confirm or refuse deleting one's data."""

    TAG = "forget"
    choice: Literal["yes", "no"]


@dataclass(frozen=True, slots=True)
class QueuePage(CallbackData):
    """A page of /queue: its offset and the query (category, status, o=overdue, m=mine)."""

    TAG = "sq"
    # The status is bounded so that the longest page fits Telegram's 64 bytes (a category
    # and a status of 32 characters each and offset 100 made 65).
    offset: int
    category: MaybeCode
    status: MaybeStatus
    flags: Literal["", "o", "m", "om"]


@dataclass(frozen=True, slots=True)
class StaffMove(CallbackData):
    """A next move on a ticket under a staff post, or its details; under the reasons for
    rejecting it, the way back and a reason of one's own ("other")."""

    TAG = "st"
    verb: Literal[
        "accept", "reject", "dispatch", "claim", "start", "verify", "show", "back", "other"
    ]
    number: Number


@dataclass(frozen=True, slots=True)
class RejectReason(CallbackData):
    """Reject a ticket with canned reason number `reason` (staff.tpl.reject.N)."""

    TAG = "st:rj"
    number: Number
    reason: Annotated[int, Range(1, len(REJECT_TEMPLATES))]


@dataclass(frozen=True, slots=True)
class ShowTicket(CallbackData):
    """One of the resident's tickets, under /my."""

    TAG = "my"
    number: Number


@dataclass(frozen=True, slots=True)
class Fixed(CallbackData):
    """The reporter says a resolved ticket is fixed."""

    TAG = "fx"
    number: Number


@dataclass(frozen=True, slots=True)
class NotFixed(CallbackData):
    """The reporter says a resolved ticket is not fixed."""

    TAG = "nf"
    number: Number


@dataclass(frozen=True, slots=True)
class AddComment(CallbackData):
    """Add a comment or photo to an open ticket."""

    TAG = "mc"
    number: Number


@dataclass(frozen=True, slots=True)
class Rate(CallbackData):
    """The reporter's stars for a closed ticket."""

    TAG = "rt"
    number: Number
    stars: Annotated[int, Range(1, 5)]


KINDS: tuple[type[CallbackData], ...] = (
    ReportHere,
    SkipPhoto,
    UsePhotoLocation,
    PickCategory,
    SkipDescription,
    JoinDuplicate,
    FileAnew,
    ConfirmReport,
    *ANSWER_KINDS,
    EscalateGas,
    ChooseLanguage,
    ForgetMe,
    QueuePage,
    StaffMove,
    RejectReason,
    ShowTicket,
    Fixed,
    NotFixed,
    AddComment,
    Rate,
    *FAQ_KINDS,
    *QUIZ_KINDS,
    *CYLINDER_KINDS,
    *INSPECTION_KINDS,
)
"""Every kind of button the bot sends."""

Kind = TypeVar("Kind", bound=CallbackData)


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    """An inline button labelled `text` (shortened to fit) that carries `data`."""
    return fit.button(text, data.encode())


def pressed(update: Update, kind: type[Kind]) -> Kind | None:
    """The typed data of the button pressed in `update` if it is of `kind`, else None."""
    query = update.callback_query
    return kind.decode(query.data) if query is not None else None


OFFER = "offer"
"""The key, inside a flow's user_data record, of the message its buttons were offered on."""


async def expired(update: Update, context: CityContext) -> None:
    """Answer a press that matches nothing offered: the button has expired."""
    query = update.callback_query
    if query is not None:
        await answer_query(query, t("error.stale_button", language_of(update, context)))


def remember_offer(record: dict[str, Any], message: Message | None) -> None:
    """Record in `record` that its buttons were offered on `message` (and on no other)."""
    if message is not None:
        record[OFFER] = [message.chat.id, message.message_id]


def is_offered(record: object, query: CallbackQuery) -> bool:
    """True if `query` is a press on the very message `record`'s buttons were offered on."""
    message = query.message
    if not isinstance(record, dict) or message is None:
        return False
    return record.get(OFFER) == [message.chat.id, message.message_id]


def offer_buttons(context: CityContext, key: str, message: Message | None) -> None:
    """Record in user_data[`key`] that a flow's buttons were offered on `message`."""
    if context.user_data is not None and message is not None:
        record: dict[str, Any] = {}
        remember_offer(record, message)
        context.user_data[key] = record


def offered_here(context: CityContext, key: str, query: CallbackQuery) -> bool:
    """True if `query` is a press on the message user_data[`key`] records as offered."""
    return is_offered((context.user_data or {}).get(key), query)


async def standing_of(update: Update, context: CityContext, number: str) -> Standing | None:
    """The pressing user's standing on ticket `number` (reporter or follower), or None."""
    user = update.effective_user
    if user is None or not number:
        return None
    async with context.services.store.unit_of_work(read_only=True) as uow:
        return await lookups.find_standing(uow, number=number, user_id=user.id)


async def reporter_press(
    update: Update, context: CityContext, number: str, statuses: Collection[str]
) -> Standing | None:
    """The standing of the presser on ticket `number` if they filed it and it is in one of
    `statuses`; else the press is answered — a follower that only the reporter may, anyone
    else that the button has expired — and None."""
    standing = await standing_of(update, context, number)
    query = update.callback_query
    if standing is not None and not standing.reporter and query is not None:
        await answer_query(query, t("rate.reporter_only", language_of(update, context)))
        return None
    if standing is None or standing.status not in statuses:
        await expired(update, context)
        return None
    return standing
