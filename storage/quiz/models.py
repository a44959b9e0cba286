"""SQLAlchemy models of the safety quiz: rounds, their polls and answers, teachers' sets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanJSON, CleanString, UTCDateTime


class QuizRound(Base):
    """One quiz round in a group: its questions (a snapshot), pace and progress."""

    __tablename__ = "quiz_rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    # The chat id while the round runs, NULL after: one running round per group, by a key.
    running_chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    topic: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8), default="zh")
    questions: Mapped[list[Any]] = mapped_column(CleanJSON)
    seconds: Mapped[int] = mapped_column(Integer)
    # Index of the question being asked; -1 before the first one is sent.
    current: Mapped[int] = mapped_column(Integer, default=-1)
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_by: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_quiz_rounds_chat", "chat_id", "started_at"),)


class QuizPoll(Base):
    """A quiz poll the bot sent: which round, chat and question, and the right option."""

    __tablename__ = "quiz_polls"

    poll_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("quiz_rounds.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(Integer)
    correct_option: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_quiz_polls_round", "round_id", "position"),)


class QuizAnswer(Base):
    """One user's answer to one quiz poll, with whether it was right and how fast."""

    __tablename__ = "quiz_answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[str] = mapped_column(ForeignKey("quiz_polls.poll_id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(ForeignKey("quiz_rounds.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    user_name: Mapped[str] = mapped_column(CleanString(128), default="")
    option: Mapped[int] = mapped_column(Integer)
    correct: Mapped[bool] = mapped_column(Boolean)
    seconds: Mapped[float] = mapped_column(Float)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("poll_id", "user_id", name="uq_quiz_answers_poll_user"),
        Index("ix_quiz_answers_round", "round_id", "user_id"),
    )


class QuizQuestionSet(Base):
    """A teacher's own questions for one group (the latest upload replaces the last)."""

    __tablename__ = "quiz_question_sets"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    filename: Mapped[str] = mapped_column(CleanString(255))
    questions: Mapped[list[Any]] = mapped_column(CleanJSON)
    uploaded_by: Mapped[int] = mapped_column(BigInteger)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime())
