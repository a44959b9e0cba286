"""The decision: which candidate answers a question, or none (the honest hand-over).

A logistic regression over the candidates' features (knowledge/answer/candidates.py) gives
each the probability that it states the fact asked for; the likeliest answers if that is at
least the threshold, unless it is a standard answer saying the documents lack the fact, which
is an abstention too. A FAQ question asked (nearly) word for word answers whatever the
model says: that is what a FAQ is for, and how an entry staff just wrote answers at once.

The weights and the threshold are data, `decision_model.json`, written by `citybot kb
train-answers` from dev sets only (never the held-out ones), with the cross-validated curve
of answers stated against questions refused from which the threshold was chosen.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from knowledge.answer.candidates import Candidate
from knowledge.answer.faq_match import WORD_FOR_WORD
from knowledge.errors import KnowledgeError

MODEL_PATH: Final = Path(__file__).with_name("decision_model.json")
FORMAT: Final = 1
CONFIDENT: Final = 0.7
"""A FAQ entry this alike (TF-IDF cosine) is the question asked, give or take a typo."""


class DecisionModelError(KnowledgeError):
    """The decision model file is missing or malformed; the message names the file."""


@dataclass(frozen=True, slots=True)
class DecisionModel:
    """Standardisation, weights and intercept per feature name, and the threshold."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float
    notes: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that a candidate with these features states the fact asked."""
        score = self.intercept
        for name, mean, scale, weight in zip(
            self.features, self.mean, self.scale, self.weights, strict=True
        ):
            score += weight * (features.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def with_threshold(
        self, threshold: float, notes: Mapping[str, Any] | None = None
    ) -> DecisionModel:
        """This model with another threshold (and notes)."""
        return replace(self, threshold=threshold, notes=self.notes if notes is None else notes)

    def to_json(self) -> str:
        """The model as the JSON the shipped file holds."""
        document = {
            "format": FORMAT,
            "features": list(self.features),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "weights": list(self.weights),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "notes": dict(self.notes),
        }
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> DecisionModel:
        """Read a model file; DecisionModelError naming it if it is unreadable or malformed."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                raise ValueError(f"format {raw.get('format')!r}, expected {FORMAT}")
            features = tuple(str(name) for name in raw["features"])
            mean, scale, weights = (
                tuple(float(v) for v in raw[key]) for key in ("mean", "scale", "weights")
            )
            if not len(mean) == len(scale) == len(weights) == len(features):
                raise ValueError("mean, scale and weights must have one value per feature")
            if any(value <= 0.0 for value in scale):
                raise ValueError("every scale must be positive")
            return cls(
                features,
                mean,
                scale,
                weights,
                intercept=float(raw["intercept"]),
                threshold=float(raw["threshold"]),
                notes=dict(raw.get("notes") or {}),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DecisionModelError(f"{path}: not a decision model ({exc})") from exc


@dataclass(frozen=True, slots=True)
class Decision:
    """The candidate that answers (None: abstain) and how likely it was to be right; when
    abstaining because the likeliest says the documents lack the fact, that one (`lacking`),
    which the hand-over may show: what the documents do say is still worth reading."""

    candidate: Candidate | None
    probability: float
    lacking: Candidate | None = None


def reads_english(text: str) -> bool:
    """True when most letters of `text` are Latin (an English answer, not a Chinese one)."""
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    cjk = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
    return latin > 0 and latin >= 2 * cjk


def decide(
    candidates: Sequence[Candidate], model: DecisionModel, *, lang: str | None = None
) -> Decision:
    """The answer to give: the likeliest candidate if likely enough, else none; for an
    English asker (`lang` "en") an English candidate likely enough goes before a likelier
    Chinese one: a fact the asker cannot read is hardly stated."""
    for candidate in candidates:
        match = candidate.match
        if match is not None and (
            match.score >= CONFIDENT or match.question_score >= WORD_FOR_WORD
        ):
            if candidate.says_documents_lack_it:
                return Decision(None, 1.0, lacking=candidate)
            return Decision(candidate, 1.0)
    scored = [(model.probability(c.features), c) for c in candidates]
    if not scored:
        return Decision(None, 0.0)
    probability, best = max(scored, key=lambda pair: pair[0])
    if probability < model.threshold:
        return Decision(None, probability)
    if lang == "en" and not reads_english(best.text):
        readable = [pair for pair in scored if pair[0] >= model.threshold]
        readable = [pair for pair in readable if reads_english(pair[1].text)]
        if readable:
            probability, best = max(readable, key=lambda pair: pair[0])
    if best.says_documents_lack_it:
        return Decision(None, probability, lacking=best)
    return Decision(best, probability)
