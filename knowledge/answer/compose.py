"""The passage composer: the sentences of the best passages that answer the question.

It takes sentences (never half sentences) from the best passages, scoring each by the idf
weight of the question terms it contains, with a prior for the passage's rank; the best
sentences are kept, in their original order, up to about 600 characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

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
            overlap = sum(wanted.get(term, 0.0) for term in set(terms(sentence)))
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
