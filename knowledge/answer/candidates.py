"""The answers a question could get, each with what is known about how well it fits.

A question's candidates are the standard answers of its closest FAQ entries and the
composer's answer from the passages (for an English asker also one from the English
summaries of the documents found). Each carries features that the decision model
(knowledge/answer/decision.py) weighs: how alike the question and the entry are (TF-IDF of
character n-grams, and the idf-weighted share of the question the entry's words cover),
whether the retrieved passages back the entry up, whether the answer states the kind of
fact asked for (knowledge/answer/asks.py), and which of the question's salient words the
candidate never mentions: a question about 电梯 or 停车 answered from a page that has
neither is answered from the nearest document, not from one about it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np

from knowledge.answer.asks import Ask, ask_of
from knowledge.answer.compose import compose
from knowledge.answer.faq_match import WORD_FOR_WORD, FaqIndex, FaqMatch
from knowledge.answer.language import asker_language
from knowledge.answer.select import supported
from knowledge.answer.semantic import SemanticScores
from knowledge.domain import on_topic
from knowledge.ingest.store import Chunk
from knowledge.search.coverage import QuestionCoverage
from knowledge.search.retriever import Hit, HybridRetriever, SearchResult
from knowledge.text import char_bigrams, general_idf, unique, words

FAQ_CANDIDATES: Final = 5
# A standard answer that opens by saying the documents lack the fact is the FAQ's honest
# "don't know" for a question next to a covered one: chosen, it is an abstention.
_GAP: Final = re.compile(
    r"没有给出|未给出|没有说明|没有统一|没有列出|没有列明|没有写明|没有规定|资料没有|文件没有|未能核实"
    r"|没有核实|\b(?:don't|do not|does not) (?:give|state|list|say|fix|set)\b"
    r"|\bgive no\b|\bset no\b",
    re.I,
)
_FIRST_SENTENCE: Final = re.compile(r"^.+?(?:[。！？!?]|\.(?:\s|$)|$)", re.S)

Kind = Literal["faq", "passage"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible answer: its text as read, and where it comes from."""

    kind: Kind
    text: str
    match: FaqMatch | None = None
    picked: tuple[tuple[int, str], ...] = ()  # (rank in `hits`, sentence) of a composed one
    hits: tuple[Hit, ...] = ()  # the passages a composed answer was taken from
    features: dict[str, float] = field(default_factory=dict)

    @property
    def says_documents_lack_it(self) -> bool:
        """True for a standard answer whose first sentence says the documents lack the fact."""
        first = _FIRST_SENTENCE.match(self.text.strip())
        return self.kind == "faq" and first is not None and _GAP.search(first.group(0)) is not None


@dataclass(frozen=True, slots=True)
class Asked:
    """A question as the candidates see it: its text, its language, what retrieval found."""

    query: str
    lang: str
    result: SearchResult
    retriever: HybridRetriever
    chunks_of: Callable[[str], Sequence[Chunk]]


def gather(
    asked: Asked,
    faq: FaqIndex,
    matches: Sequence[FaqMatch],
    closest: SemanticScores | None = None,
) -> list[Candidate]:
    """Every candidate answer with its features; one lacking a strictly asked kind of fact
    (an amount, a time, a length) is left out, unless it says the documents lack it or its
    entry's question is the one asked (`WORD_FOR_WORD`).
    `closest`: how alike in meaning the question is to each entry (None: characters only)."""
    result, lang = asked.result, asked.lang
    question = result.question or asked.query
    ask = ask_of(question)
    salient = _salient_words(question)
    coverage = QuestionCoverage(
        question, result.mapped, asked.retriever.synonyms, asked.retriever.idf
    )
    found: list[Candidate] = []
    for rank, match in enumerate(matches):
        bag = faq.bag(match.entry)
        text = match.entry.answer_in(lang)
        features = _faq_features(match, rank, matches, result.hits)
        features |= _fit(ask, text) | _missing(salient, bag.terms, bag.text)
        features["cand_cov"] = coverage.share(bag.terms)
        found.append(Candidate("faq", text, match=match, features=features))
    for hits in _passage_sets(asked):
        idf = asked.retriever.idf
        picked = compose(hits, question, result.query_terms, idf, english=lang == "en")
        if not picked:
            continue
        text = " ".join(sentence for _, sentence in picked)
        if any(c.text == text for c in found):
            continue  # the summaries said what the retrieved passages said
        top = hits[:3]  # the composer reads the best three
        bag_terms = {term for hit in top for term in hit.chunk.terms}
        features = {"src_top1": 1.0, "src_in": 1.0, "cand_cov": coverage.share(bag_terms)}
        features |= _fit(ask, picked[0][1]) | _missing(salient, bag_terms, _text(top))
        composed = Candidate("passage", text, picked=tuple(picked), hits=tuple(hits))
        composed.features.update(features)
        found.append(composed)
    base = _question_features(asked, matches, ask)
    base["best_mix"] = _rank_by_likeness([c for c in found if c.kind == "faq"])
    _semantic(found, faq, closest, result.hits, lang)
    kept = []
    for candidate in found:
        candidate.features.update(base)
        _interactions(candidate.features)
        english = lang != "en" or asker_language(candidate.text) == "en"
        candidate.features["english"] = float(english)
        candidate.features["gap"] = float(candidate.says_documents_lack_it)
        lacks = ask is not None and ask.strict and not candidate.features["fit"]
        asked_as_written = candidate.match is not None and (
            candidate.match.question_score >= WORD_FOR_WORD
        )
        if not lacks or candidate.says_documents_lack_it or asked_as_written:
            kept.append(candidate)
    return kept


