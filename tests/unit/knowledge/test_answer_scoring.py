"""How `citybot kb eval-answers` reads a question file and judges an answer's text."""

from __future__ import annotations

import json
from pathlib import Path

from knowledge.answer.scoring import Reply, load_answer_cases, states, written_in


def _cases(tmp_path: Path, *rows: dict[str, object]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_a_flat_list_is_one_fact_written_several_ways(tmp_path: Path) -> None:
    path = _cases(
        tmp_path, {"question": "补贴多少", "lang": "zh", "facts": ["1200元", "一千二百元"]}
    )
    (case,) = load_answer_cases(path)
    assert case.facts == (("1200元", "一千二百元"),)
    assert states("居民每户最多出 1,200 元。", case.facts)


def test_a_list_of_lists_is_several_facts_each_needed(tmp_path: Path) -> None:
    path = _cases(
        tmp_path, {"question": "q", "lang": "zh", "facts": [["119"], ["关阀", "关闭阀门"]]}
    )
    (case,) = load_answer_cases(path)
    assert states("请关闭阀门，到室外拨打119。", case.facts)
    assert not states("请到室外拨打119。", case.facts)


def test_a_cantonese_question_is_answered_in_written_chinese() -> None:
    reply = Reply(text="居民每户最多出1200元。", lang="zh", abstained=False)
    assert written_in(reply, "yue")
    assert not written_in(reply, "en")
