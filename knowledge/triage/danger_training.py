"""Training the gas-danger model from the shipped examples, and measuring it on unseen writers.

`train_from_shipped_data()` rebuilds knowledge/triage/danger_model.npz: deterministic (sorted
files, newton-cg, no random state, a zip with fixed dates), so the shipped file is what this
code makes of the shipped data. The figures are grouped cross-validation: each writer's
messages (voices_N.jsonl is writer N; the two older sets are three more) are scored by a model
trained without any of them, so they say how the check does on voices it has never read. The
thresholds are set on those scores of the writers of the voices set.

The data: knowledge/training/gas_danger/, each line {"text", "label"} (danger, boundary,
ordinary) or {"text", "emergency"}. flow_ordinary.jsonl holds what the bot itself is sent
between questions (addresses, "好的", a rating): without it, half of them got "possible",
because the writers' dangers are the only messages with street numbers in them.

What was measured on that cross-validation, and chosen: character n-grams counted once (not
by frequency: +5 points of dangers caught at the same false-alarm rate), the boundary
messages weighted twice. The rules as model features made it worse on unseen writers (they
were tuned on one of the training sets, and on the others they catch half the dangers), and
as a floor ("a rule hit is at least possible") or a raise of any stated sign they raised more
boundary messages than dangers; as a cap on framed messages and a raise of stated dangers
with a question (danger.decide) they cost nothing on unseen writers and put the clear cases
right, so they do that.

With eleven writers (the share of dangers given the full alarm, with boundary alarms held
at 2 %): a better reading of the framing that caps (a smell said to be something else, "不是
煤气", "not gas"; a negation taken back by what follows, "没闻到，但是管子断了", or by
another sign it does not negate; teaching and dreams; a past followed by a sign there now)
0.851 → 0.910; 1–4-grams instead of 1–3 and digits read as 0: 0.926; Latin words and word
pairs: dangers alike, the safety line on boundary messages 0.156 → 0.137; C = 100 instead of
10 or 30: alike, and the bot's own inputs given the alarm 3.6 % → 1.4 %. No better: a
network with one hidden layer on the same features (scikit-learn MLP, 32–64 units: 0.896–0.907
where the linear model had 0.910, in minutes instead of seconds), jieba words and word pairs
(no gain on dangers, and jieba takes some 25 ms on a 4,096-character message), n-grams kept
only when two writers use them, averaging models that each leave out one more writer, a
logistic stack of the score with the rules' readings.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from knowledge.triage.danger import decide
from knowledge.triage.danger_model import MODEL_PATH, DangerModel, Params
from knowledge.triage.danger_rules import Framing, framing
from knowledge.triage.danger_text import codes_of, fold, ngram_buckets, word_buckets

DATA_DIR: Final = Path(__file__).resolve().parents[1] / "training" / "gas_danger"
C: Final = 100.0
BOUNDARY_WEIGHT: Final = 2.0
MIN_DF: Final = 2
DANGER_RECALL: Final = 0.99
"""Share of dangers that must get at least "possible" (at least the safety line)."""
BOUNDARY_ALARMS: Final = 0.02
"""Share of boundary messages (gas talk that is not a danger) allowed the full alarm."""
LABELS: Final = ("danger", "boundary", "ordinary", "not danger")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled message and who wrote it (the cross-validation group)."""

    text: str
    label: str
    group: str


