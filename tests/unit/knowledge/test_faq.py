"""The FAQ: loading and validating its files, matching questions, backing entries up."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer.faq import FaqEntry, FaqFileError, load_faq, load_faq_file
from knowledge.answer.faq_match import FaqIndex, FaqMatch
from knowledge.answer.language import asker_language
from knowledge.answer.select import supported
from knowledge.ingest.store import Chunk
from knowledge.search.retriever import Hit

GOOD = """\
- id: bins-01
  question: 垃圾桶满了怎么办？
  similar: [垃圾桶爆满, 垃圾满晒冇人收, bins overflowing, 垃圾箱满了, 垃圾溢出来了,
            桶满了没人清, 垃圾堆满了找谁, lajitong man le]
  answer:
    zh: 拍照上报，24小时内处理。
    en: Report it with a photo; it is handled within 24 hours.
  source: sanitation-cleaning-overflowing-bins.md
  passage: 处置时限为24小时
"""


def _entry(entry_id: str, question: str, similar: tuple[str, ...], passage: str) -> FaqEntry:
    return FaqEntry(
        id=entry_id,
        question=question,
        similar=similar,
        answers={"zh": f"{question}的答案", "en": f"answer to {entry_id}"},
        source="doc.md",
        passage=passage,
    )


def test_the_shipped_faq_loads_and_covers_every_corpus_document() -> None:
    entries = load_faq()
    corpus = Path(__file__).resolve().parents[3] / "knowledge" / "corpus"
    assert len(entries) >= 150
    assert {entry.source for entry in entries} == {path.name for path in corpus.glob("*.md")}
    assert all(len(entry.similar) >= 8 and entry.answers["en"] for entry in entries)


def test_a_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "bins.yaml"
    path.write_text(GOOD, encoding="utf-8")
    [entry] = load_faq_file(path)
    assert entry.answer_in("en").startswith("Report it")
    assert entry.answer_in("fr") == "拍照上报，24小时内处理。"  # no French: the Chinese one


@pytest.mark.parametrize(
    ("broken", "says"),
    [
        (
            GOOD.replace("    en: Report it with a photo; it is handled within 24 hours.\n", ""),
            "entry bins-01: answer.en is missing",
        ),
        (GOOD.replace(", lajitong man le", ""), "entry bins-01: 7 similar questions, at least 8"),
        (
            GOOD.replace("sanitation-cleaning-overflowing-bins.md", "nowhere.md"),
            "entry bins-01: source nowhere.md is not a corpus document",
        ),
        (GOOD.replace("  passage: 处置时限为24小时\n", ""), "entry bins-01: passage is missing"),
        (GOOD + "- [not, a, mapping]\n", "entry 2 is not a mapping"),
        ("- id: x\n  similar: [unclosed\n", "not valid YAML"),
    ],
)
def test_a_malformed_file_is_refused_naming_file_and_entry(
    tmp_path: Path, broken: str, says: str
) -> None:
    path = tmp_path / "bins.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(FaqFileError) as error:
        load_faq_file(path, sources={"sanitation-cleaning-overflowing-bins.md"})
    assert str(error.value).startswith("bins.yaml")
    assert says in str(error.value)


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(FaqFileError, match=r"bins-01: id already used in a\.yaml"):
        load_faq(tmp_path, sources={"sanitation-cleaning-overflowing-bins.md"})


def test_entries_are_frozen() -> None:
    entry = _entry("e1", "问题", ("a",) * 8, "段落")
    with pytest.raises(AttributeError):
        entry.question = "别的"  # type: ignore[misc]
    with pytest.raises(TypeError):
        entry.answers["zh"] = "改了"  # type: ignore[index]


def test_matching_standardises_dialect_and_traditional_characters() -> None:
    index = FaqIndex(
        [
            _entry("gas", "旧楼加装管道燃气有补贴吗", ("老楼装燃气补多少",) * 8, "补助"),
            _entry("bins", "垃圾桶满了怎么办", ("垃圾满了",) * 8, "清运"),
        ]
    )
    [best, other] = index.match("舊樓裝管道煤氣有冇補貼", k=2)
    assert best.entry.id == "gas" and best.score > other.score
    assert index.match("   ") == []
    assert FaqIndex([]).match("旧楼") == []


def _hit(text: str) -> Hit:
    chunk = Chunk(id="d:0", text=text, doc_id="d", source="doc.md", title="标题")
    return Hit(chunk=chunk, score=1.0, lexical=1.0, dense=0.0)


def _match(score: float, passage: str = "一千元每户") -> FaqMatch:
    return FaqMatch(entry=_entry("e", "问", ("q",) * 8, passage), score=score, matched="问")


OTHER = [_hit("别的内容。")]


def test_an_entry_is_backed_up_when_a_retrieved_passage_holds_its_passage() -> None:
    assert supported(_match(0.2), [_hit("据报道，补助标准为一千元 每户。")], depth=3)
    assert not supported(_match(0.2), OTHER, depth=3)
    assert not supported(_match(0.2), [*OTHER, _hit("补助标准为一千元每户。")], depth=1)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("What should I do if I smell gas?", "en"),
        ("my grandparents' building in 越秀 is from the 80s, any subsidy?", "en"),
        ("旧楼装gdq有bt吗", "zh"),
        ("煤气罐能放地下室吗", "zh"),
        ("ok", "zh"),  # too short to tell: the bot's first language
    ],
)
def test_the_askers_language_comes_from_the_question(question: str, lang: str) -> None:
    assert asker_language(question) == lang
