"""Categories from the data file and the deadlines they give."""

from __future__ import annotations

from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

import pytest
import yaml

from storage.errors import CategoriesFileError, UnknownCategory
from storage.tickets.categories import load_catalog, parse_catalog

# Monday 2026-11-23 10:00 in Guangzhou (UTC+8)
MONDAY_10AM = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
FRIDAY_4PM = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_shipped_file_has_the_designed_categories() -> None:
    catalog = load_catalog()
    assert {
        "sanitation",
        "greening",
        "street_order",
        "facilities",
        "gas",
        "illegal_construction",
        "sanitation_fees",
        "other",
    } <= set(catalog.categories)
    assert catalog.get("sanitation").zh == "环卫保洁"
    for category in catalog.categories.values():
        assert category.department in catalog.departments


@pytest.mark.parametrize(
    ("code", "urgent", "hours"),
    [
        ("sanitation", False, 24),
        ("greening", False, 48),
        ("street_order", False, 24),
        ("facilities", False, 48),
        ("facilities", True, 2),
        ("gas", False, 2),
        ("other", False, 72),
    ],
)
def test_hour_deadlines(code: str, urgent: bool, hours: int) -> None:
    deadline = load_catalog().deadline_for(code, MONDAY_10AM, urgent=urgent)
    assert (deadline - MONDAY_10AM).total_seconds() == hours * 3600


def test_working_days_skip_the_weekend_and_end_with_the_working_day() -> None:
    catalog = load_catalog()
    # Filed Friday afternoon: 3 working days are Mon, Tue, Wed -> due Wednesday 18:00 local.
    deadline = catalog.deadline_for("sanitation_fees", FRIDAY_4PM)
    assert deadline.astimezone(catalog.timezone) == datetime(
        2026, 12, 2, 18, 0, tzinfo=catalog.timezone
    )


def test_a_deadline_on_a_friday_ends_that_friday_not_at_saturday_midnight() -> None:
    catalog = load_catalog()
    tuesday_9am = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    # 3 working days after Tuesday: Wed, Thu, Fri -> Friday at the end of the working day.
    deadline = catalog.deadline_for("sanitation_fees", tuesday_9am).astimezone(catalog.timezone)
    assert deadline == datetime(2026, 11, 27, 18, 0, tzinfo=catalog.timezone)
    assert deadline.weekday() == 4, "a Friday, not Saturday 00:00"


def test_the_end_of_the_working_day_comes_from_the_file(tmp_path: Path) -> None:
    text = resources.files("storage").joinpath("categories.yaml").read_text("utf-8")
    custom = tmp_path / "categories.yaml"
    custom.write_text(text.replace('workday_ends: "18:00"', 'workday_ends: "17:30"'), "utf-8")
    catalog = load_catalog(custom)
    deadline = catalog.deadline_for("sanitation_fees", FRIDAY_4PM).astimezone(catalog.timezone)
    assert (deadline.date(), deadline.hour, deadline.minute) == (date(2026, 12, 2), 17, 30)
    with pytest.raises(CategoriesFileError, match="workday_ends"):
        load_catalog_text(text.replace('workday_ends: "18:00"', 'workday_ends: "25:00"'), tmp_path)


def load_catalog_text(text: str, folder: Path) -> object:
    """The catalogue of a categories file with this text."""
    path = folder / "other.yaml"
    path.write_text(text, "utf-8")
    return load_catalog(path)


def test_fifteen_working_days_for_illegal_construction() -> None:
    catalog = load_catalog()
    deadline = catalog.deadline_for("illegal_construction", MONDAY_10AM)
    # 15 working days after Monday 23 Nov: three weeks, ending Monday 14 Dec at 18:00.
    local = deadline.astimezone(catalog.timezone)
    assert (local.date(), local.hour) == (date(2026, 12, 14), 18)


