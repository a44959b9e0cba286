"""The rules of a question, applied to what a reader found; each problem keeps its line."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Final

from knowledge.quiz.model import (
    EXPLANATION_LIMIT,
    EXPLANATION_LINE_BREAKS,
    LEVELS,
    MIN_OPTIONS,
    OPTION_LIMIT,
    QUESTION_LIMIT,
    TOPICS,
    UPLOAD_TOPIC,
    Question,
    Text,
    telegram_length,
)
from knowledge.quiz.problems import Problem, problem
from knowledge.quiz.raw import LANGS, Cell, LocalCells, Policy, RawQuestion

_ID: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_LETTERS: Final = "ABCDEFGHIJ"
UPLOAD_LEVEL: Final = "child"  # teachers upload for their class


_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and line feed


def _text(cell: Cell | None) -> str:
    """The cell's text, trimmed, without control characters (CR, NUL…) Telegram would refuse."""
    return "" if cell is None else _CONTROL.sub("", str(cell.value)).strip()


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Checker:
    """Checks one raw question, collecting problems."""

    def __init__(self, raw: RawQuestion, policy: Policy) -> None:
        self.raw = raw
        self.policy = policy
        self.problems: list[Problem] = []
        texts = [*raw.texts.values(), *raw.options]
        has_english = any(_text(cells.get("en")) for cells in texts)
        self.langs = LANGS if policy.strict or has_english else ("zh",)

    def add(self, line: int, code: str, /, **params: str | int) -> None:
        self.problems.append(problem(line, code, **params))

    def scalar(self, name: str, *, required: bool) -> str | None:
        cell = self.raw.scalars.get(name)
        if _text(cell):
            return _text(cell)
        if required and (cell or name not in self.raw.present):  # else the reader told why
            self.add(cell.line if cell else self.raw.line, "field_missing", field=name)
        return None

    def local(self, cells: LocalCells, part: str, limit: int, number: int = 0) -> Text | None:
        """Check one bilingual text (question, option `number`, explanation)."""
        extra: dict[str, str | int] = {"number": number} if part == "option" else {}
        ok = True
        for lang in self.langs:
            value = _text(cells.get(lang))
            line = cells[lang].line if lang in cells else self._line_of(cells)
            if not value:
                self.add(line, f"{part}_missing", lang=lang, **extra)
                ok = False
                continue
            length = telegram_length(value)
            if length > limit:
                self.add(line, f"{part}_too_long", lang=lang, length=length, limit=limit, **extra)
                ok = False
            breaks = value.count("\n")
            if part == "explanation" and breaks > EXPLANATION_LINE_BREAKS:
                self.add(line, "explanation_lines", lang=lang, count=breaks)
                ok = False
        if not ok:
            return None
        return Text(_text(cells.get("zh")), _text(cells.get("en")) or None)

    def _line_of(self, cells: LocalCells) -> int:
        return min((cell.line for cell in cells.values()), default=self.raw.line)

    def options(self) -> list[Text] | None:
        raw = self.raw
        if "options" not in raw.present:
            self.add(raw.line, "field_missing", field="options")
            return None
        count, most = len(raw.options), self.policy.max_options
        ok = MIN_OPTIONS <= count <= most
        if not ok:
            self.add(
                raw.options_line or raw.line,
                "options_count",
                count=count,
                min=MIN_OPTIONS,
                max=most,
            )
        texts: list[Text] = []
        for number, cells in enumerate(raw.options, start=1):
            text = self.local(cells, "option", OPTION_LIMIT, number)
            ok = ok and text is not None
            texts.append(text or Text(""))
        for lang in self.langs:
            first_seen: dict[str, int] = {}
            for number, cells in enumerate(raw.options, start=1):
                key = _normal(_text(cells.get(lang)))
                if key and key in first_seen:
                    line = cells[lang].line
                    self.add(
                        line, "option_duplicate", number=number, lang=lang, first=first_seen[key]
                    )
                    ok = False
                first_seen.setdefault(key, number)
        return texts if ok else None

    def answer(self, count: int) -> int | None:
        cell = self.raw.scalars.get("answer")
        if cell is None:
            if "answer" not in self.raw.present:
                self.add(self.raw.line, "field_missing", field="answer")
            return None
        base = self.raw.answer_base
        index = _answer_index(cell.value, base, count)
        if index is None and count:  # with no options, the options' problem says enough
            shown = str(cell.value).strip()
            self.add(cell.line, "answer_range", answer=shown, first=base, last=base + count - 1)
        return index


