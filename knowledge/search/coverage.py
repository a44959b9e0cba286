"""How much of a question a passage covers: the idf-weighted share of the question's
character bigrams and English words that the passage contains.

One measure serves three times. The retriever re-ranks its best candidates by it, which
lifts the passage that has the question's key phrases over a sibling document's passage that
merely repeats the common ones (BM25 rewards repetition; coverage counts each phrase once).
The coverage of a passage's document title joins in, a document-level signal: a title names
what the whole document is about. And the coverage of the top passage is half of the
confidence that decides abstention.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from knowledge.search.synonyms import SynonymMap
from knowledge.text import char_bigrams, terms, unique, words


class QuestionCoverage:
    """A question's bigrams and English words with their weights, ready to score passages.

    Built once per question, so scoring each candidate is set look-ups only: no jieba.
    """

    def __init__(
        self,
        question: str,
        mapped: Sequence[str],
        synonyms: SynonymMap,
        idf: Callable[[str], float],
    ) -> None:
        units = ["#" + gram for gram in char_bigrams(question)] + [
            word for word in words(question) if word.isascii()
        ]
        self._units = [(unit, idf(unit)) for unit in unique(units)]
        self._total = sum(weight for _, weight in self._units)
        # A colloquial word the synonym map knows counts as covered when the passage has any
        # of its official words, so 煤气罐 is not held against a passage that says 钢瓶.
        self._official = [(key, frozenset(terms(synonyms.official(key)))) for key in mapped]
        self._keys_of = {
            unit: [key for key in mapped if unit.lstrip("#") in key] for unit, _ in self._units
        }

    def share(self, index_terms: Iterable[str]) -> float:
        """The weighted share of the question's units among a passage's (or title's) index
        terms (`knowledge.text.terms`), in [0, 1]."""
        if not self._total:
            return 0.0
        present = set(index_terms)
        official_hit = {key for key, official in self._official if not official.isdisjoint(present)}
        covered = sum(
            weight
            for unit, weight in self._units
            if unit in present or any(key in official_hit for key in self._keys_of[unit])
        )
        return covered / self._total
