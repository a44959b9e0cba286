"""The gas-danger model: hashed character n-grams, a linear score, read whole and in windows.

Features are the character 1- to 4-grams of the folded text with every digit read as 0, and
its Latin words and pairs of words (knowledge/triage/danger_text.py), each counted once,
weighted by idf and L2-normalised: logistic regression on them told the dangers apart best of
what was measured, a small neural network on the same features included (notes in
knowledge/triage/danger_training.py). A long
message is also read sentence by sentence, and the most alarming sentence that names gas
counts if it scores higher than the whole, so that one sentence saying gas is leaking is not
drowned by the story around it.

The weights are a compressed .npz of plain arrays (no pickle), expanded once into dense
tables indexed by bucket, so that scoring a message is a handful of numpy operations.
"""

from __future__ import annotations

import io
import json
import math
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from knowledge.triage.danger_rules import GAS_CUES
from knowledge.triage.danger_text import (
    BITS,
    ORDERS,
    codes_of,
    fold,
    ngram_buckets,
    sentence_starts,
    word_buckets,
)

MODEL_PATH: Final = Path(__file__).with_name("danger_model.npz")
FORMAT: Final = 1

Floats = npt.NDArray[np.float32]
U32 = npt.NDArray[np.uint32]
Buckets = npt.NDArray[np.intp]


@dataclass(frozen=True, slots=True)
class Params:
    """What the model is and how it reads a message; stored in the model file."""

    orders: tuple[int, ...] = ORDERS
    bits: int = BITS
    long_text: int = 250
    """A message longer than this is also read sentence by sentence (training messages are
    mostly shorter: there the whole message is what the model learned from)."""
    sentence: int = 128
    """A longer sentence is cut into pieces of this many characters."""
    digits: bool = True
    """Every digit is read as 0 (danger_text.ngram_buckets)."""
    words: bool = True
    """Latin words and pairs of them are features too (danger_text.word_buckets)."""
    prior: float = 3.0
    """A feature every message has, of this idf: after L2 normalisation its share shrinks
    as a message grows, so the model learns how far a very short message ("在", "家", "help")
    may go on its few n-grams alone (without it one n-gram's whole weight decides)."""


