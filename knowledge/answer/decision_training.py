"""Training the decision model (knowledge/answer/decision.py) on dev data, never held-out sets.

The training questions are those of the answer-evaluation files given (each candidate is
labelled by whether its text states the case's facts; every candidate of an out-of-scope
question is wrong), those of `kb eval` files (right: a candidate resting on the right passage,
at half weight) and the FAQ's own similar questions, each asked with itself left out of the
FAQ (its entry's answer is the right one; the passages' answer is not labelled). A
logistic regression learns which candidates are right; the threshold is chosen on 5-fold
cross-validation over the files' questions (the FAQ's are always trained on, never scored):
the one that maximises the share of answerable questions whose answer states the facts plus
the share of out-of-scope ones refused. The whole curve is kept in the model's notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np

from knowledge.answer.candidates import Candidate
from knowledge.answer.decision import DecisionModel
from knowledge.answer.language import asker_language
from knowledge.answer.scoring import AnswerCase, load_answer_cases, states
from knowledge.answer.select import holds
from knowledge.errors import EvaluationFileError
from knowledge.evaluation import load_cases

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase

FOLDS: Final = 5
FAQ_WEIGHT: Final = 0.05
"""What a FAQ similar question weighs against a dev question: the FAQ has some 2,900 of them,
written with the entries, and at full weight they drown the questions residents ask (dev,
cross-validated: 96 of 152 stated at 90 % refused with 0.05, 80 with 0.3)."""
PASSAGE_WEIGHT: Final = 0.5
"""What a `kb eval` question weighs: its label says the answer rests on the right passage,
not that it states the fact."""
THRESHOLDS: Final = tuple(round(0.05 * i, 2) for i in range(2, 16))


@dataclass(slots=True)
class Question:
    """A training question: its group, whether it is out of scope, its labelled candidates
    (None: unknown, left out of training) and the candidates themselves."""

    group: str
    abstain: bool
    candidates: list[Candidate] = field(default_factory=list)
    labels: list[bool | None] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CurvePoint:
    """At one threshold, per group: (answers stating the facts, answerable, refused, out)."""

    threshold: float
    groups: dict[str, tuple[int, int, int, int]]

    def shares(self) -> tuple[float, float]:
        """The share of answerable questions whose answer states the facts (answer-case
        files only: a `kb eval` file's answers are passages) and of out-of-scope refused,
        both as asked of our index with its FAQ."""
        stated = answerable = refused = out = 0
        for group, (s, a, r, o) in self.groups.items():
            if "(no FAQ)" in group:  # another index than ours: shown, not chosen on
                continue
            if "(passages)" not in group:
                stated, answerable = stated + s, answerable + a
            refused, out = refused + r, out + o
        return stated / max(answerable, 1), refused / max(out, 1)


@dataclass(frozen=True, slots=True)
class CaseSet:
    """The cases of one dev file. `passages`: a `kb eval` file, whose answers are clauses of
    the right passage rather than facts an answer must state (see `rests_on`)."""

    name: str
    cases: Sequence[AnswerCase]
    passages: bool = False


def training_cases(path: Path) -> CaseSet:
    """The cases of an answer-evaluation file or of a `kb eval` question file."""
    try:
        return CaseSet(path.stem, load_answer_cases(path))
    except EvaluationFileError:
        questions = load_cases(path)  # raises, naming the line, if it is neither
    cases = [
        AnswerCase(
            question=case.question,
            lang=asker_language(case.question),
            facts=() if case.abstain else ((case.answer,),),
            abstain=case.abstain,
            source=case.source,
        )
        for case in questions
    ]
    return CaseSet(path.stem, cases, passages=True)


def rests_on(candidate: Candidate, case: AnswerCase) -> bool:
    """For a `kb eval` case: the candidate states the clause of the right passage, or is the
    standard answer of an entry resting on that passage."""
    if states(candidate.text, case.facts):
        return True
    match, clause = candidate.match, case.facts[0][0]
    if match is None or match.entry.source != case.source:
        return False
    return holds(match.entry.passage, clause) or holds(clause, match.entry.passage)


def case_questions(kb: KnowledgeBase, case_set: CaseSet, *, faq: bool = True) -> list[Question]:
    """The dev cases of one file as training questions; without `faq`, as asked of an index
    whose documents have no FAQ entries (an operator's own, say)."""
    questions = []
    for case in case_set.cases:
        # asked with itself left out: of the questions out of scope (it may be one of them)
        found = kb.candidates_for(case.question, faq=faq, skip=case.question) or []
        labels: list[bool | None] = [
            not case.abstain
            and (rests_on(c, case) if case_set.passages else states(c.text, case.facts))
            for c in found
        ]
        group = f"{case_set.name} (passages)" if case_set.passages else case_set.name
        questions.append(
            Question(group if faq else f"{group} (no FAQ)", case.abstain, found, labels)
        )
    return questions


def faq_questions(kb: KnowledgeBase) -> list[Question]:
    """Every similar question of the FAQ, asked with itself left out, as training questions."""
    questions = []
    for entry in kb.faq_entries:
        for similar in entry.similar:
            found = kb.candidates_for(similar, skip=similar) or []
            labels: list[bool | None] = [
                None if c.match is None else c.match.entry.id == entry.id for c in found
            ]
            questions.append(Question("faq", False, found, labels))
    return questions


def fit(questions: Sequence[Question], features: Sequence[str]) -> DecisionModel:
    """A logistic regression on the labelled candidates (threshold left at 0.5)."""
    from sklearn.linear_model import LogisticRegression  # training only

    rows, labels, weights = [], [], []
    for question in questions:
        weight = (
            FAQ_WEIGHT
            if question.group == "faq"
            else PASSAGE_WEIGHT
            if "(passages)" in question.group and not question.abstain
            else 1.0
        )
        for candidate, label in zip(question.candidates, question.labels, strict=True):
            if label is not None:
                rows.append([candidate.features.get(name, 0.0) for name in features])
                labels.append(int(label))
                weights.append(weight)
    matrix = np.asarray(rows, dtype=np.float64)
    mean, scale = matrix.mean(axis=0), matrix.std(axis=0)
    scale[scale == 0.0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit((matrix - mean) / scale, labels, sample_weight=weights)
    return DecisionModel(
        tuple(features),
        tuple(float(v) for v in mean),
        tuple(float(v) for v in scale),
        tuple(float(v) for v in model.coef_[0]),
        intercept=float(model.intercept_[0]),
        threshold=0.5,
    )


def _outcome(model: DecisionModel, question: Question) -> tuple[float, bool, bool]:
    """(probability of the likeliest candidate, whether it is right, whether it says the
    documents lack the fact) — as `decide` would weigh it, before the threshold."""
    from knowledge.answer.decision import decide

    decision = decide(question.candidates, model.with_threshold(0.0))
    chosen = decision.candidate
    if chosen is None:  # no candidate, or the likeliest says the documents lack the fact
        return 0.0, False, True
    label = question.labels[question.candidates.index(chosen)]
    return decision.probability, bool(label), False


def cross_validate(questions: Sequence[Question], features: Sequence[str]) -> list[CurvePoint]:
    """The curve of answers stated against questions refused, by threshold, over `FOLDS`
    folds of the non-FAQ questions (each scored by a model trained without its fold)."""
    scored = [q for q in questions if q.group != "faq"]
    always = [q for q in questions if q.group == "faq"]
    order = np.random.default_rng(20261201).permutation(len(scored))
    outcomes: dict[int, tuple[float, bool, bool]] = {}
    for fold in range(FOLDS):
        held = {int(i) for i in order[fold::FOLDS]}
        trained = [q for i, q in enumerate(scored) if i not in held]
        model = fit([*trained, *always], features)
        for i in held:
            outcomes[i] = _outcome(model, scored[i])
    return [_point(threshold, scored, outcomes) for threshold in THRESHOLDS]


def _point(
    threshold: float, scored: Sequence[Question], outcomes: dict[int, tuple[float, bool, bool]]
) -> CurvePoint:
    groups: dict[str, list[int]] = {}
    for i, question in enumerate(scored):
        probability, right, lacking = outcomes[i]
        refused = lacking or probability < threshold
        tally = groups.setdefault(question.group, [0, 0, 0, 0])
        if question.abstain:
            tally[2] += refused
            tally[3] += 1
        else:
            tally[0] += right and not refused
            tally[1] += 1
    return CurvePoint(threshold, {g: (t[0], t[1], t[2], t[3]) for g, t in groups.items()})


def choose_threshold(curve: Sequence[CurvePoint]) -> CurvePoint:
    """The point that maximises stated share plus refused share, averaged with its two
    neighbours: the curve is flat near its top, and one fold's luck should not pick."""
    sums = [sum(point.shares()) for point in curve]

    def smoothed(i: int) -> float:
        near = sums[max(0, i - 1) : i + 2]
        return sum(near) / len(near)

    return curve[max(range(len(curve)), key=lambda i: (round(smoothed(i), 6), -i))]


def train(
    kb: KnowledgeBase, case_sets: Sequence[CaseSet]
) -> tuple[DecisionModel, list[CurvePoint], CurvePoint]:
    """Train on the case sets and the FAQ; return the model (with the chosen threshold and
    the curve in its notes), the curve and the point chosen."""
    questions = [q for case_set in case_sets for q in case_questions(kb, case_set)]
    questions += [q for case_set in case_sets for q in case_questions(kb, case_set, faq=False)]
    questions += faq_questions(kb)
    features = sorted({name for q in questions for c in q.candidates for name in c.features})
    curve = cross_validate(questions, features)
    chosen = choose_threshold(curve)
    model = fit(questions, features)
    notes = {
        "trained_on": {case_set.name: len(case_set.cases) for case_set in case_sets}
        | {"faq similar questions": sum(q.group == "faq" for q in questions)},
        "curve": [
            {"threshold": p.threshold, **{g: list(v) for g, v in p.groups.items()}} for p in curve
        ],
    }
    return model.with_threshold(chosen.threshold, notes), curve, chosen
