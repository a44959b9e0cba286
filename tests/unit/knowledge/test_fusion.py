"""Fusing lexical and dense rankings."""

from __future__ import annotations

import pytest

from knowledge.search.fusion import FusionConfig, fuse, rrf, weighted


def test_rrf_rewards_agreement_between_rankers() -> None:
    fused = rrf([(["a", "b", "c"], 1.0), (["b", "a", "d"], 1.0)], k=60)
    assert fused["a"] == pytest.approx(fused["b"])
    assert fused["a"] > fused["c"] > 0
    assert fused["c"] == pytest.approx(fused["d"])


def test_weighted_normalises_each_run_by_its_best_score() -> None:
    fused = weighted([({"a": 10.0, "b": 5.0}, 0.5), ({"a": 0.2, "c": 0.4}, 0.5)])
    assert fused == pytest.approx({"a": 0.5 + 0.25, "b": 0.25, "c": 0.5})


def test_weighted_ignores_an_empty_or_all_zero_run() -> None:
    assert weighted([({}, 0.5), ({"a": 0.0}, 0.5), ({"b": 2.0}, 0.5)]) == {"b": 0.5}


def test_lexical_weight_one_reproduces_the_lexical_order() -> None:
    lexical = {"a": 3.0, "b": 2.0, "c": 1.0}
    dense = {"c": 0.9, "b": 0.8, "a": 0.1}
    for method in ("rrf", "weighted"):
        ranked = fuse(lexical, dense, FusionConfig(method=method, lexical_weight=1.0))
        assert [item for item, score in ranked if score > 0] == ["a", "b", "c"]


def test_dense_only_hits_still_appear() -> None:
    ranked = fuse({"a": 1.0}, {"z": 0.7}, FusionConfig(lexical_weight=0.6))
    assert [item for item, _ in ranked] == ["a", "z"]


def test_ties_are_broken_by_id_so_results_are_deterministic() -> None:
    ranked = fuse({"b": 1.0, "a": 1.0}, {}, FusionConfig(method="weighted", lexical_weight=1.0))
    assert [item for item, _ in ranked] == ["a", "b"]


def test_weight_outside_zero_one_is_refused() -> None:
    with pytest.raises(ValueError):
        FusionConfig(lexical_weight=1.5)
