"""The Open311 service codes file: the shipped one offers every shipped category once; over an
operator's own categories it offers what fits and the rest under their own codes; an
operator's services file that does not fit the categories stops with a line naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.web.open311.directory import ServicesFileError, load_directory
from storage import load_catalog

OWN_CATEGORIES = """
timezone: Asia/Shanghai
emergency_category: gas
question_category: desk
departments:
  gas: {zh: 燃气科, en: Gas}
  desk: {zh: 窗口, en: Desk}
categories:
  - {code: gas, zh: 燃气安全, en: Gas safety, department: gas, deadline: {hours: 2}}
  - {code: desk, zh: 咨询, en: Questions, department: desk, deadline: {hours: 72}}
"""


def test_the_shipped_file_offers_every_shipped_category_once() -> None:
    catalog = load_catalog()
    directory = load_directory(None, catalog)
    assert sorted(s.category.code for s in directory.services) == sorted(catalog.categories)
    codes = [s.code for s in directory.services]
    assert len(set(codes)) == len(codes)
    gas = directory.by_category("gas")
    assert gas is not None and directory.by_code(gas.code) is gas
    assert gas.name("en") == "Gas safety" and gas.name("zh-hant") == "燃氣安全"
    assert "119" in gas.describe("zh") and "119" in gas.describe("en")


def test_shipped_codes_over_an_operators_categories(tmp_path: Path) -> None:
    path = tmp_path / "categories.yaml"
    path.write_text(OWN_CATEGORIES, "utf-8")
    directory = load_directory(None, load_catalog(path))
    assert [(s.code, s.category.code) for s in directory.services] == [
        ("005", "gas"),
        ("desk", "desk"),
    ]
    assert directory.by_category("desk").describe("en") == "Questions"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("services: []", "non-empty list"),
        ("services: [{service_code: '1', category: nowhere}]", "'nowhere' is not one of"),
        (
            "services: [{service_code: '1', category: gas}, {service_code: '1', category: other}]",
            "service_code '1' is listed twice",
        ),
        (
            "services: [{service_code: '1', category: gas}, {service_code: '2', category: gas}]",
            "category 'gas' is listed twice",
        ),
        ("services: [{service_code: 'a b', category: gas}]", "letters, digits"),
        ("services: [{service_code: '1', category: gas, keywords: gas}]", "keywords"),
        ("services: [{service_code: '1', category: gas, description: {fr: x}}]", "zh and/or en"),
        ("services: [oops", "cannot read"),
    ],
)
def test_an_operators_file_that_does_not_fit_is_refused(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "services.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ServicesFileError) as raised:
        load_directory(path, load_catalog())
    assert problem in str(raised.value) and str(path) in str(raised.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ServicesFileError, match="cannot read"):
        load_directory(tmp_path / "nowhere.yaml", load_catalog())