def _answer_index(value: str | int, base: int, count: int) -> int | None:
    """The 0-based index `value` names (a number from `base`, or A–J for 1-based files)."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str):
        text = value.strip().upper()
        if text.isascii() and text.isdigit():
            number = int(text)
        elif base == 1 and len(text) == 1 and text in _LETTERS:
            number = _LETTERS.index(text) + 1
    if number is None or not 0 <= number - base < count:
        return None
    return number - base


def check_question(raw: RawQuestion, policy: Policy) -> tuple[Question | None, list[Problem]]:
    """Apply `policy` to one raw question: the Question if it is valid, and every problem."""
    if raw.unreadable:
        return None, []
    check = _Checker(raw, policy)
    strict = policy.strict
    qid = check.scalar("id", required=strict)
    if qid is not None and not _ID.fullmatch(qid):
        check.add(raw.scalars["id"].line, "id_format", id=qid)
    topic = check.scalar("topic", required=strict)
    known = TOPICS if strict else (*TOPICS, UPLOAD_TOPIC)
    if topic is not None and topic not in known:
        check.add(raw.scalars["topic"].line, "topic_unknown", topic=topic, known=", ".join(known))
    level = check.scalar("level", required=strict)
    if level is not None and level not in LEVELS:
        check.add(raw.scalars["level"].line, "level_unknown", level=level)
    source = check.scalar("source", required=strict)
    if source is not None and policy.corpus is not None and source not in policy.corpus:
        check.add(raw.scalars["source"].line, "source_unknown", source=source)
    question = None
    if "question" in raw.texts:
        question = check.local(raw.texts["question"], "question", QUESTION_LIMIT)
    elif "question" not in raw.present:
        check.add(raw.line, "field_missing", field="question")
    options = check.options()
    answer = check.answer(len(raw.options))
    explanation = None
    if "explanation" in raw.texts and (strict or _text(raw.texts["explanation"].get("zh"))):
        explanation = check.local(raw.texts["explanation"], "explanation", EXPLANATION_LIMIT)
    elif strict and "explanation" not in raw.present:
        check.add(raw.line, "field_missing", field="explanation")
    if raw.broken or check.problems or question is None or options is None or answer is None:
        return None, check.problems
    built = Question(
        id=qid or _upload_id(question, options),
        topic=topic or UPLOAD_TOPIC,
        level=level or UPLOAD_LEVEL,
        question=question,
        options=tuple(options),
        answer=answer,
        explanation=explanation,
        source=source,
        line=raw.line,
    )
    return built, check.problems


def _upload_id(question: Text, options: Iterable[Text]) -> str:
    """A stable id for a question without one: the same text always gets the same id."""
    content = "\x1f".join([question.zh, *(option.zh for option in options)])
    return f"{UPLOAD_TOPIC}-{hashlib.sha1(content.encode()).hexdigest()[:10]}"


def check_questions(
    raws: Iterable[RawQuestion],
    policy: Policy,
    *,
    name: str,
    seen: dict[str, str] | None = None,
) -> tuple[list[Question], list[Problem]]:
    """Check every raw question of file `name`, and that no id is used twice.

    `seen` maps ids to where they were first used ("file:line"); pass one dict for several
    files to catch ids repeated across them.
    """
    seen = {} if seen is None else seen
    questions: list[Question] = []
    problems: list[Problem] = []
    for raw in raws:
        question, found = check_question(raw, policy)
        problems.extend(found)
        if question is None:
            continue
        first = seen.get(question.id)
        if first is None:
            seen[question.id] = f"{name}:{raw.line}"
            questions.append(question)
        elif "id" in raw.scalars:
            problems.append(
                problem(raw.scalars["id"].line, "id_duplicate", id=question.id, where=first)
            )
        else:
            problems.append(problem(raw.line, "question_duplicate", first=first.rsplit(":", 1)[-1]))
    return questions, problems