def test_holidays_and_makeup_days_from_the_file(tmp_path: Path) -> None:
    text = resources.files("storage").joinpath("categories.yaml").read_text("utf-8")
    text = text.replace("holidays: []", "holidays: [2026-11-30]").replace(
        "extra_workdays: []", "extra_workdays: [2026-11-28]"
    )
    custom = tmp_path / "categories.yaml"
    custom.write_text(text, "utf-8")
    catalog = load_catalog(custom)
    # From Friday: Sat 28 (make-up day), Mon 30 is a holiday, Tue 1 Dec, Wed 2 Dec.
    deadline = catalog.deadline_for("sanitation_fees", FRIDAY_4PM)
    assert deadline.astimezone(catalog.timezone).date() == date(2026, 12, 2)


def test_unknown_category_names_the_known_ones() -> None:
    with pytest.raises(UnknownCategory, match="sanitation"):
        load_catalog().get("parking")


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "mapping"),
        ({"departments": {}, "categories": []}, "no categories"),
        (
            {
                "departments": {"a": {"zh": "甲"}},
                "categories": [
                    {"code": "x", "zh": "x", "en": "x", "department": "b", "deadline": {"hours": 1}}
                ],
            },
            "not defined",
        ),
        (
            {
                "departments": {"a": {"zh": "甲"}},
                "categories": [
                    {
                        "code": "x",
                        "zh": "x",
                        "en": "x",
                        "department": "a",
                        "deadline": {"hours": -1},
                    }
                ],
            },
            "positive",
        ),
        (
            {
                "departments": {"a": {"zh": "甲"}},
                "categories": [
                    {
                        "code": "x",
                        "zh": "x",
                        "en": "x",
                        "department": "a",
                        "deadline": {"hours": 1, "working_days": 2},
                    }
                ],
            },
            "exactly one",
        ),
        ({"timezone": "Mars/Olympus", "departments": {}, "categories": []}, "timezone"),
        (  # codes go into 64-byte button data and 32-character columns
            {
                "departments": {"a": {"zh": "甲"}},
                "categories": [
                    {
                        "code": "x" * 33,
                        "zh": "x",
                        "en": "x",
                        "department": "a",
                        "deadline": {"hours": 1},
                    }
                ],
            },
            "1-32 lower-case",
        ),
        ({"departments": {"Sanitation Office": {"zh": "甲"}}, "categories": []}, "1-32 lower-case"),
        (
            {
                "departments": {"a": {"zh": "甲"}},
                "categories": [
                    {
                        "code": "x",
                        "zh": "x",
                        "en": "x",
                        "department": "a",
                        "deadline": {"hours": 1},
                        "keywords": "垃圾",
                    }
                ],
            },
            r"categories\[0\]\.keywords: must be a list",
        ),
        (
            {
                "departments": {"a": {"zh": "甲"}},
                "categories": [
                    {
                        "code": "x",
                        "zh": "x",
                        "en": "x",
                        "department": "a",
                        "deadline": {"hours": 1},
                        "urgent_keywords": ["Manhole"],
                    }
                ],
            },
            "lower case",
        ),
    ],
)
def test_bad_files_are_explained(data: object, problem: str) -> None:
    with pytest.raises(CategoriesFileError, match=problem):
        parse_catalog(data, "test.yaml")


def test_unreadable_override_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(CategoriesFileError, match=r"missing\.yaml"):
        load_catalog(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("typed", "department"),
    [
        ("环卫所", "sanitation"),
        ("环卫", "sanitation"),
        ("燃气管理科", "gas"),
        ("環衛所", "sanitation"),  # as a staff member writing traditional characters types it
        ("Municipal facilities office", "facilities"),
        ("  municipal   FACILITIES office ", "facilities"),
        ("燃气安全", "gas"),  # a category's name stands for its department
        ("sanitation_fees", "fees"),
        ("construction", "construction"),
        ("消防队", None),
        ("", None),
    ],
)
def test_a_department_is_found_by_its_code_name_or_alias(
    typed: str, department: str | None
) -> None:
    assert load_catalog().find_department(typed) == department


def test_a_name_two_departments_share_names_neither() -> None:
    text = resources.files("storage").joinpath("categories.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    data["departments"]["sanitation"]["zh"] = "综合服务窗口"  # as the service desk's
    catalog = parse_catalog(data)
    assert catalog.find_department("综合服务窗口") is None
    assert catalog.find_department("sanitation") == "sanitation"
    assert catalog.find_department("service") == "service"
