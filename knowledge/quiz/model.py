"""The quiz's data: bilingual texts, questions, and a bank to pick rounds from."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Final

TOPICS: Final = ("gas_home", "lpg", "gas_leak", "sorting", "street_order", "facilities")
LEVELS: Final = ("child", "adult")
UPLOAD_TOPIC: Final = "mine"  # the topic of every question a teacher uploads

# Telegram's sendPoll limits (characters; we count UTF-16 units, as Telegram does).
QUESTION_LIMIT: Final = 300
OPTION_LIMIT: Final = 100
EXPLANATION_LIMIT: Final = 200
EXPLANATION_LINE_BREAKS: Final = 2
MIN_OPTIONS: Final = 2
MAX_OPTIONS: Final = 10  # Telegram's limit; the shipped bank keeps to BANK_MAX_OPTIONS
BANK_MAX_OPTIONS: Final = 6


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji counts 2, a hanzi 1)."""
    return len(text.encode("utf-16-le")) // 2


def _wants_english(lang: str | None) -> bool:
    return bool(lang) and str(lang).lower().startswith("en")


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Chinese and, optionally, English."""

    zh: str
    en: str | None = None

    def in_lang(self, lang: str | None) -> str:
        """The English text for "en"/"en-US" when there is one, else the Chinese."""
        return self.en if _wants_english(lang) and self.en else self.zh


@dataclass(frozen=True, slots=True)
class Question:
    """One multiple-choice question; `answer` is the 0-based index of the right option."""

    id: str
    topic: str
    level: str
    question: Text
    options: tuple[Text, ...]
    answer: int
    explanation: Text | None = None
    source: str | None = None
    line: int = 0  # where it starts in its file, for messages

    def text(self, lang: str | None = None) -> str:
        """The question in `lang` (zh by default; en falls back to zh if missing)."""
        return self.question.in_lang(lang)

    def options_in(self, lang: str | None = None) -> list[str]:
        """The options in `lang`, in order; `answer` indexes this list."""
        return [option.in_lang(lang) for option in self.options]

    def explanation_in(self, lang: str | None = None) -> str:
        """The explanation in `lang`, or "" when the question has none."""
        return self.explanation.in_lang(lang) if self.explanation else ""

    def correct_option(self, lang: str | None = None) -> str:
        """The text of the right option in `lang`."""
        return self.options[self.answer].in_lang(lang)

    def shuffled(self, seed: int | str | None = None) -> Question:
        """The same question with its options in a random order (the answer follows)."""
        order = list(range(len(self.options)))
        random.Random(seed).shuffle(order)
        options = tuple(self.options[i] for i in order)
        return replace(self, options=options, answer=order.index(self.answer))


class QuestionBank:
    """An immutable set of questions with unique ids; rounds are picked from it."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self._questions = tuple(questions)
        self._by_id = {question.id: question for question in self._questions}
        if len(self._by_id) != len(self._questions):
            raise ValueError("question ids must be unique")

    def __len__(self) -> int:
        return len(self._questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self._questions)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in file order."""
        return self._questions

    def get(self, question_id: str) -> Question:
        """The question with this id; raises KeyError if there is none."""
        return self._by_id[question_id]

    def topics(self) -> list[str]:
        """The topics that have questions: the known ones in TOPICS order, then any others."""
        present = {question.topic for question in self._questions}
        known = [topic for topic in TOPICS if topic in present]
        return known + sorted(present - set(known))

    def select(self, topic: str | None = None, level: str | None = None) -> list[Question]:
        """Every question of `topic` and `level` (None: any), in file order."""
        return [
            question
            for question in self._questions
            if (topic is None or question.topic == topic)
            and (level is None or question.level == level)
        ]

    def count(self, topic: str | None = None, level: str | None = None) -> int:
        """How many questions `select(topic, level)` would give."""
        return len(self.select(topic, level))

    def pick(
        self,
        topic: str | None = None,
        level: str | None = None,
        count: int = 10,
        seed: int | str | None = None,
    ) -> list[Question]:
        """Up to `count` distinct questions of `topic`/`level`, shuffled (same seed, same pick)."""
        if count < 0:
            raise ValueError("count must not be negative")
        pool = self.select(topic, level)
        return random.Random(seed).sample(pool, min(count, len(pool)))
