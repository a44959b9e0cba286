"""A 部件's code is read by its parts (division, major and minor class, sequence) and refused
when a part is wrong; a report's words and category say which class of asset it is about."""

from __future__ import annotations

import pytest

from storage.assets import BadAssetCode, load_asset_classes, parse_code
from storage.assets.codes import make_code
from storage.assets.files import read_asset_file
from storage.assets.sample import DIVISION, sample_path, sample_records

CLASSES = load_asset_classes()


def test_a_code_is_read_into_its_parts() -> None:
    code = parse_code(" 44011101001000123 ", CLASSES)
    assert (code.division, code.major, code.minor, code.sequence) == (
        "440111",
        "01",
        "001",
        "000123",
    )
    assert code.class_code == "01001" and str(code) == "44011101001000123"
    assert make_code("440111", "01001", 123) == "44011101001000123"


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("4401110100100012", "17 digits"),  # 16 digits
        ("440111010010001234", "17 digits"),  # 18
        ("44011101001000１23", "17 digits"),  # a full-width digit
        ("4401110100100012A", "17 digits"),
        ("99011101001000123", "county-level division"),  # no province 99
        ("44000001001000123", "county-level division"),  # a province, not a county
        ("44011109001000123", "major class 09"),
        ("44011101999000123", "class 01999"),
        ("44011101001000000", "sequence 000000"),
    ],
)
def test_a_wrong_part_is_named(code: str, why: str) -> None:
    with pytest.raises(BadAssetCode, match=why):
        parse_code(code, CLASSES)


@pytest.mark.parametrize(
    ("category", "words", "expected"),
    [
        ("facilities", "井盖不见了", "01001"),
        ("facilities", "沙井蓋爛咗", "01001"),  # Cantonese, traditional characters
        ("facilities", "The manhole cover is missing", "01001"),
        ("facilities", "路灯不亮", "01024"),
        ("facilities", "street lights are off", "01024"),
        ("facilities", "路灯下面的井盖松了", "01024"),  # the first mentioned
        ("sanitation", "垃圾桶满了", "03004"),
        ("sanitation", "the bins are overflowing", "03004"),
        ("gas", "小区燃气调压箱有异响", "01018"),
        ("greening", "行道树倒了", "04002"),
        ("facilities", "消防栓漏水", "01014"),
    ],
)
def test_a_report_is_about_the_class_its_words_and_category_say(
    category: str, words: str, expected: str
) -> None:
    found = CLASSES.match(category=category, words=words)
    assert found is not None and found.code == expected


@pytest.mark.parametrize(
    ("category", "words"),
    [
        ("facilities", "路面有坑"),  # an 事件
        ("sanitation", "路边有垃圾"),
        ("street_order", "井盖旁边有人摆摊"),  # a category no class of 井盖 is reported in
        ("gas", "煤气罐放在楼道"),
        ("facilities", "the cabinet door is broken"),  # "bin" is no word of it
    ],
)
def test_words_about_no_asset_match_none(category: str, words: str) -> None:
    assert CLASSES.match(category=category, words=words) is None


def test_a_class_is_found_by_code_or_name() -> None:
    assert CLASSES.find("01001") == CLASSES.find("井盖") == CLASSES.find("Manhole Cover")
    assert CLASSES.find("電線杆") is None


def test_the_shipped_sample_is_the_generators_and_reads_cleanly() -> None:
    records = read_asset_file(sample_path(), CLASSES)
    assert records == sample_records()
    assert len(records) > 300
    assert all(r.sample and r.code.startswith(DIVISION) for r in records)
    assert {r.class_code for r in records} == set(CLASSES.classes)
    assert all(int(r.code[11:]) >= 900_001 for r in records)  # clear of a survey's numbers
