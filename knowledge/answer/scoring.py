"""Scoring the answer TEXT a resident reads (not the passages): does it state every key fact,
in the asker's language, and is an out-of-scope question refused?

A case is a JSON line {question, lang, facts: [[alternative, …], …]} (several facts), {question,
lang, facts: [alternative, …]} (one fact written several ways) or {question, lang,
abstain: true}; a fact is stated when any of its alternatives is in the answer after folding
(NFKC: full-width to half-width; digit-group commas and spaces removed; lower case).

That verbatim test is strict: "Take the stairs, not the lift" does not contain the fact "leave
by the stairs, not the lift". `states_in_other_words` also takes an alternative whose words
are nearly all in the answer. On 379 dev answers judged by two readers who saw neither the
code nor the scores (2026-12-04), the verbatim test said "stated" for 168 of 237 English
answers where the readers found 204, and agreed with them on 85.5 % of all answers; the looser
test agreed on 93.7 %, and credited no answer they rejected that the verbatim test had not.
The decision model is trained on the verbatim test; both figures are reported.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from knowledge.answer.language import asker_language
from knowledge.errors import EvaluationFileError

_DIGIT_COMMA: Final = re.compile(r"(?<=\d)[,，](?=\d{3})")
_ENGLISH_WORD: Final = re.compile(r"[a-z0-9]+")
_CHINESE_RUN: Final = re.compile(r"[\u3400-\u9fff]+")
# Words that say nothing of a fact, left out when comparing an alternative's words.
_FILLER_WORDS: Final = (
    "a an the in of to by for and or is are be on at it its this that with from as per your you"
    " their his her our we i do does not only no"
)
_FILLER: Final = frozenset(_FILLER_WORDS.split())
# Chosen on the judged dev answers (see above); 0.67 and 0.7 judged the same there.
ENGLISH_WORDS_NEEDED: Final = 0.75
CHINESE_BIGRAMS_NEEDED: Final = 0.8


@dataclass(frozen=True, slots=True)
class AnswerCase:
    """One line of an answer-evaluation file."""

    question: str
    lang: str
    facts: tuple[tuple[str, ...], ...] = ()
    abstain: bool = False
    source: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """What the resident read: the answer text (without the source list), whether it was the
    refusal with the hand-over, and the language it was written in."""

    text: str
    abstained: bool
    lang: str


@dataclass(slots=True)
class Tally:
    """The figures of one group of cases (all, or one language)."""

    answerable: int = 0
    stated: int = 0  # every fact stated, in the asker's language
    stated_in_other_words: int = 0  # the same, by `states_in_other_words`
    facts_stated: int = 0  # every fact stated, whatever the language
    in_language: int = 0
    wrongly_refused: int = 0
    out_of_scope: int = 0
    refused: int = 0

    def share(self, part: int, whole: int) -> float:
        """part/whole, 0 when there is no whole."""
        return part / whole if whole else 0.0


@dataclass(slots=True)
class AnswerReport:
    """The overall tally, one per language, and the questions that failed."""

    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """The form facts and answers are compared in."""
    text = _DIGIT_COMMA.sub("", unicodedata.normalize("NFKC", text))
    return "".join(text.split()).lower()


def states(text: str, facts: Sequence[Sequence[str]]) -> bool:
    """True when `text` states every fact (any one of its alternatives)."""
    folded = fold(text)
    return all(any(fold(alt) in folded for alt in alternatives) for alternatives in facts)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _english_words(text: str) -> list[str]:
    folded = _DIGIT_COMMA.sub("", unicodedata.normalize("NFKC", text)).lower()
    folded = folded.replace("metre", "meter")
    return [_stem(word) for word in _ENGLISH_WORD.findall(folded) if word not in _FILLER]


def _bigrams(text: str) -> list[str]:
    runs = _CHINESE_RUN.findall(unicodedata.normalize("NFKC", text))
    return [run[i : i + 2] for run in runs for i in range(len(run) - 1)]


def states_in_other_words(text: str, facts: Sequence[Sequence[str]]) -> bool:
    """`states`, also taking an alternative written otherwise: three quarters of its words
    (English; at least two) or four fifths of its character pairs (Chinese; at least
    three) in the answer."""
    folded = fold(text)
    answer_words = set(_english_words(text))
    answer_bigrams = set(_bigrams(text))

    def said(alternative: str) -> bool:
        if fold(alternative) in folded:
            return True
        if _CHINESE_RUN.search(alternative):
            needed = _bigrams(alternative)
            have, least, share = answer_bigrams, 3, CHINESE_BIGRAMS_NEEDED
        else:
            needed = _english_words(alternative)
            have, least, share = answer_words, 2, ENGLISH_WORDS_NEEDED
        return len(needed) >= least and sum(n in have for n in needed) >= share * len(needed)

    return all(any(said(alternative) for alternative in fact) for fact in facts)


def _facts(raw: Sequence[object]) -> tuple[tuple[str, ...], ...]:
    # ["1200元", "1,200元"] is one fact written several ways; [["1200"], ["119"]] is two.
    if all(isinstance(f, str) for f in raw):
        return (tuple(str(f) for f in raw),) if raw else ()
    return tuple(
        (f,) if isinstance(f, str) else tuple(str(a) for a in f)
        for f in raw
        if isinstance(f, str | list | tuple)
    )


def written_in(reply: Reply, lang: str) -> bool:
    """True when the reply is in `lang`: for English, its first line must be English;
    a Cantonese question is answered in written Chinese."""
    lang = "zh" if lang in ("yue", "zh-Hant", "zh-Hans") else lang
    if reply.lang and reply.lang != lang:
        return False
    first = next((line for line in reply.text.splitlines() if line.strip()), "")
    return asker_language(first) == lang if lang in ("zh", "en") else True


def load_answer_cases(path: Path) -> list[AnswerCase]:
    """Parse an answer-evaluation file; a bad line raises EvaluationFileError naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvaluationFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    cases = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            facts = _facts(raw.get("facts") or ())
            case = AnswerCase(
                question=str(raw["question"]),
                lang=str(raw.get("lang") or asker_language(str(raw["question"]))),
                facts=facts,
                abstain=bool(raw.get("abstain", False)),
                source=str(raw.get("source") or ""),
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvaluationFileError(f"{path.name}:{number}: not a question line ({exc})") from exc
        if not case.abstain and not case.facts:
            raise EvaluationFileError(f"{path.name}:{number}: needs facts or abstain: true")
        cases.append(case)
    return cases


def score(cases: Sequence[AnswerCase], ask: Callable[[str], Reply]) -> AnswerReport:
    """Ask every case and tally what the replies state."""
    report = AnswerReport()
    for case in cases:
        reply = ask(case.question)
        tallies = (report.overall, report.by_language.setdefault(case.lang, Tally()))
        if case.abstain:
            for tally in tallies:
                tally.out_of_scope += 1
                tally.refused += reply.abstained
            if not reply.abstained:
                report.misses.append(f"answered out of scope: {case.question}")
            continue
        stated = not reply.abstained and states(reply.text, case.facts)
        in_language = not reply.abstained and written_in(reply, case.lang)
        otherwise = not reply.abstained and states_in_other_words(reply.text, case.facts)
        for tally in tallies:
            tally.answerable += 1
            tally.facts_stated += stated
            tally.in_language += in_language
            tally.stated += stated and in_language
            tally.stated_in_other_words += otherwise and in_language
            tally.wrongly_refused += reply.abstained
        if not (stated and in_language):
            why = "refused" if reply.abstained else "fact missing" if not stated else "language"
            report.misses.append(f"{why}: {case.question}")
    return report
