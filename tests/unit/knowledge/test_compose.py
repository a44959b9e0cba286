"""The passage composer: the sentence answering the question's type first, nothing else noisy."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from knowledge.answer.compose import COMPOSED_CHARS, compose
from knowledge.ingest.store import Chunk
from knowledge.search.retriever import Hit
from knowledge.text import terms

PASSAGE = (
    "## 补助发给谁\n"
    "2024年4月，广州市城管局发布了旧楼加装管道燃气补助方案（以下简称《方案》）。"
    "具体发文日期本文未能核实。"
    "旧楼居民报装管道燃气，价格最高不超过1200元/户。"
    "旧楼加装管道燃气工程一般在三个月内完成。"
    "旧楼居民报装管道燃气，价格最高不超过1200元/户。"
    "如有疑问，旧楼居民可以拨打12345热线咨询管道燃气报装。"
    "Residents of old buildings pay at most 1,200 yuan for a piped gas connection."
)


def _hits(text: str = PASSAGE) -> list[Hit]:
    chunk = Chunk(id="d:0", text=text, doc_id="d", source="d.md", title="补助")
    return [Hit(chunk=chunk, score=1.0, lexical=1.0, dense=0.0)]


def _compose(question: str, *, english: bool = False) -> list[str]:
    picked = compose(_hits(), question, terms(question), lambda _: 1.0, english=english)
    return [sentence for _, sentence in picked]


@pytest.mark.parametrize(
    ("question", "leads_with"),
    [
        ("旧楼加装管道燃气要多少钱", "1200元"),
        ("旧楼加装管道燃气要多久", "三个月"),
        ("旧楼管道燃气报装打什么电话", "12345"),
    ],
)
def test_the_sentence_answering_the_question_type_comes_first(
    question: str, leads_with: str
) -> None:
    assert leads_with in _compose(question)[0]


def test_no_headings_meta_text_asides_or_repeats() -> None:
    sentences = _compose("旧楼加装管道燃气补助多少钱")
    text = "".join(sentences)
    assert "补助发给谁" not in text and "本文未能核实" not in text and "以下简称" not in text
    assert text.count("最高不超过1200元/户") == 1
    assert len(text) <= COMPOSED_CHARS


def test_an_english_question_gets_the_english_summary_when_there_is_one() -> None:
    assert _compose("How much do residents of old buildings pay for piped gas?", english=True) == [
        "Residents of old buildings pay at most 1,200 yuan for a piped gas connection."
    ]


def test_a_labelled_list_sentence_keeps_its_section_name() -> None:
    text = "## 其他垃圾\n\n常见例子：用过的纸巾、厕纸，尿不湿，烟头。\n\n其他垃圾投到灰色桶。"
    picked = compose(_hits(text), "用过的纸巾扔哪类", terms("用过的纸巾扔哪类"), lambda _: 1.0)
    assert picked[0][1] == "其他垃圾常见例子：用过的纸巾、厕纸，尿不湿，烟头。"


HOSE = "每月至少看一次燃气软管有没有裂纹、鼓包、变硬。燃气软管变硬、龟裂要马上更换。"
DEADLINES = "各类工单的处置时限：燃气安全：2小时；每一次状态变化，机器人都会通知您。"


def _two_documents() -> list[Hit]:
    hose = Chunk(id="h:0", text=HOSE, doc_id="h", source="hose.md", title="软管")
    deadlines = Chunk(id="p:0", text=DEADLINES, doc_id="p", source="process.md", title="时限")
    return [
        Hit(chunk=hose, score=1.0, lexical=1.0, dense=0.0),
        Hit(chunk=deadlines, score=0.5, lexical=0.5, dense=0.0),
    ]


def test_a_sentence_of_the_asked_type_about_something_else_does_not_lead() -> None:
    # "燃气安全：2小时" has a duration and shares 燃气, but not how often a hose is changed
    question = "燃气软管多久换一次"
    picked = compose(_two_documents(), question, terms(question), lambda _: 1.0)
    sentences = [sentence for _, sentence in picked]
    assert "软管" in sentences[0]
    assert not any("2小时" in s or "状态变化" in s for s in sentences)


def test_a_sentence_weighs_the_same_in_every_process() -> None:
    """Which of two equally good sentences leads must not change with a restart: Python
    hashes strings differently in each process, and a sum over a set changed with it."""
    script = (
        "from knowledge.answer.compose import _overlap\n"
        "from knowledge.text import terms\n"
        "sentence = '旧楼居民报装管道燃气，价格最高不超过1200元/户，工程一般在三个月内完成。'\n"
        "wanted = {term: (i + 1) / 7 for i, term in enumerate(terms(sentence))}\n"
        "print(repr(_overlap(wanted, sentence)))\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in range(3)
    ]
    printed = {run.communicate(timeout=120)[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(printed) == 1
