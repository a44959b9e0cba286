"""The passage composer: the sentences of the best passages that answer the question.

It takes sentences (never half sentences) from the best passages, scoring each by the idf
weight of the question terms it contains, with a prior for the passage's rank; the best
sentences are kept, in their original order, up to about 600 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from knowledge.answer.asks import ask_of
from knowledge.ingest.splitter import split_sentences
from knowledge.search.retriever import Hit
from knowledge.text import terms

MAX_ANSWER_CHARS: Final = 600
_TERMINAL: Final = re.compile(r"[。！？；.!?;…”’」』）)]$")
_RANK_PRIOR: Final = (1.0, 0.75, 0.6)  # sentences of the best passage win ties


def extract_sentences(
    hits: Sequence[Hit],
    query_terms: Sequence[str],
    idf: Callable[[str], float],
    max_chars: int = MAX_ANSWER_CHARS,
) -> list[tuple[int, str]]:
    """The answering sentences as (hit rank, sentence), in rank then reading order."""
    wanted = {term: idf(term) for term in query_terms}
    scored: list[tuple[float, int, int, str]] = []
    for rank, hit in enumerate(hits[: len(_RANK_PRIOR)]):
        for position, sentence in enumerate(split_sentences(hit.chunk.text)):
            if _is_heading(sentence):  # headings and fragments say nothing on their own
                continue
            overlap = _overlap(wanted, sentence)
            if overlap > 0.0:
                scored.append((overlap * _RANK_PRIOR[rank], rank, position, sentence))
    if not scored:
        return []
    scored.sort(key=lambda item: -item[0])
    best = scored[0][0]
    chosen: list[tuple[int, int, str]] = []
    used = 0
    seen: set[str] = set()
    for score, rank, position, sentence in scored:
        if score < 0.35 * best or sentence in seen:
            continue
        if chosen and used + len(sentence) > max_chars:
            continue
        chosen.append((rank, position, sentence))
        seen.add(sentence)
        used += len(sentence)
    chosen.sort()
    return [(rank, _clip(sentence, max_chars)) for rank, _, sentence in chosen]


def _is_heading(sentence: str) -> bool:
    return len(sentence) < 6 or (len(sentence) < 30 and not _TERMINAL.search(sentence))


def _clip(sentence: str, max_chars: int) -> str:
    return sentence if len(sentence) <= max_chars else sentence[: max_chars - 1] + "…"


# Sentences about the document rather than the subject ("本文未能核实…") tell a resident nothing.
_META: Final = re.compile(r"本文|未能核实|以下简称|this document|not verified here", re.I)
_ASIDE: Final = re.compile(r"（以下简称[^）]*）")
LEAD_FLOOR: Final = 0.35
"""A sentence of the asked type must score this share of the best one to lead (dev: refused
338 → 351 of 529 out of scope, stated 385 → 384 of 533)."""
OTHER_DOC_FLOOR: Final = 0.5
"""A sentence from another document than the lead's must score this share of the best (dev:
one answer fewer states its fact; a ticket-status sentence no longer ends a hose answer)."""
COMPOSED_CHARS: Final = 300  # the sentences (dev: 240 lost two facts of 36), citation below


def _overlap(wanted: dict[str, float], sentence: str) -> float:
    """The idf weight of the question's terms in the sentence, each counted once, summed in
    the sentence's order: summed over a set, the order (and so the last bits of the sum, and
    which of two equal sentences leads) changed with each process's string hashing."""
    return sum(wanted.get(term, 0.0) for term in dict.fromkeys(terms(sentence)))


def compose(
    hits: Sequence[Hit],
    question: str,
    query_terms: Sequence[str],
    idf: Callable[[str], float],
    *,
    english: bool = False,
    max_chars: int = COMPOSED_CHARS,
) -> list[tuple[int, str]]:
    """The answer from the passages: the sentence that answers the question's type first, then
    the others that share its terms, in reading order; no headings, meta-text or repeats.
    `question` is the standardised one (knowledge/search/dialect.py), as `ask_of` reads it."""
    wanted = {term: idf(term) for term in query_terms}
    ask = ask_of(question)
    scored: list[tuple[float, bool, int, int, str]] = []
    for rank, hit in enumerate(hits[: len(_RANK_PRIOR)]):
        heading = ""
        for position, raw in enumerate(split_sentences(hit.chunk.text)):
            sentence = _ASIDE.sub("", raw)
            if sentence.startswith("#"):
                heading = sentence.lstrip("#").strip()
            if _is_heading(sentence) or _META.search(sentence):
                continue
            sentence = _under(heading, sentence)
            overlap = _overlap(wanted, sentence)
            if overlap <= 0.0:
                continue
            fits = ask is not None and ask.stated_in(sentence)
            score = overlap * _RANK_PRIOR[rank] * (1.5 if fits else 1.0)
            scored.append((score, fits, rank, position, sentence))
    if english:  # the corpus's English summaries answer an English question, when they do
        in_english = [item for item in scored if _is_english(item[4])]
        scored = in_english or scored
    if not scored:
        return []
    scored.sort(key=lambda item: -item[0])
    best = scored[0][0]
    # A sentence of the asked type leads only if it is about the question too: "燃气安全：2小时"
    # from a list of ticket deadlines has a duration, but does not say how often a hose is changed.
    lead = next((item for item in scored if item[1] and item[0] >= LEAD_FLOOR * best), scored[0])
    chosen = [lead]
    used = len(lead[4])
    seen = {"".join(lead[4].split())}
    for item in scored:
        folded = "".join(item[4].split())
        if item[0] < 0.35 * best or folded in seen or used + len(item[4]) > max_chars:
            continue
        other_document = hits[item[2]].chunk.source != hits[lead[2]].chunk.source
        if other_document and item[0] < OTHER_DOC_FLOOR * best:
            continue  # a weak sentence of another document reads as a non sequitur
        chosen.append(item)
        seen.add(folded)
        used += len(item[4])
    rest = sorted(chosen[1:], key=lambda item: (item[2], item[3]))
    return [(rank, _clip(sentence, max_chars)) for _, _, rank, _, sentence in [lead, *rest]]


# "常见例子：…" or "投放提示：…" says what it lists under its section's heading only.
_LABEL: Final = re.compile(r"^[\u4e00-\u9fff]{2,6}[：:]")


def _under(heading: str, sentence: str) -> str:
    """A labelled list sentence with its section's name in front ("其他垃圾常见例子：…"), so
    that it still says which section it lists when it is read on its own."""
    if heading and heading not in sentence and _LABEL.match(sentence):
        return heading + sentence
    return sentence


def _is_english(sentence: str) -> bool:
    letters = sum(ch.isascii() and ch.isalpha() for ch in sentence)
    return letters >= 0.5 * len(sentence)
