"""Text any database accepts: what PostgreSQL refuses is cleaned once, at the columns, and
SQLite and PostgreSQL then store the very same text."""

from __future__ import annotations

import unicodedata

from sqlalchemy import select, text

from storage import Role, Status, Store
from storage.botstate import service as botstate
from storage.botstate.models import BotState
from storage.db.types import clean_json, clean_text
from storage.outbox.models import OutboxMessage
from storage.quiz import answers, rounds, sets
from storage.quiz.models import QuizAnswer, QuizQuestionSet
from storage.staff import service as staff_service
from storage.staff.models import StaffMember
from storage.tickets import lookups, remarks, service
from storage.tickets.models import Ticket, TicketEvent
from tests.integration.store_helpers import (
    ADMIN,
    DISPATCHER,
    REPORTER,
    file,
    jpeg,
    report,
    walk_to,
)
from tests.store_calls import file_ticket, read, run

# NUL, other C0 controls, CR line ends, a lone surrogate and a decomposed é (e + U+0301).
DIRTY = "垃圾桶\x00满了\x07\x1b[31m\r\n溢出\x0b到人行道\tcafe\u0301\ud83d"
CLEAN = "垃圾桶满了[31m\n溢出到人行道\tcafé"


def test_the_rules() -> None:
    assert clean_text(DIRTY) == CLEAN
    assert clean_text(CLEAN) == CLEAN  # idempotent
    assert unicodedata.is_normalized("NFC", CLEAN)
    assert clean_text("a\rb") == "a\nb" and clean_text("tab\there\nline") == "tab\there\nline"
    assert clean_text("😀 emoji and 中文 stay") == "😀 emoji and 中文 stay"
    assert clean_json({"k\x00": ["v\x01", 1, None, {"x": "e\u0301"}]}) == {
        "k": ["v", 1, None, {"x": "é"}]
    }


async def _raw(store: Store, sql: str, **params: object) -> list[object]:
    """Column values as the database returns them, past the ORM and its identity map."""
    async with store.reading() as session:
        return list((await session.execute(text(sql), params)).scalars())


async def test_a_nul_caption_files_and_is_stored_clean(store: Store) -> None:
    number = await file(store, description=DIRTY, address="天河路\x00100号\r\n")
    assert await _raw(store, "SELECT description FROM tickets WHERE number = :n", n=number) == [
        CLEAN
    ]
    assert await _raw(store, "SELECT address FROM tickets WHERE number = :n", n=number) == [
        "天河路100号"
    ]
    detail = await read(store, lookups.get_detail, number=number)
    assert detail.ticket.description == CLEAN
    # The staff group's post carries the description in its JSON parameters, cleaned too.
    async with store.reading() as session:
        params = list(await session.scalars(select(OutboxMessage.params)))
    assert any(p.get("description") == CLEAN for p in params)
    assert not any("\x00" in str(p) for p in params)


async def test_the_ticket_the_service_returns_matches_the_stored_one(store: Store) -> None:
    ticket = await file_ticket(store, report(description=DIRTY))
    assert ticket.description == CLEAN


async def test_notes_comments_and_replies_are_cleaned(store: Store) -> None:
    number = await file(store)
    await run(store, remarks.comment, number=number, by=REPORTER, note="还没修\x00好" + DIRTY)
    await run(store, remarks.answer_reporter, number=number, by=DISPATCHER, text="已\x08派人")
    await walk_to(store, number, Status.RESOLVED)
    notes = await _raw(store, "SELECT note FROM ticket_events WHERE note IS NOT NULL ORDER BY id")
    assert "还没修好" + CLEAN in notes and "已派人" in notes
    await run(store, service.rework, number=number, by=REPORTER, reason="没\x00修好\r\n再看看")
    reworked = await _raw(store, "SELECT note FROM ticket_events WHERE action = 'rework'")
    assert reworked == ["没修好\n再看看"]
    assert not any("\x00" in str(note) or "\x08" in str(note) for note in notes)


async def test_photo_comment_and_staff_names(store: Store) -> None:
    number = await file(store)
    await run(
        store,
        remarks.comment,
        number=number,
        by=REPORTER,
        note="照片\x00说明",
        photos=[store.photos.put(jpeg())],
    )
    staff = await run(
        store,
        staff_service.add_member,
        by=ADMIN,
        user_id=5005,
        role=Role.DISPATCHER,
        display_name="王\x00" + "五" * 200,
    )
    assert staff.display_name == "王" + "五" * 98  # cut to 100 by the service, NUL dropped
    async with store.reading() as session:
        row = await session.get(StaffMember, 5005)
        assert row is not None and row.display_name == "王" + "五" * 98
        notes = list(await session.scalars(select(TicketEvent.note).where(TicketEvent.note != "")))
    assert "照片说明" in notes


async def test_conversation_state_and_quiz_uploads(store: Store) -> None:
    await run(
        store,
        botstate.save_entries,
        namespace="user_data",
        entries=[("1001", {"report": {"description": DIRTY}})],
    )
    assert await read(store, botstate.load_entry, namespace="user_data", key="1001") == {
        "report": {"description": CLEAN}
    }
    async with store.reading() as session:
        [raw] = list(await session.scalars(select(BotState.data)))
    assert raw == {"report": {"description": CLEAN}}

    questions = [{"question": "燃气\x00泄漏怎么办？", "options": ["关阀\x01", "开灯"], "answer": 0}]
    await run(
        store,
        sets.save_question_set,
        chat_id=-100,
        filename="题目\x00.csv",
        questions=questions,
        uploaded_by=7,
    )
    assert await read(store, sets.get_question_set, chat_id=-100) == [
        {"question": "燃气泄漏怎么办？", "options": ["关阀", "开灯"], "answer": 0}
    ]
    async with store.reading() as session:
        row = await session.get(QuizQuestionSet, -100)
        assert row is not None and row.filename == "题目.csv"
    round_ = await run(
        store,
        rounds.start_round,
        chat_id=-100,
        topic="lpg",
        language="zh",
        questions=questions,
        seconds=30,
        started_by=7,
    )
    await run(
        store,
        answers.record_poll,
        poll_id="p1",
        round_id=round_.id,
        position=0,
        chat_id=-100,
        message_id=1,
        correct_option=0,
    )
    await run(store, answers.record_answer, poll_id="p1", user_id=8, user_name="小\x00明", option=0)
    async with store.reading() as session:
        assert list(await session.scalars(select(QuizAnswer.user_name))) == ["小明"]


async def test_a_search_with_a_nul_finds_the_clean_text(store: Store) -> None:
    number = await file(store, description=DIRTY)
    async with store.reading() as session:
        found = list(
            await session.scalars(select(Ticket.number).where(Ticket.description == DIRTY))
        )
    assert found == [number]  # the compared value is cleaned like the stored one