def _semantic(
    found: Sequence[Candidate],
    faq: FaqIndex,
    closest: SemanticScores | None,
    hits: Sequence[Hit],
    lang: str,
) -> None:
    """The meaning features: how alike the question is to the closest entry of all, to this
    candidate's entry and to its answer; for a passage answer, to the closest entry of the
    passage's document (a question about that document is close to one of its entries)."""
    if closest is None:
        for candidate in found:
            candidate.features.update(dict.fromkeys(_SEMANTIC_FEATURES, 0.0))
        return
    best, second = closest.best_two()
    answers = closest.answer.get(lang, closest.answer.get("zh"))
    top_source = hits[0].chunk.source if hits else ""
    of_document = [
        float(closest.question[i]) for i, e in enumerate(faq.entries) if e.source == top_source
    ]
    votes = closest.votes if closest.votes is not None else np.zeros(len(faq.entries))
    document_votes = sum(
        float(votes[i]) for i, e in enumerate(faq.entries) if e.source == top_source
    )
    english = float(lang == "en")
    for candidate in found:
        features = candidate.features
        features |= {"has_sem": 1.0, "sem_best": best, "sem_gap": best - second}
        features |= {"sem_else": closest.elsewhere, "sem_else_gap": best - closest.elsewhere}
        features |= {"sem_else_votes": closest.elsewhere_votes, "sem_top_votes": votes.max()}
        if candidate.match is not None:
            position = faq.position(candidate.match.entry)
            alike = float(closest.question[position])
            features["sem"] = alike
            features["sem_rel"] = alike - best
            features["sem_rank0"] = float(alike >= best)
            features["sem_doc"] = 0.0
            features["sem_ans"] = float(answers[position]) if answers is not None else 0.0
            features["sem_votes"] = float(votes[position])
        else:
            features |= {"sem": 0.0, "sem_rel": 0.0, "sem_rank0": 0.0, "sem_ans": 0.0}
            features["sem_doc"] = max(of_document) - best if of_document else -0.2
            features["sem_votes"] = document_votes
        # e5 puts an English question closer to everything Chinese alike: its gaps mean
        # more than a Chinese question's, so English gets weights of its own for them
        for name in _BY_LANGUAGE:
            features[f"{name}_en"] = english * features[name]


_BY_LANGUAGE: Final = ("sem_rel", "sem_ans", "sem_else_gap", "sem_votes", "sem_else_votes")
_SEMANTIC_FEATURES: Final = (
    "has_sem",
    "sem_best",
    "sem_gap",
    "sem",
    "sem_rel",
    "sem_rank0",
    "sem_doc",
    "sem_ans",
    "sem_votes",
    "sem_else_votes",
    "sem_top_votes",
    *(f"{name}_en" for name in _BY_LANGUAGE),
)


def _rank_by_likeness(faq: Sequence[Candidate]) -> float:
    """Rank the FAQ candidates by TF-IDF likeness plus coverage plus support (which
    orders the right entry first more often than either alone: dev 119 of 152 against 115
    and 110); note each one's place and share of the best; return the best's score."""
    likeness = [
        c.features["score"]
        + c.features["cand_cov"]
        + 0.2 * c.features["sup3"]
        + 0.1 * c.features["src_in"]
        for c in faq
    ]
    best = max(likeness, default=0.0)
    order = sorted(range(len(faq)), key=lambda i: -likeness[i])
    for place, i in enumerate(order):
        features = faq[i].features
        features["mix"] = likeness[i]
        features["mixrank0"] = float(place == 0)
        features["mixrel"] = likeness[i] / best if best else 0.0
    return best