@dataclass
class Report:
    """Grouped cross-validation figures: per group and label, the share danger / possible+."""

    t_danger: float
    t_possible: float
    rows: dict[tuple[str, str], tuple[int, float, float]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The figures as text, a line per writer and one for all."""
        out = [f"t_danger {self.t_danger:.3f}, t_possible {self.t_possible:.3f}"]
        order = {"writers": 1, "all": 2}
        for group in sorted({g for g, _ in self.rows}, key=lambda g: (order.get(g, 0), g)):
            cells = []
            for label in LABELS:
                if (group, label) in self.rows:
                    n, danger, possible = self.rows[group, label]
                    cells.append(f"{label} n={n}: danger {danger:.3f}, possible+ {possible:.3f}")
            out.append(f"{group:<8} " + " | ".join(cells))
        return out


def read_examples(directory: Path = DATA_DIR) -> list[Example]:
    """The training messages: voices_N.jsonl (writer N) and the older tuning sets."""
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        group = path.stem.removeprefix("voices_").removeprefix("gas_emergency_")
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            label = row.get("label") or ("danger" if row["emergency"] else "not danger")
            examples.append(Example(row["text"], label, group))
    return examples


def _buckets(text: str, params: Params) -> npt.NDArray[np.intp]:
    folded = fold(text)
    if not folded:
        return np.zeros(0, dtype=np.intp)
    codes = codes_of(folded)
    buckets = ngram_buckets(codes, params.orders, params.bits, params.digits)
    if params.words:
        buckets.append(word_buckets(codes, params.bits)[0])
    return np.unique(np.concatenate(buckets))


def fit(
    examples: Sequence[Example], params: Params, docs: Sequence[npt.NDArray[np.intp]]
) -> DangerModel:
    """Logistic regression on binary tf-idf n-grams (uncalibrated, thresholds unset)."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    columns, inverse = np.unique(np.concatenate(docs), return_inverse=True)
    pointers = np.cumsum([0, *(d.size for d in docs)])
    ones = np.ones(inverse.size)
    presence = sparse.csr_matrix((ones, inverse, pointers), shape=(len(docs), columns.size))
    df = np.asarray(presence.sum(axis=0)).ravel()
    kept = df >= MIN_DF  # an n-gram seen in one message only says nothing about others
    presence, columns = presence[:, kept], columns[kept]
    idf = np.log((1 + len(docs)) / (1 + df[kept])) + 1
    if params.prior > 0:  # the feature every message has (Params.prior), as the last column
        presence = sparse.hstack([presence, np.ones((len(docs), 1))]).tocsr()
        scale = np.append(idf, params.prior)
    else:
        scale = idf
    norms = np.sqrt(presence @ (scale**2))
    norms[norms == 0] = 1
    features = (sparse.diags(1 / norms) @ presence @ sparse.diags(scale)).tocsr()
    target = np.array([e.label == "danger" for e in examples])
    weights = np.array([BOUNDARY_WEIGHT if e.label == "boundary" else 1.0 for e in examples])
    # newton-cg: the exact optimum, no randomness, and ten times faster than lbfgs here.
    model = LogisticRegression(C=C, solver="newton-cg", max_iter=1000).fit(
        features, target, sample_weight=weights
    )
    coef = model.coef_[0]
    prior_coef = float(coef[-1]) if params.prior > 0 else 0.0
    return DangerModel(
        buckets=columns.astype(np.int64),
        coef=coef[: columns.size].astype(np.float32),
        idf=idf.astype(np.float32),
        intercept=float(model.intercept_[0]),
        calibration=(1.0, 0.0),
        t_danger=math.inf,
        t_possible=math.inf,
        params=params,
        prior_coef=prior_coef,
    )


def grouped_scores(
    examples: Sequence[Example], params: Params, docs: Sequence[npt.NDArray[np.intp]]
) -> tuple[npt.NDArray[np.float64], list[Framing]]:
    """Each message's raw score from a model trained without its writer's messages, and the
    rules' reading of the part the score came from."""
    groups = np.array([e.group for e in examples])
    scores = np.zeros(len(examples))
    reads: list[Framing | None] = [None] * len(examples)
    for group in sorted(set(groups)):
        train = np.flatnonzero(groups != group).tolist()
        model = fit([examples[i] for i in train], params, [docs[i] for i in train])
        for i in np.flatnonzero(groups == group).tolist():
            folded = fold(examples[i].text)
            scores[i], (start, end) = model.raw_score(folded)
            reads[i] = framing(folded[start:end])
    return scores, [read for read in reads if read is not None]


def calibrate(
    scores: npt.NDArray[np.float64], target: npt.NDArray[np.bool_]
) -> tuple[float, float]:
    """Platt scaling: a logistic fit of the unseen writers' scores."""
    from sklearn.linear_model import LogisticRegression

    platt = LogisticRegression(C=1e6, max_iter=1000).fit(scores[:, None], target)
    return float(platt.coef_[0][0]), float(platt.intercept_[0])


def thresholds(
    probability: npt.NDArray[np.float64], labels: Sequence[str], reads: Sequence[Framing]
) -> tuple[float, float]:
    """t_possible: at least DANGER_RECALL of dangers reach it; t_danger: with the rules'
    reading applied, at most BOUNDARY_ALARMS of boundary messages are dangers."""
    tags = np.array(labels)
    dangers = np.sort(probability[tags == "danger"])
    t_possible = float(dangers[math.floor((1 - DANGER_RECALL) * dangers.size)])
    boundary = np.flatnonzero(tags == "boundary").tolist()
    allowed = math.floor(BOUNDARY_ALARMS * len(boundary))
    # Raised by the rules whatever t_danger is, or kept from danger whatever it is:
    raised = {
        i for i in boundary if decide(probability[i], reads[i], math.inf, t_possible) == "danger"
    }
    open_to_threshold = sorted(
        (probability[i] for i in boundary if not reads[i].not_now and i not in raised),
        reverse=True,
    )
    room = allowed - len(raised)
    if room < 0 or room >= len(open_to_threshold):
        raise ValueError("the rules alone raise too many boundary messages to set t_danger")
    t_danger = float(np.nextafter(open_to_threshold[room], 1.0))
    return max(t_danger, t_possible), t_possible


def report(
    tiers: Sequence[str], examples: Sequence[Example], t_danger: float, t_possible: float
) -> Report:
    """Per writer and label: how many, the share at danger and at possible or above."""
    result = Report(t_danger, t_possible)
    tier = np.array(tiers)
    groups = np.array([e.group for e in examples])
    labels = np.array([e.label for e in examples])
    writers = np.char.isdigit(groups.astype(str))
    for group in [*sorted(set(groups)), "writers", "all"]:
        in_group = {"all": np.ones(len(examples), dtype=bool), "writers": writers}.get(
            group, groups == group
        )
        for label in LABELS:
            chosen = tier[in_group & (labels == label)]
            if chosen.size:
                result.rows[group, label] = (
                    int(chosen.size),
                    float(np.mean(chosen == "danger")),
                    float(np.mean(chosen != "none")),
                )
    return result


def train(examples: Sequence[Example], params: Params | None = None) -> tuple[DangerModel, Report]:
    """The model on all examples, calibrated and thresholded on grouped cross-validation."""
    # One BLAS thread: sums taken in another order move the cross-validation's thresholds
    # in their fourth digit, and the shipped file must be what any machine rebuilds.
    with threadpool_limits(limits=1):
        return _train(examples, params or Params())


def _train(examples: Sequence[Example], params: Params) -> tuple[DangerModel, Report]:
    docs = [_buckets(e.text, params) for e in examples]
    scores, reads = grouped_scores(examples, params, docs)
    target = np.array([e.label == "danger" for e in examples])
    slope, offset = calibrate(scores, target)
    probability = 1 / (1 + np.exp(-(slope * scores + offset)))
    # Thresholds are set on the writers of the voices set, whose labels tell boundary
    # messages from ordinary ones; the older sets only say danger or not.
    voices = [i for i, e in enumerate(examples) if e.group.isdigit()]
    t_danger, t_possible = thresholds(
        probability[voices], [examples[i].label for i in voices], [reads[i] for i in voices]
    )
    tiers = [
        decide(p, read, t_danger, t_possible) for p, read in zip(probability, reads, strict=True)
    ]
    model = fit(examples, params, docs)
    model = DangerModel(
        buckets=model.buckets,
        coef=model.coef,
        idf=model.idf,
        intercept=model.intercept,
        calibration=(slope, offset),
        t_danger=t_danger,
        t_possible=t_possible,
        params=params,
        prior_coef=model.prior_coef,
    )
    return model, report(tiers, examples, t_danger, t_possible)


def train_from_shipped_data(out: Path | None = MODEL_PATH) -> tuple[DangerModel, Report]:
    """Rebuild the shipped model from knowledge/training/gas_danger/ (and write it to `out`)."""
    model, figures = train(read_examples())
    if out is not None:
        model.save(out)
    return model, figures


def same_model(
    a: DangerModel, b: DangerModel, tolerance: float = 1e-5, calibration_tolerance: float = 0.01
) -> bool:
    """True when two models decide alike: same buckets, weights within `tolerance`, and the
    calibration and thresholds within `calibration_tolerance`. Those are fitted on the
    cross-validated scores, where a weight's last digits (which the machine's BLAS threads
    may change) move them by a few thousandths: a message would change tier only within that
    much of a threshold."""
    return (
        a.params == b.params
        and np.array_equal(a.buckets, b.buckets)
        and np.allclose(a.coef, b.coef, atol=tolerance)
        and np.allclose(a.idf, b.idf, atol=tolerance)
        and _close((a.intercept, a.prior_coef), (b.intercept, b.prior_coef), tolerance)
        and _close(
            (*a.calibration, a.t_danger, a.t_possible),
            (*b.calibration, b.t_danger, b.t_possible),
            calibration_tolerance,
        )
    )


def _close(a: Iterable[float], b: Iterable[float], tolerance: float) -> bool:
    return all(math.isclose(x, y, abs_tol=tolerance) for x, y in zip(a, b, strict=True))
