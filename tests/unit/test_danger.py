"""The gas-danger tiers: a danger gets the steps, a maybe gets a safety line, the rest nothing."""

from __future__ import annotations

import pytest

from knowledge.emergency import emergency_sign as old_emergency_sign
from knowledge.emergency import is_gas_emergency as old_is_gas_emergency
from knowledge.triage import DangerAssessment, assess_danger, is_gas_emergency
from knowledge.triage.danger import decide
from knowledge.triage.danger_model import MODEL_PATH, DangerModel, shipped_model
from knowledge.triage.danger_rules import Framing
from knowledge.triage.danger_text import fold

# A story with no gas in it, 600 characters, to bury sentences in.
STORY = (
    "今天早上我去菜市场买菜，买了两斤排骨和一把青菜，回来的路上遇到了楼下的王阿姨，"
    "聊了一会儿她孙子考大学的事情。"
) * 12

DANGERS = [
    "闻到煤气味",
    "厨房好大一股煤气味！",
    "家裏有煤氣味，好濃",  # traditional characters
    "屋企好大煤氣味 點算",  # Cantonese
    "石油氣漏咗 點算",
    "燃气报警器一直响",
    "燃气灶着火了，扑不灭",
    "洗澡的时候头晕想吐，热水器在浴室里",
    "工地挖断了燃气管，在喷气",
    "I smell gas in my kitchen",
    "gas leak!!",
    "煤气味好浓 如果开灯会不会爆炸",  # the danger is stated; the "if" asks what to do
    "没闻到味但是燃气管断了",  # no smell, but a broken pipe
    "燃气报警器一直响，没闻到味",
    "我鼻子塞闻不到，老公说厨房有煤气味",
    STORY + "刚才回到家，厨房里一股很浓的煤气味，我现在在楼下。" + STORY,
]

POSSIBLE = [
    "厨房好像有点怪味，不是煤气吧",  # unsure, and hoping it is not gas
    "報警器響咗一聲就停咗",
    "没有煤气味",  # a sign, negated: never the full alarm, but worth one safety line
    "家里没有煤气味但报修了",
]

NONE = [
    "如果闻到煤气味应该怎么办",  # hypothetical
    "万一燃气泄漏要注意什么",
    "上个月家里漏气，已经修好了",  # past
    "燃气泄漏会怎么处罚",
    "煤气罐能放地下室吗",
    "燃气费怎么交",
    "how much is the gas bill",
    "气死我了，楼下又乱停车",  # other senses of 气
    "他生气了",
    "天气太热了",
    "自行车轮胎漏气了",
    "垃圾桶满了好臭",
    "白云区同和街蟾蜍石东路12号",  # a typed address, as the report asks for
    "天河区体育西路101号3楼",
    STORY,
    "",
    "   ",
    "🔥🔥🔥",
]


@pytest.mark.parametrize("text", DANGERS)
def test_dangers_get_the_full_alarm_with_the_words_that_raised_it(text: str) -> None:
    found = assess_danger(text)
    assert found.tier == "danger", found
    assert found.sign and found.sign in fold(text)
    assert is_gas_emergency(text) and old_is_gas_emergency(text)
    assert old_emergency_sign(text) == found.sign


@pytest.mark.parametrize("text", POSSIBLE)
def test_maybes_get_a_safety_line_but_not_the_alarm(text: str) -> None:
    found = assess_danger(text)
    assert found.tier == "possible", found
    assert found.sign is not None
    assert not is_gas_emergency(text)


NEVER_THE_ALARM = [
    # Since voices 7–9 (many English speakers in present danger say "smell gas"), the model
    # gives this one the safety line; the hypothetical framing still keeps it from the alarm.
    "what should I do if I smell gas",
    "如果闻到煤气味应该怎么办",
    "the kitchen smells burnt, not gas",
    "不是gas啦，是臭豆腐",
    "我梦到家里漏气了",
    "情景题：小明闻到厨房有臭鸡蛋味，他该怎么做？",
]