@dataclass(frozen=True)
class DangerModel:
    """Weights per hashed bucket, the intercept, the calibration and the two thresholds."""

    buckets: npt.NDArray[np.int64]
    coef: npt.NDArray[np.float32]
    idf: npt.NDArray[np.float32]
    intercept: float
    calibration: tuple[float, float]
    """Platt scaling (slope, offset) of the raw score, fitted on unseen writers' scores."""
    t_danger: float
    t_possible: float
    params: Params
    prior_coef: float = 0.0
    """The learned weight of the feature every message has (Params.prior)."""

    def __post_init__(self) -> None:
        size = 1 << self.params.bits
        weight = np.zeros(size, dtype=np.float32)
        weight[self.buckets] = self.coef * self.idf
        norm = np.zeros(size, dtype=np.float32)
        norm[self.buckets] = self.idf**2
        if self.params.bits + _POSITION_BITS > 32:
            raise ValueError(f"{self.params.bits} bits of buckets leave too few for positions")
        object.__setattr__(self, "_weight", weight)
        object.__setattr__(self, "_norm", norm)
        object.__setattr__(self, "_cues", _cue_table(self.params))

    def raw_score(self, folded: str) -> tuple[float, tuple[int, int]]:
        """The linear score of the message, or of its most alarming sentence if that is
        higher; and the part of `folded` to read the framing in: the whole message, or in a
        long one that sentence (the framing rules are too slow for 4,096 characters)."""
        folded = folded[: 1 << _POSITION_BITS]
        codes = codes_of(folded)
        if codes.size == 0:
            return self.intercept, (0, 0)
        prior_weight = self.prior_coef * self.params.prior
        prior_norm = self.params.prior**2
        buckets, positions, previous = _occurrences(*self._features(codes))
        weight: Floats = self._weight  # type: ignore[attr-defined]
        norm: Floats = self._norm  # type: ignore[attr-defined]
        cues: npt.NDArray[np.bool_] = self._cues  # type: ignore[attr-defined]
        if codes.size <= self.params.long_text or not cues[buckets].any():
            first = buckets[previous < 0]
            whole = self._score(
                weight[first].sum(dtype=np.float64) + prior_weight,
                norm[first].sum(dtype=np.float64) + prior_norm,
            )
            return whole, (0, min(len(folded), self.params.long_text))
        # Each n-gram counts once in the whole message and once in its sentence.
        starts = sentence_starts(codes, self.params.sentence)
        marks = np.zeros(codes.size, dtype=np.intp)
        marks[starts[1:]] = 1
        sentence_of = np.cumsum(marks)[positions]
        inside = previous < starts[sentence_of]
        kept, sentence = buckets[inside], sentence_of[inside]
        weights, norms = weight[kept], norm[kept]
        first = (previous[inside] < 0).astype(np.float32)
        best = self._score(
            float(np.dot(weights, first)) + prior_weight,
            float(np.dot(norms, first)) + prior_norm,
        )
        # Only sentences that name gas or a gas appliance are read alone: the most alarming
        # of forty ordinary sentences would otherwise raise an alarm on any long story.
        count = starts.size
        gated = np.bincount(sentence, cues[kept], minlength=count) > 0
        sums = np.bincount(sentence, weights, minlength=count) + prior_weight
        squares = np.bincount(sentence, norms, minlength=count) + prior_norm
        usable = gated & (squares > prior_norm)
        if not usable.any():
            return best, (0, self.params.long_text)
        scores = np.full(count, -np.inf)
        scores[usable] = sums[usable] / np.sqrt(squares[usable])
        index = int(np.argmax(scores))
        end = int(starts[index + 1]) if index + 1 < count else int(codes.size)
        return max(best, float(scores[index]) + self.intercept), (int(starts[index]), end)

    def _features(self, codes: npt.NDArray[np.uint64]) -> tuple[list[U32], list[U32]]:
        """The buckets of the message's features and where each starts."""
        params = self.params
        per_order = ngram_buckets(codes, params.orders, params.bits, params.digits)
        starts = [_STARTS[: b.size] for b in per_order]
        if params.words:
            words, where = word_buckets(codes, params.bits)
            per_order.append(words)
            starts.append(where)
        return per_order, starts

    def strongest(self, folded: str) -> str | None:
        """The n-gram of `folded` that weighs most towards danger, if any does."""
        codes = codes_of(folded)
        table: Floats = self._weight  # type: ignore[attr-defined]
        best, found = 0.0, None
        per_order = ngram_buckets(codes, self.params.orders, self.params.bits, self.params.digits)
        for order, buckets in zip(self.params.orders, per_order, strict=True):
            if buckets.size:
                weights = table[buckets]
                at = int(np.argmax(weights))
                if weights[at] > best:
                    best, found = float(weights[at]), folded[at : at + order]
        return found

    def _score(self, weight: float, norm: float) -> float:
        return float(weight / math.sqrt(norm) if norm > 0 else 0.0) + self.intercept

    def probability(self, raw: float) -> float:
        """The calibrated probability that a message with this raw score is a danger."""
        slope, offset = self.calibration
        return 1.0 / (1.0 + math.exp(-(slope * raw + offset)))

    def save(self, path: Path) -> None:
        """Write the model as a compressed .npz of plain arrays (no pickle)."""
        meta = {
            "format": FORMAT,
            "intercept": self.intercept,
            "prior_coef": self.prior_coef,
            "calibration": list(self.calibration),
            "t_danger": self.t_danger,
            "t_possible": self.t_possible,
            "params": {
                "orders": list(self.params.orders),
                "bits": self.params.bits,
                "long_text": self.params.long_text,
                "sentence": self.params.sentence,
                "digits": self.params.digits,
                "words": self.params.words,
                "prior": self.params.prior,
            },
        }
        arrays: dict[str, npt.NDArray[Any]] = {
            "buckets": self.buckets.astype(np.int32),
            "coef": self.coef.astype(np.float32),
            "idf": self.idf.astype(np.float32),
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        }
        # What np.savez_compressed writes, but with a fixed date in the zip: the same model
        # is the same bytes, so a rebuilt file can be compared with the shipped one.
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                buffer = io.BytesIO()
                np.lib.format.write_array(buffer, array, allow_pickle=False)
                entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, buffer.getvalue())

    @classmethod
    def read(cls, path: Path) -> DangerModel:
        """A model saved by `save`."""
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(data["meta"].tobytes().decode())
            if meta["format"] != FORMAT:
                raise ValueError(f"{path.name}: model format {meta['format']}, expected {FORMAT}")
            params = meta["params"]
            return cls(
                buckets=data["buckets"].astype(np.int64),
                coef=data["coef"].astype(np.float32),
                idf=data["idf"].astype(np.float32),
                intercept=float(meta["intercept"]),
                calibration=(float(meta["calibration"][0]), float(meta["calibration"][1])),
                t_danger=float(meta["t_danger"]),
                t_possible=float(meta["t_possible"]),
                params=Params(
                    orders=tuple(params["orders"]),
                    bits=int(params["bits"]),
                    long_text=int(params["long_text"]),
                    sentence=int(params["sentence"]),
                    digits=bool(params.get("digits", False)),  # older files read digits as such
                    words=bool(params.get("words", False)),
                    prior=float(params.get("prior", 0.0)),
                ),
                prior_coef=float(meta.get("prior_coef", 0.0)),
            )


def _cue_table(params: Params) -> npt.NDArray[np.bool_]:
    """The buckets of the gas words' first n-grams (up to the longest order), for the gate."""
    table = np.zeros(1 << params.bits, dtype=np.bool_)
    longest = max(params.orders)
    for word in GAS_CUES:
        head = fold(word)[:longest]
        order = len(head)
        if order in params.orders:
            table[ngram_buckets(codes_of(head), (order,), params.bits)[0][0]] = True
    return table


_POSITION_BITS: Final = 12
"""Starts below 4,096 (raw_score reads no further): bucket·start keys fit 32 bits, whose
sort takes half the time of 64-bit keys."""


_STARTS: Final = np.arange(1 << _POSITION_BITS, dtype=np.uint32)


def _occurrences(per_kind: list[U32], where: list[U32]) -> tuple[U32, U32, npt.NDArray[np.int32]]:
    """Every feature's bucket and start, sorted by bucket, with the start of the same feature
    before it (-1 for the first). One sort of bucket·start keys: cheaper than a stable
    argsort, and the gathers that follow run through the tables in order."""
    starts = np.concatenate(where)
    buckets = np.concatenate(per_kind)
    keys = np.sort((buckets << np.uint32(_POSITION_BITS)) | starts)
    ranked = keys >> np.uint32(_POSITION_BITS)
    positions = keys & np.uint32((1 << _POSITION_BITS) - 1)
    previous = np.full(keys.size, -1, dtype=np.int32)
    same = ranked[1:] == ranked[:-1]
    previous[1:][same] = positions[:-1][same]
    return ranked, positions, previous


_lock = threading.Lock()
_shipped: DangerModel | None = None


def shipped_model() -> DangerModel:
    """The model shipped with the package, read on first use."""
    global _shipped
    with _lock:
        if _shipped is None:
            _shipped = DangerModel.read(MODEL_PATH)
        return _shipped
