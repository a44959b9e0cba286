"""Fusing the lexical and dense rankings into one.

Two methods, chosen between by measurement on kb_dev (see README): reciprocal-rank fusion,
which ignores score scales, and a weighted sum of max-normalised scores, which keeps how much
better the best hit is than the rest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

FusionMethod = Literal["rrf", "weighted"]
RRF_K: Final = 60


@dataclass(frozen=True, slots=True)
class FusionConfig:
    """How to fuse: method, the lexical ranker's weight (dense gets 1 - weight), RRF's k."""

    method: FusionMethod = "weighted"
    lexical_weight: float = 0.8
    rrf_k: int = RRF_K

    def __post_init__(self) -> None:
        if not 0.0 <= self.lexical_weight <= 1.0:
            raise ValueError("lexical_weight must be between 0 and 1")


def rrf(rankings: Sequence[tuple[Sequence[str], float]], k: int = RRF_K) -> dict[str, float]:
    """Weighted reciprocal-rank fusion of (ids best first, weight) rankings."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, item in enumerate(ids):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank + 1)
    return fused


def weighted(runs: Sequence[tuple[Mapping[str, float], float]]) -> dict[str, float]:
    """Weighted sum of scores, each run divided by its own best score first."""
    fused: dict[str, float] = {}
    for scores, weight in runs:
        best = max(scores.values(), default=0.0)
        if best <= 0.0:
            continue
        for item, score in scores.items():
            fused[item] = fused.get(item, 0.0) + weight * max(score, 0.0) / best
    return fused


def _best_first(scores: Mapping[str, float]) -> list[str]:
    return sorted(scores, key=lambda item: -scores[item])


def fuse(
    lexical: Mapping[str, float], dense: Mapping[str, float], config: FusionConfig
) -> list[tuple[str, float]]:
    """Both rankings fused per `config`, as (id, fused score) best first, ties by id."""
    if config.method == "rrf":
        fused = rrf(
            [
                (_best_first(lexical), config.lexical_weight),
                (_best_first(dense), 1.0 - config.lexical_weight),
            ],
            k=config.rrf_k,
        )
    else:
        fused = weighted([(lexical, config.lexical_weight), (dense, 1.0 - config.lexical_weight)])
    return sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))
