"""Categories, departments and deadlines, loaded from a YAML data file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from zhconv import convert

from storage.db.clock import as_utc
from storage.errors import CategoriesFileError, UnknownCategory


@dataclass(frozen=True, slots=True)
class Deadline:
    """How long a ticket may take: calendar hours or working days."""

    hours: float | None = None
    working_days: int | None = None


@dataclass(frozen=True, slots=True)
class Category:
    """A kind of problem, the department that handles it and its deadlines."""

    code: str
    zh: str
    en: str
    department: str
    deadline: Deadline
    urgent: Deadline | None = None
    keywords: tuple[str, ...] = ()
    """Words that suggest this category (intake hands them to the suggester)."""
    urgent_keywords: tuple[str, ...] = ()
    """Words that make a ticket of this category urgent."""

    def name(self, lang: str) -> str:
        """The category's name in `lang` (zh or en)."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Catalog:
    """All categories and departments, with the working-day calendar they share."""

    categories: dict[str, Category]
    departments: dict[str, dict[str, str]]
    timezone: ZoneInfo
    holidays: frozenset[date]
    extra_workdays: frozenset[date]
    workday_end: time = time(18, 0)
    """When a working day ends (local): a deadline of working days ends then."""
    department_words: dict[str, str] = field(default_factory=dict)
    """What staff may call a department (its code, names and aliases, folded) → its code."""
    emergency_category: str = "gas"
    """Where urgent gas tickets go (the file's `emergency_category`)."""
    question_category: str = "consultation"
    """Where questions handed over to staff go (the file's `question_category`)."""

    def get(self, code: str) -> Category:
        """The category with this code, or UnknownCategory."""
        try:
            return self.categories[code]
        except KeyError:
            raise UnknownCategory(code, self.categories) from None

    def department_name(self, code: str, lang: str) -> str:
        """A department's display name in `lang`, or its code if unnamed."""
        names = self.departments.get(code, {})
        return names.get(lang) or names.get("zh") or code

    def find_department(self, typed: str) -> str | None:
        """The department staff mean by `typed` (环卫所, 环卫, Municipal facilities office,
        sanitation …, in any case and spacing), or None."""
        return self.department_words.get(fold(typed))

    def is_working_day(self, day: date) -> bool:
        """True on Monday–Friday that is no holiday, and on make-up working days."""
        if day in self.extra_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def deadline_for(self, code: str, created_at: datetime, *, urgent: bool = False) -> datetime:
        """When a ticket of this category filed at `created_at` is due (UTC)."""
        category = self.get(code)
        rule = category.urgent if urgent and category.urgent else category.deadline
        return self.add_deadline(rule, created_at)

    def add_deadline(self, rule: Deadline, start: datetime) -> datetime:
        """`start` plus the rule's hours, or the end of its Nth working day after `start`."""
        start = as_utc(start)
        if rule.hours is not None:
            return start + timedelta(hours=rule.hours)
        assert rule.working_days is not None
        return self.add_working_days(start, rule.working_days)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The end (local `workday_end`) of the `days`-th working day after `start`'s local
        day: a deadline on a Friday ends that Friday evening, not at Saturday 00:00."""
        day = as_utc(start).astimezone(self.timezone).date()
        counted = 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return as_utc(datetime.combine(day, self.workday_end, tzinfo=self.timezone))


def fold(text: str) -> str:
    """A name as compared: case folded, runs of spaces made one (' Gas  Safety' = 'gas safety'),
    in simplified characters (a zh-Hant reader types 環衛所 for 环卫所)."""
    return " ".join(convert(text, "zh-hans").casefold().split())


def _department_words(
    departments: dict[str, dict[str, Any]], categories: dict[str, Category], origin: str
) -> dict[str, str]:
    # What a department is called: its code, names and aliases; a category's code and names
    # too (燃气安全 → the gas section), unless a department's own word says otherwise. A word
    # two departments share names neither (only the codes are sure to differ).
    meant: dict[str, set[str]] = {}
    for code, entry in departments.items():
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(
            isinstance(alias, str) and alias.strip() for alias in aliases
        ):
            raise CategoriesFileError(
                f"{origin}: departments.{code}.aliases must be a list of words"
            )
        for name in (*(str(v) for k, v in entry.items() if k != "aliases"), *aliases):
            meant.setdefault(fold(name), set()).add(code)
    words = {word: codes.pop() for word, codes in meant.items() if len(codes) == 1}
    words.update({fold(code): code for code in departments})
    for category in categories.values():
        for name in (category.code, category.zh, category.en):
            if fold(name) not in meant:
                words.setdefault(fold(name), category.department)
    return words


def _deadline(raw: Any, where: str) -> Deadline:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise CategoriesFileError(f"{where}: give exactly one of hours or working_days")
    ((unit, amount),) = raw.items()
    if unit == "hours" and isinstance(amount, int | float) and amount > 0:
        return Deadline(hours=float(amount))
    if unit == "working_days" and isinstance(amount, int) and amount > 0:
        return Deadline(working_days=amount)
    raise CategoriesFileError(f"{where}: {unit}={amount!r} is not a positive hours/working_days")


MAX_KEYWORD = 40


def _words(raw: Any, where: str) -> tuple[str, ...]:
    # Matched against lower-cased text: an upper-case keyword would never match.
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(
        isinstance(word, str) and 0 < len(word.strip()) <= MAX_KEYWORD for word in raw
    ):
        raise CategoriesFileError(f"{where}: must be a list of words of 1-{MAX_KEYWORD} characters")
    if any(word != word.lower() for word in raw):
        raise CategoriesFileError(f"{where}: write keywords in lower case")
    return tuple(word.strip() for word in raw)


def _clock_time(raw: Any, where: str) -> time:
    # YAML reads 18:00 unquoted as a number of minutes (sexagesimal): take both spellings.
    if isinstance(raw, int) and 0 <= raw < 24 * 60:
        return time(raw // 60, raw % 60)
    if isinstance(raw, str) and re.fullmatch(r"\d{1,2}:\d{2}", raw.strip()):
        hours, minutes = (int(part) for part in raw.strip().split(":"))
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    raise CategoriesFileError(f'{where}: {raw!r} is not a time of day like "18:00"')


def _dates(raw: Any, where: str) -> frozenset[date]:
    if not isinstance(raw, list) or not all(isinstance(item, date) for item in raw):
        raise CategoriesFileError(f"{where}: must be a list of dates like 2026-10-01")
    return frozenset(raw)


_CODE = re.compile(r"[a-z0-9_]{1,32}")
ROLES = {
    "emergency_category": "that urgent gas tickets are filed in (e.g. gas)",
    "question_category": "that questions handed over to staff are filed in (e.g. consultation)",
}


def _check_code(code: Any, where: str) -> None:
    # Codes are stored in 32-character columns and carried in buttons' 64-byte callback data.
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise CategoriesFileError(
            f"{where}: code {code!r} must be 1-32 lower-case letters, digits or _"
        )


def parse_catalog(data: Any, origin: str = "categories file") -> Catalog:
    """Validate the YAML structure and build the Catalog; errors name the place."""
    if not isinstance(data, dict):
        raise CategoriesFileError(f"{origin}: expected a mapping at the top")
    try:
        zone = ZoneInfo(str(data.get("timezone", "Asia/Shanghai")))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CategoriesFileError(f"{origin}: unknown timezone: {exc}") from None
    departments = data.get("departments") or {}
    if not isinstance(departments, dict):
        raise CategoriesFileError(f"{origin}: departments must be a mapping")
    for code, entry in departments.items():
        _check_code(code, f"{origin}: departments")
        if not isinstance(entry, dict):
            raise CategoriesFileError(f"{origin}: departments.{code} must be a mapping (zh, en)")
    categories: dict[str, Category] = {}
    for index, raw in enumerate(data.get("categories") or []):
        where = f"{origin}: categories[{index}]"
        if not isinstance(raw, dict) or not {"code", "zh", "en", "department", "deadline"} <= set(
            raw
        ):
            raise CategoriesFileError(f"{where}: needs code, zh, en, department and deadline")
        if raw["department"] not in departments:
            raise CategoriesFileError(f"{where}: department {raw['department']!r} is not defined")
        if raw["code"] in categories:
            raise CategoriesFileError(f"{where}: code {raw['code']!r} is defined twice")
        _check_code(raw["code"], where)
        categories[raw["code"]] = Category(
            code=str(raw["code"]),
            zh=str(raw["zh"]),
            en=str(raw["en"]),
            department=str(raw["department"]),
            deadline=_deadline(raw["deadline"], where + ".deadline"),
            urgent=_deadline(raw["urgent"], where + ".urgent") if "urgent" in raw else None,
            keywords=_words(raw.get("keywords"), where + ".keywords"),
            urgent_keywords=_words(raw.get("urgent_keywords"), where + ".urgent_keywords"),
        )
    if not categories:
        raise CategoriesFileError(f"{origin}: defines no categories")
    # The bot files into these two without asking anyone: a file without them would lose
    # an urgent gas ticket after the safety steps, so it stops start-up instead.
    roles = {}
    for role, meaning in ROLES.items():
        code = data.get(role)
        if code not in categories:
            shown = "is missing" if code is None else f"names {code!r}, which is not a category"
            raise CategoriesFileError(
                f"{origin}: {role} {shown}; it must name the category {meaning}"
            )
        roles[role] = str(code)
    return Catalog(
        categories=categories,
        departments={
            str(k): {str(lk): str(lv) for lk, lv in v.items() if lk != "aliases"}
            for k, v in departments.items()
        },
        department_words=_department_words(departments, categories, origin),
        timezone=zone,
        holidays=_dates(data.get("holidays") or [], f"{origin}: holidays"),
        extra_workdays=_dates(data.get("extra_workdays") or [], f"{origin}: extra_workdays"),
        workday_end=_clock_time(data.get("workday_ends", "18:00"), f"{origin}: workday_ends"),
        emergency_category=roles["emergency_category"],
        question_category=roles["question_category"],
    )


def load_catalog(path: Path | None = None) -> Catalog:
    """Load the operator's categories file, or the one shipped with the package."""
    if path is None:
        text = resources.files("storage").joinpath("categories.yaml").read_text("utf-8")
        origin = "built-in categories.yaml"
    else:
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise CategoriesFileError(f"{path}: cannot read: {exc.strerror}") from None
        origin = str(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CategoriesFileError(f"{origin}: not valid YAML: {exc}") from None
    return parse_catalog(data, origin)
