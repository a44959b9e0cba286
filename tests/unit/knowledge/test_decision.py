"""The decision between the candidate answers: what kind of fact a question asks, the
model's file, and the rules around it (a FAQ asked word for word answers; a standard answer
saying the documents lack the fact is an abstention)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer.asks import ask_of
from knowledge.answer.candidates import Candidate
from knowledge.answer.decision import DecisionModel, DecisionModelError, decide
from knowledge.answer.decision_training import CurvePoint, choose_threshold
from knowledge.answer.faq import FaqEntry
from knowledge.answer.faq_match import FaqMatch
from knowledge.search.dialect import standardize


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("马路上井盖冇咗，几耐会有人嚟整", "duration"),
        ("舊樓加裝管道煤氣，我哋住戶自己最多要俾幾多錢？", "amount"),
        ("I want to report a problem with garbage fee. How many days for it?", "duration"),
        ("煤气罐的胶管最长能用多长", "length"),
        ("How long can a rubber gas hose be at most?", "length"),
        ("When did the Guangzhou waste sorting regulation take effect?", "when"),
        ("城乡规划法是哪年开始实施的？", "when"),
        ("屋企闻到煤气味要打咩电话", "contact"),
        ("钢瓶可以放阳台吗", "permission"),
        ("Why can't I pour hot water on the cylinder when the gas almost finish?", None),
        ("垃圾分几类", None),
    ],
)
def test_the_kind_of_fact_a_question_asks_for(question: str, kind: str | None) -> None:
    ask = ask_of(standardize(question))
    assert (ask.name if ask else None) == kind


@pytest.mark.parametrize(
    ("kind", "stated", "not_stated"),
    [
        ("马路上井盖冇咗几耐有人整", "处置时限为2小时。", "请拍照上报。"),
        ("活动搞了多久", "半天。", "活动在东村举行。"),
        ("最多要付多少钱", "No more than 1,200 yuan per household.", "费用以报价为准。"),
        ("胶管最长几米", "软管长度不超过2米。", "软管要定期更换。"),
        ("条例几时实施", "2018年7月1日起施行。", "条例分七章。"),
    ],
)
def test_an_answer_states_the_kind_asked_for(kind: str, stated: str, not_stated: str) -> None:
    ask = ask_of(standardize(kind))
    assert ask is not None and ask.strict
    assert ask.stated_in(stated) and not ask.stated_in(not_stated)


def _model(threshold: float = 0.5) -> DecisionModel:
    # One feature: the probability is the logistic of (score - 0.5) * 10.
    return DecisionModel(("score",), (0.5,), (0.1,), (1.0,), intercept=0.0, threshold=threshold)


def _faq(
    score: float, answer: str = "居民报装价格最高不超过1200元/户。", question_score: float = 0.0
) -> Candidate:
    entry = FaqEntry(
        "e", "问", ("q",) * 8, {"zh": answer, "en": "At most 1,200 yuan."}, "a.md", "p"
    )
    match = FaqMatch(entry=entry, score=score, matched="问", question_score=question_score)
    return Candidate("faq", answer, match=match, features={"score": score})


def test_the_likeliest_candidate_answers_when_likely_enough() -> None:
    weak, strong = _faq(0.45), _faq(0.65)
    decision = decide([weak, strong], _model())
    assert decision.candidate is strong and decision.probability > 0.8
    assert decide([weak], _model()).candidate is None  # below the threshold: the hand-over
    assert decide([], _model()).candidate is None


def test_an_english_asker_gets_an_english_answer_likely_enough_before_a_chinese_one() -> None:
    chinese = Candidate("passage", "餐厨垃圾常见例子：蛋壳、茶渣。", features={"score": 0.66})
    english = _faq(0.58, "They are food (kitchen) waste: eggshells, tea leaves.")
    assert decide([chinese, english], _model(), lang="en").candidate is english
    # A Chinese reader still gets the likeliest; an English one below the threshold is no
    # reason to refuse the Chinese answer.
    assert decide([chinese, english], _model(), lang="zh").candidate is chinese
    assert decide([chinese, _faq(0.45, english.text)], _model(), lang="en").candidate is chinese


def test_a_faq_question_asked_word_for_word_answers_whatever_the_model_says() -> None:
    verbatim = _faq(0.9)
    assert decide([verbatim], _model(threshold=1.0)).candidate is verbatim
    # Its own question matched, though the entry's answers share few words with it.
    asked_as_written = _faq(0.68, question_score=1.0)
    assert decide([asked_as_written], _model(threshold=1.0)).candidate is asked_as_written
    assert decide([_faq(0.68, question_score=0.8)], _model(threshold=1.0)).candidate is None


def test_a_standard_answer_saying_the_documents_lack_the_fact_is_an_abstention() -> None:
    lacking = _faq(0.65, "资料没有给出具体罚款数额，请向区城市管理部门咨询。")
    english = _faq(0.65, "The documents don't give an exact figure; ask your gas company.")
    assert lacking.says_documents_lack_it and english.says_documents_lack_it
    assert decide([lacking], _model()).candidate is None
    assert decide([_faq(0.95, lacking.text)], _model()).candidate is None
    # Saying so after answering what was asked is an answer ("可能会。… 没有给出").
    partial = _faq(0.65, "可能会。条例规定可以罚款，广州的具体标准资料没有给出。")
    assert not partial.says_documents_lack_it and decide([partial], _model()).candidate


def test_the_shipped_model_loads_and_a_broken_file_is_named(tmp_path: Path) -> None:
    model = DecisionModel.load()
    assert model.features and 0.0 < model.threshold < 1.0
    broken = tmp_path / "model.json"
    broken.write_text('{"format": 1, "features": ["a"], "mean": [], "scale": [], "weights": []}')
    with pytest.raises(DecisionModelError, match=r"model\.json"):
        DecisionModel.load(broken)
    round_trip = tmp_path / "again.json"
    round_trip.write_text(model.to_json(), encoding="utf-8")
    assert DecisionModel.load(round_trip) == model


def test_the_threshold_is_chosen_where_the_curve_is_best_with_its_neighbours() -> None:
    def point(threshold: float, stated: int, refused: int) -> CurvePoint:
        # 100 answerable and 100 out-of-scope questions; a kb eval file's "stated" is
        # rests-on-the-passage, not counted in the share.
        groups = {"dev": (stated, 100, refused, 100), "kb (passages)": (0, 50, 0, 0)}
        return CurvePoint(threshold, groups)

    curve = [point(0.3, 90, 60), point(0.4, 85, 75), point(0.5, 70, 92), point(0.6, 50, 94)]
    assert curve[1].shares() == (0.85, 0.75)
    # 0.5 alone sums highest (1.62 against 1.60), but 0.4 and its neighbours do better.
    assert choose_threshold(curve).threshold == 0.4
