"""Gas emergencies are recognised however residents put it; ordinary questions never are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.emergency import emergency_sign, is_gas_emergency
from tests.unit.test_triage import TRIAGE

DATA = Path(__file__).resolve().parents[2] / "knowledge" / "training" / "gas_danger"

EMERGENCIES = [
    "闻到煤气味",
    "闻到煤气味怎么办",
    "家里有煤气味",
    "厨房好大一股煤气味！",
    "我家燃气泄漏了",
    "燃气泄漏",
    "煤气罐漏气了怎么办",
    "楼道里有很浓的燃气味",
    "天然气管子在漏气，嘶嘶响",
    "煤气味好重啊快来人",
    "屋里一股臭鸡蛋味",
    "液化气瓶漏了",
    "燃气报警器一直响",
    "餐厅后厨漏气了",
    "煤 气 味 很 大",
    "家裏有煤氣味",  # traditional characters
    "ｇａｓ ｌｅａｋ",  # full-width letters
    "I smell gas in my kitchen",
    "There is a gas leak in our building",
    "gas is leaking from the stove",
    "smells of gas on the stairs",
    "gas smell in the flat next door",
    "LPG cylinder leaking!!",
    "help gas leak",
    "my gas alarm is going off",
    "闻到燃气味，报警器也在响",
    "煤气！！",
    "救命 漏气",
    "石油氣漏咗 點算",
    "媒气味好大 宿舍楼道里",
    "工地上的燃气管被挖断了 在喷气",
    "燃气表一直在转但是我家什么都没开",
    "老人家忘记关煤气 现在屋里全是味 人有点迷糊",
    "煤气味好浓 如果开灯会不会爆炸",
    "the gas meter is spinning but all appliances are off",
    "There's a hissing sound from the gas pipe",
]

ORDINARY = [
    "旧楼装管道气要多少钱",
    "旧楼装管道燃气有补贴吗？",
    "煤气罐能放地下室吗",
    "燃气热水器可以装在浴室吗",
    "燃气报警器应该装在哪里",
    "怎么检查燃气是否泄漏",
    "如果闻到煤气味应该怎么办",
    "万一燃气泄漏要注意什么",
    "燃气泄漏会怎么处罚",
    "城镇燃气管理条例规定了什么",
    "煤气软管多久换一次",
    "液化气钢瓶的二维码有什么用",
    "燃气公司上门安检要收费吗",
    "学校燃气安全演练怎么组织",
    "家里没有煤气味但报修了",
    "what should I do if I smell gas",
    "how do I check for a gas leak",
    "gas leak detector recommendations",
    "what is the fine for a gas leak",
    "is there a subsidy for piped gas",
    "装了自闭阀是不是就不怕漏气了",
    "怎么看燃气表知道家里有没有漏气",
    "煤气味系点嘅味",
    "为什么煤气会有臭鸡蛋味",
    "上个月家里漏气已经修好了，想问下能不能投诉燃气公司",
    "燃气报警器在哪里买",
    "自行车轮胎漏气了",
    "烟雾报警器一直响",
    "垃圾桶满了好臭",
    "gas leak detector recommendations",
    "My gas leak last week was fixed, how do I file a complaint?",
    "垃圾桶满了",
    "你好",
    "",
    "   ",
    "🔥🔥🔥",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_phrasings_raise_the_alarm(text: str) -> None:
    assert is_gas_emergency(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_questions_do_not(text: str) -> None:
    assert not is_gas_emergency(text)


def test_long_text_is_bounded() -> None:
    assert not is_gas_emergency("垃圾" * 10_000)
    assert is_gas_emergency("闻到煤气味" + "。" * 10_000)


def _lines(name: str) -> list[tuple[str, bool]]:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    return [(row["text"], row["emergency"]) for row in rows]


@pytest.mark.parametrize(
    ("text", "emergency"),
    _lines("gas_emergency_dev.jsonl") + _lines("gas_emergency_holdout.jsonl"),
)
def test_every_older_tuning_message_is_told_apart(text: str, emergency: bool) -> None:
    # 599 messages written blind by three helpers: once the rules' tuning and held-out sets,
    # now training data of the model (what it does on writers it has not read is measured by
    # `citybot triage train`). Every one is right, so this guards against regressions.
    assert is_gas_emergency(text) is emergency


def test_the_sign_is_what_the_resident_said() -> None:
    assert emergency_sign("厨房好大一股煤气味！") is not None
    assert emergency_sign("如果闻到煤气味应该怎么办") is None
    suggestion = TRIAGE.suggest("救命 漏气")
    assert (suggestion.category, suggestion.urgent, suggestion.evidence) == ("gas", True, "漏气")
