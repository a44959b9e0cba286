"""The Open311 services: the work-order categories under their public service codes, read
from a data file (services.yaml here, or CITYBOT_OPEN311_SERVICES_FILE) and checked against
the categories file when the web app is built."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from zhconv import convert

from storage import Catalog, Category

CODE_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")


class ServicesFileError(Exception):
    """The service codes file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True, slots=True)
class Service:
    """One Open311 service: a category offered under a public code."""

    code: str
    category: Category
    group: str
    keywords: tuple[str, ...]
    description: dict[str, str]

    def name(self, lang: str) -> str:
        """The service's name in `lang` (zh, en or zh-hant)."""
        return in_script(self.category.name("en" if lang == "en" else "zh"), lang)

    def describe(self, lang: str) -> str:
        """The service's description in `lang`, or its name when the file gives none."""
        text = self.description.get("en" if lang == "en" else "zh") or self.name(lang)
        return in_script(text, lang)


@dataclass(frozen=True, slots=True)
class ServiceDirectory:
    """The services in the file's order, by code and by category."""

    services: tuple[Service, ...]

    def by_code(self, code: str) -> Service | None:
        """The service with this code, or None."""
        return next((s for s in self.services if s.code == code), None)

    def by_category(self, category: str) -> Service | None:
        """The service a category is offered as, or None (not offered)."""
        return next((s for s in self.services if s.category.code == category), None)


def load_directory(path: Path | None, catalog: Catalog) -> ServiceDirectory:
    """The services of `path` (None: the shipped file) over `catalog`'s categories."""
    origin = str(path) if path is not None else "the shipped services.yaml"
    try:
        if path is None:
            text = (resources.files(__package__) / "services.yaml").read_text("utf-8")
        else:
            text = path.read_text("utf-8")
        data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ServicesFileError(f"{origin}: cannot read it ({type(exc).__name__})") from None
    entries = data.get("services") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ServicesFileError(f"{origin}: needs a non-empty list `services`")
    if path is None:
        # The shipped codes over an operator's own categories: what fits is offered under
        # its code, the rest under its category's code (an operator's file is held to it).
        entries = [e for e in entries if e.get("category") in catalog.categories]
        listed = {e["category"] for e in entries}
        entries += [
            {"service_code": code, "category": code}
            for code in catalog.categories
            if code not in listed
        ]
    services = [_service(entry, n, origin, catalog) for n, entry in enumerate(entries, 1)]
    for attribute in ("service_code", "category"):
        seen: set[str] = set()
        for service in services:
            value = service.code if attribute == "service_code" else service.category.code
            if value in seen:
                raise ServicesFileError(f"{origin}: {attribute} {value!r} is listed twice")
            seen.add(value)
    return ServiceDirectory(tuple(services))


def _service(entry: Any, number: int, origin: str, catalog: Catalog) -> Service:
    where = f"{origin}: services entry {number}"
    if not isinstance(entry, dict):
        raise ServicesFileError(f"{where}: must be a mapping")
    code, category = entry.get("service_code"), entry.get("category")
    if not isinstance(code, str) or not code or not set(code) <= CODE_CHARACTERS:
        raise ServicesFileError(f"{where}: service_code must be letters, digits, - _ or .")
    if not isinstance(category, str) or category not in catalog.categories:
        known = ", ".join(catalog.categories)
        raise ServicesFileError(f"{where}: category {category!r} is not one of {known}")
    keywords = entry.get("keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ServicesFileError(f"{where}: keywords must be a list of words")
    description = entry.get("description") or {}
    if not isinstance(description, dict) or not all(
        lang in ("zh", "en") and isinstance(text, str) for lang, text in description.items()
    ):
        raise ServicesFileError(f"{where}: description must map zh and/or en to a text")
    return Service(
        code=code,
        category=catalog.get(category),
        group=str(entry.get("group") or ""),
        keywords=tuple(keywords),
        description=dict(description),
    )


def in_script(text: str, lang: str) -> str:
    return convert(text, "zh-hant") if lang == "zh-hant" else text
