"""Query-side synonym map: residents' everyday words → the words official documents use.

Only the question is expanded, never the index, so adding an entry needs no re-index. The
original words stay in the query (documents sometimes quote the colloquial term too); the
official terms are appended. Matching is longest-first, so 煤气罐 maps to the cylinder
terms and is not also read as 煤气.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from knowledge import lexicons
from knowledge.text import normalize

# The word list is data: knowledge/lexicons/synonyms.yaml.
COLLOQUIAL_TO_OFFICIAL: Final[Mapping[str, str]] = lexicons.mapping("synonyms")


@dataclass(frozen=True, slots=True)
class Expansion:
    """A question after synonym expansion, and which colloquial words were mapped."""

    text: str
    matched: tuple[str, ...]


def _pattern(keys: list[str]) -> re.Pattern[str]:
    # ASCII keys match whole words only, so "fine" does not fire inside "define".
    alternatives = [
        rf"\b{re.escape(key)}\b" if key.isascii() else re.escape(key)
        for key in sorted(keys, key=len, reverse=True)
    ]
    return re.compile("|".join(alternatives))


class SynonymMap:
    """Rewrites colloquial words of a question into the official vocabulary."""

    def __init__(self, mapping: Mapping[str, str] = COLLOQUIAL_TO_OFFICIAL) -> None:
        self._mapping = {normalize(key): value for key, value in mapping.items()}
        self._pattern = _pattern(list(self._mapping))

    def expand(self, question: str) -> Expansion:
        """The normalised question followed by the official terms of each colloquial word."""
        text = normalize(question)
        matched = tuple(dict.fromkeys(m.group(0) for m in self._pattern.finditer(text)))
        if not matched:
            return Expansion(text=text, matched=())
        additions = " ".join(self._mapping[key] for key in matched)
        return Expansion(text=f"{text} {additions}", matched=matched)

    def official(self, colloquial: str) -> str:
        """The official terms a (normalised) colloquial word maps to, or '' if unknown."""
        return self._mapping.get(colloquial, "")
