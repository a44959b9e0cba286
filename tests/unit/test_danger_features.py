"""What the gas-danger model reads: character 1–4-grams with digits as 0, and Latin words."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from knowledge.triage.danger_model import MODEL_PATH, DangerModel, Params
from knowledge.triage.danger_text import codes_of, fold, ngram_buckets, word_buckets


def test_house_numbers_read_alike_when_digits_are_zero() -> None:
    first, second = codes_of("3栋1201"), codes_of("8栋5506")
    assert [b.tolist() for b in ngram_buckets(first, digits=True)] == [
        b.tolist() for b in ngram_buckets(second, digits=True)
    ]
    assert ngram_buckets(first)[0].tolist() != ngram_buckets(second)[0].tolist()


def test_latin_words_and_their_pairs_are_features_where_they_start() -> None:
    text = fold("It smells burnt, NOT gas")
    buckets, starts = word_buckets(codes_of(text))
    words = ["it", "smells", "burnt", "not", "gas"]
    assert buckets.size == len(words) + len(words) - 1  # each word, each two neighbours
    assert starts.tolist() == [text.index(w) for w in words] + [text.index(w) for w in words[:-1]]
    alone, _ = word_buckets(codes_of("gas"))
    assert alone[0] == buckets[words.index("gas")]  # a word is the same feature anywhere
    assert word_buckets(codes_of("煤气味"))[0].size == 0


def test_a_model_file_keeps_how_it_reads(tmp_path: Path) -> None:
    shipped = DangerModel.read(MODEL_PATH)
    assert shipped.params == Params()  # the shipped file reads what training wrote
    older = DangerModel(  # how the model read before digits and words
        buckets=shipped.buckets,
        coef=shipped.coef,
        idf=shipped.idf,
        intercept=shipped.intercept,
        calibration=shipped.calibration,
        t_danger=shipped.t_danger,
        t_possible=shipped.t_possible,
        params=Params(orders=(1, 2, 3), digits=False, words=False),
    )
    older.save(tmp_path / "older.npz")
    again = DangerModel.read(tmp_path / "older.npz")
    assert again.params == older.params
    assert np.array_equal(again.coef, older.coef)


def test_the_feature_every_message_has_shrinks_a_short_message_toward_its_learned_prior(
    tmp_path: Path,
) -> None:
    shipped = DangerModel.read(MODEL_PATH)
    assert shipped.params.prior > 0 and shipped.prior_coef < 0  # short messages lean "none"
    without = replace(shipped, params=Params(prior=0.0))
    # The prior's pull is largest on the shortest message, and fades as a message grows.
    short, long = fold("在家"), fold("我在家，厨房里一直有很浓的煤气味，火都关了还是有，怎么办")
    pull_short = without.raw_score(short)[0] - shipped.raw_score(short)[0]
    pull_long = without.raw_score(long)[0] - shipped.raw_score(long)[0]
    assert pull_short > pull_long > 0
    shipped.save(tmp_path / "again.npz")
    assert DangerModel.read(tmp_path / "again.npz").prior_coef == shipped.prior_coef