@pytest.mark.parametrize("text", NEVER_THE_ALARM)
def test_hypotheticals_never_get_the_full_alarm(text: str) -> None:
    found = assess_danger(text)
    assert found.tier != "danger", found
    assert not is_gas_emergency(text)


@pytest.mark.parametrize("text", NONE)
def test_questions_past_leaks_and_other_senses_of_qi_get_nothing(text: str) -> None:
    assert assess_danger(text) == DangerAssessment("none", assess_danger(text).probability, None)
    assert old_emergency_sign(text) is None


def test_no_text_is_no_danger() -> None:
    assert assess_danger(None) == DangerAssessment("none", 0.0, None)


def test_a_past_leak_in_a_long_story_is_not_an_alarm() -> None:
    text = STORY + "以前我家闻到过煤气味，后来查出来是邻居炒菜。" + STORY
    assert assess_danger(text).tier != "danger"


def test_a_danger_at_the_end_of_a_telegram_length_message_is_found() -> None:
    text = (STORY * 7)[: 4096 - 12] + "救命！厨房漏气了！"
    assert len(text) <= 4096
    assert assess_danger(text).tier == "danger"


def test_what_lies_past_telegrams_limit_is_not_read() -> None:
    assert assess_danger("垃圾" * 10_000).tier == "none"
    assert assess_danger("闻到煤气味" + "。" * 10_000).tier == "danger"


def test_probability_grows_with_the_evidence() -> None:
    assert assess_danger("煤气味好浓").probability > assess_danger("煤气罐能放地下室吗").probability


def test_framing_keeps_a_sign_from_the_alarm_and_a_stated_danger_with_a_question_raises_it() -> (
    None
):
    plain = Framing("煤气味", not_now=False, asks_what_to_do=False)
    framed = Framing("煤气味", not_now=True, asks_what_to_do=False)
    asking = Framing("煤气味", not_now=False, asks_what_to_do=True)
    assert decide(0.9, plain, t_danger=0.8, t_possible=0.1) == "danger"
    assert decide(0.9, framed, t_danger=0.8, t_possible=0.1) == "possible"
    assert decide(0.5, plain, t_danger=0.8, t_possible=0.1) == "possible"
    assert decide(0.5, asking, t_danger=0.8, t_possible=0.1) == "danger"
    assert decide(0.05, asking, t_danger=0.8, t_possible=0.1) == "none"


def test_the_shipped_model_is_small_plain_arrays_with_ordered_thresholds() -> None:
    assert MODEL_PATH.stat().st_size < 2_000_000
    model = DangerModel.read(MODEL_PATH)  # allow_pickle=False: arrays and JSON only
    assert 0.0 < model.t_possible < model.t_danger < 1.0
    assert model.buckets.size == model.coef.size == model.idf.size > 10_000
    assert shipped_model() is shipped_model()  # read once


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("家裏有煤氣味", "家里有煤气味"),
        ("ＧＡＳ　ＬＥＡＫ", "gas leak"),
        ("煤 气 味 很 大", "煤气味很大"),
        ("石油氣漏咗 點算", "石油气漏了怎么办"),
        ("冇人喺屋企", "没有人在家里"),
        ("媒气味", "煤气味"),
        ("燃气\x00泄漏", "燃气泄漏"),
        ("1200 蚊", "1200元"),
    ],
)
def test_the_fold_reads_traditional_full_width_cantonese_and_typos_alike(
    text: str, folded: str
) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["在", "在家", "我在家", "家", "我家", "help", "开始", "好的"])
def test_a_short_answer_to_the_bot_raises_nothing(text: str) -> None:
    # Typed at a step ("where are you?" → "在家"): one n-gram must not decide a tier alone.
    assert assess_danger(text).tier == "none"


@pytest.mark.parametrize("text", ["有味", "漏气了", "gas!!", "有味！！", "救命 着火了"])
def test_a_short_cry_for_help_still_gets_the_steps(text: str) -> None:
    assert assess_danger(text).tier == "danger"
