"""Is a resident telling us that gas is in danger now? Three answers, because the two
mistakes do not cost the same.

- "danger": confident; the reply is the safety steps first, then the urgent flow.
- "possible": it might be; the normal reply carries one safety line and an "emergency" button,
  which costs an ordinary asker little, so this tier catches nearly every danger.
- "none".

The model (danger_model.py) gives the probability; the rules (danger_rules.py) add what word
order says, which a bag of n-grams cannot: a negation, a hypothetical before the sign or a
past, general or teaching framing keeps a message from "danger" (it can still be "possible"),
and a stated sign followed by a hypothetical question ("煤气味好浓 如果开灯会不会爆炸") is a
danger if the model finds it at least possible. The two thresholds were set, with these rules
applied, on writers the model was not trained on: at least 99 % of dangers reach "possible",
at most 2 % of boundary messages (gas talk that is not a danger: questions, past leaks, other
smells, other senses of 气) reach "danger".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from knowledge.triage.danger_model import DangerModel, shipped_model
from knowledge.triage.danger_rules import Framing, framing
from knowledge.triage.danger_text import fold

Tier = Literal["danger", "possible", "none"]


@dataclass(frozen=True, slots=True)
class DangerAssessment:
    """The tier, the model's calibrated probability, and the words that raised it."""

    tier: Tier
    probability: float
    sign: str | None
    """What in the message raised the tier (folded text), for logs and reasons; None at "none"."""


NO_DANGER = DangerAssessment("none", 0.0, None)


def assess_danger(text: str | None, model: DangerModel | None = None) -> DangerAssessment:
    """How sure we are that `text` says gas is leaking, burning or poisoning someone now
    (by the shipped model, or by `model`, as the benchmark compares them)."""
    folded = fold(text)
    if not folded:
        return NO_DANGER
    model = model or shipped_model()
    raw, (start, end) = model.raw_score(folded)
    probability = model.probability(raw)
    if probability < model.t_possible:
        return DangerAssessment("none", probability, None)
    where = folded[start:end]
    read = framing(where)
    tier = decide(probability, read, model.t_danger, model.t_possible)
    return DangerAssessment(tier, probability, read.sign or model.strongest(where))


def decide(probability: float, read: Framing, t_danger: float, t_possible: float) -> Tier:
    """The tier of a message from the model's probability and the rules' reading."""
    if probability < t_possible:
        return "none"
    if read.asks_what_to_do or (probability >= t_danger and not read.not_now):
        return "danger"
    return "possible"


def is_gas_emergency(text: str | None) -> bool:
    """True when the text confidently says gas is in danger now (the "danger" tier)."""
    return assess_danger(text).tier == "danger"


def emergency_sign(text: str | None) -> str | None:
    """The words that make `text` a gas emergency (the "danger" tier), or None."""
    assessment = assess_danger(text)
    return assessment.sign if assessment.tier == "danger" else None