def _interactions(features: dict[str, float]) -> None:
    """Products the linear model cannot form itself: what counts differs by kind."""
    faq = features.get("is_faq", 0.0)
    features["faq_score_sup"] = faq * features.get("score", 0.0) * features.get("sup3", 0.0)
    features["pass_conf"] = (1.0 - faq) * features["conf"]
    features["faq_conf"] = faq * features["conf"]
    features["faq_worst"] = faq * features["worst_missing"]
    # English n-grams meet by chance more often than Chinese ones, and an English question's
    # coverage counts its English words only (0 or 1 against a Chinese passage): what the
    # retrieval figures say differs by language, so each language gets its own weights.
    english = features["en"]
    for name in ("cov", "fam", "conf"):
        features[f"{name}_en"] = english * features[name]
        features[name] = (1.0 - english) * features[name]
    features["en_score"] = english * features.get("score", 0.0)
    features["en_mix"] = english * features.get("mix", 0.0)
    features["en_cov"] = english * features["cand_cov"]


def _passage_sets(asked: Asked) -> list[list[Hit]]:
    """The passages to compose from: the retrieved ones; for an English asker also the
    English summaries of the documents found (most corpus documents end with one)."""
    hits = list(asked.result.hits)
    sets = [hits] if hits else []
    if asked.lang == "en" and hits:
        sources = unique(hit.chunk.source for hit in hits[:2])
        summaries = [
            Hit(chunk=chunk, score=0.0, lexical=0.0, dense=0.0)
            for source in sources
            for chunk in asked.chunks_of(source)
            if asker_language(chunk.text) == "en"
        ]
        if summaries:
            sets.append(summaries)
    return sets


def _question_features(
    asked: Asked, matches: Sequence[FaqMatch], ask: Ask | None
) -> dict[str, float]:
    result = asked.result
    best = matches[0].score if matches else 0.0
    second = matches[1].score if len(matches) > 1 else 0.0
    return {
        "conf": result.confidence,
        "cov": result.hits[0].coverage if result.hits else 0.0,
        "fam": result.familiarity,
        "ontopic": float(on_topic(result.question or asked.query)),
        "en": float(asked.lang == "en"),
        "qlen": math.log1p(len(asked.query)),
        "typed": float(ask is not None),
        "best_faq": best,
        "faq_gap": best - second,
    }


def _faq_features(
    match: FaqMatch, rank: int, matches: Sequence[FaqMatch], hits: Sequence[Hit]
) -> dict[str, float]:
    best = matches[0].score or 1.0
    sources = [hit.chunk.source for hit in hits]
    position = sources.index(match.entry.source) if match.entry.source in sources else len(hits)
    return {
        "is_faq": 1.0,
        "score": match.score,
        "rel": match.score / best,
        "rank0": float(rank == 0),
        "sup1": float(supported(match, hits, 1)),
        "sup3": float(supported(match, hits, 3)),
        "src_top1": float(position == 0),
        "src_in": float(position < len(hits)),
    }


def _fit(ask: Ask | None, text: str) -> dict[str, float]:
    fits = ask is not None and ask.stated_in(text)
    return {"fit": float(fits), "miss_type": float(ask is not None and not fits)}


def _salient_words(question: str) -> list[tuple[str, float]]:
    """The question's whole words (not jieba's parts of longer ones), with their general idf."""
    found = [w for w in unique(words(question)) if len(w) > 1 or w.isascii()]
    whole = [w for w in found if not any(w != other and w in other for other in found)]
    return [(word, general_idf(word)) for word in whole]


def _missing(
    salient: Sequence[tuple[str, float]], bag_terms: Iterable[str] | frozenset[str], text: str
) -> dict[str, float]:
    """The rarest question word the candidate never mentions, and the weighted share missing."""
    present = bag_terms if isinstance(bag_terms, frozenset | set) else set(bag_terms)
    worst = missing = total = 0.0
    for word, weight in salient:
        total += weight
        grams = ["#" + gram for gram in char_bigrams(word)] if not word.isascii() else []
        if word in present or word.lower() in text or (grams and all(g in present for g in grams)):
            continue
        missing += weight
        worst = max(worst, weight)
    return {"worst_missing": worst / 20.0, "share_missing": missing / total if total else 0.0}


def _text(hits: Sequence[Hit]) -> str:
    return "\n".join(hit.chunk.text for hit in hits).lower()
