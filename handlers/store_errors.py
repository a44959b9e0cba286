"""The store's errors in the reader's language: a msgid per error code, its params in words.

storage/errors.py gives each error a code and params (department codes, roles, a status);
here each code has its msgid, and each param that is a code becomes words of the reader's
language (a department's name, a role's), so that no English of the store reaches a chat.
"""

from __future__ import annotations

from typing import Final

from babel.lists import format_list
from babel.numbers import format_decimal

from bot.messages import LOCALES, normalize_language, t, t_
from bot.messages.words import PRIORITY, ROLE, STAFF_STATUS, word
from storage import Catalog
from storage.errors import InvalidImage, InvalidInput, MergeMismatch, PermissionDenied

PROBLEM_TEXT: Final = {
    "reason_required": t_("error.reason_required"),
    "note_required": t_("error.note_required"),
    "text_required": t_("error.text_required"),
    "reason_too_long": t_("error.reason_too_long"),
    "note_too_long": t_("error.note_too_long"),
    "text_too_long": t_("error.text_too_long"),
    "description_too_long": t_("error.description_too_long"),
    "photo_required": t_("error.photo_required"),
    "rating_range": t_("error.rating_range"),
    "rated_already": t_("error.rated_already"),
    "merge_target_missing": t_("error.merge_target_missing"),
    "merge_into_itself": t_("error.merge_into_itself"),
    "merge_target_closed": t_("error.merge_target_closed"),
    "dispatch_target_missing": t_("error.dispatch_target_missing"),
    "unknown_department": t_("error.unknown_department"),
    "deadline_missing": t_("error.deadline_missing"),
    "deadline_not_later": t_("error.deadline_not_later"),
    "role_unknown": t_("error.role_unknown"),
    "priority_unknown": t_("error.priority_unknown"),
    "location_half": t_("error.location_half"),
    "location_off_earth": t_("error.location_off_earth"),
    "intake_key_length": t_("error.intake_key_length"),
    "asset_code_format": t_("error.asset_code_format"),
    "origin_length": t_("error.origin_length"),
    "template_unknown": t_("error.template_unknown"),
    "unknown_category": t_("error.unknown_category"),
}
"""The msgid of each InvalidInput code (storage.errors.PROBLEMS)."""

IMAGE_TEXT: Final = {
    "image_empty": t_("error.image_empty"),
    "image_too_big": t_("error.image_too_big"),
    "image_format": t_("error.image_format"),
    "image_too_many_pixels": t_("error.image_too_many_pixels"),
    "image_unreadable": t_("error.image_unreadable"),
    "image_damaged": t_("error.image_damaged"),
}
"""The msgid of each InvalidImage code (storage.errors.IMAGE_PROBLEMS)."""

DENIAL_TEXT: Final = {
    "assigned_to_other": t_("error.denied.assigned_to_other"),
    "reporter_only": t_("error.denied.reporter_only"),
    "claim_for_self": t_("error.denied.claim_for_self"),
}
"""The msgid of each reason a move is denied beyond the role (storage.errors.DENIALS)."""


def _listed(items: list[str], lang: str) -> str:
    return (
        format_list(items, style="or", locale=LOCALES[normalize_language(lang)]) if items else "-"
    )


def _megabytes(size: object, lang: str) -> str:
    value = int(size) / 1_000_000 if isinstance(size, int | float) else 0
    return format_decimal(value, "#,##0.#", locale=LOCALES[normalize_language(lang)])


def _codes(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list | tuple) else []


def _words(error: InvalidInput | InvalidImage, lang: str, catalog: Catalog) -> dict[str, object]:
    """The error's params, with every code in them turned into words of `lang`."""
    params = dict(error.params)
    known = _codes(params.get("known"))
    if error.code == "unknown_department":
        params["known"] = _listed([catalog.department_name(code, lang) for code in known], lang)
    if error.code == "unknown_category":
        names = [c.name(lang) for code in known if (c := catalog.categories.get(code))]
        params["known"] = _listed(names, lang)
    if "roles" in params:
        params["roles"] = _listed([word(ROLE, r, lang) for r in _codes(params["roles"])], lang)
    if "priorities" in params:
        names = [word(PRIORITY, p, lang) for p in _codes(params["priorities"])]
        params["priorities"] = _listed(names, lang)
    if "status" in params:
        params["status"] = word(STAFF_STATUS, str(params["status"]), lang)
    if error.code == "image_too_big":
        params["size"] = _megabytes(params.get("size"), lang)
        params["limit"] = _megabytes(params.get("limit"), lang)
    return params


def problem_text(error: InvalidInput | InvalidImage, lang: str, catalog: Catalog) -> str:
    """What is wrong with the input or the image, in `lang` ('没有“环卫所”这个部门；可选：…')."""
    texts = IMAGE_TEXT if isinstance(error, InvalidImage) else PROBLEM_TEXT
    return t(texts[error.code], lang, **_words(error, lang, catalog))


def denial_text(error: PermissionDenied, lang: str) -> str:
    """Why beyond the role a move was denied, in `lang` ('（该工单已指派给其他人员）'), or ''."""
    key = DENIAL_TEXT.get(error.reason)
    return t(key, lang) if key is not None else ""


def mismatch_text(error: MergeMismatch, lang: str, catalog: Catalog) -> str:
    """Why two tickets do not look like one problem, and how to merge them anyway, in `lang`."""
    locale = LOCALES[normalize_language(lang)]
    names = [
        c.name(lang) if (c := catalog.categories.get(code)) else code for code in error.categories
    ]
    clauses = []
    if "category" in error.differences:
        clauses.append(t("staff.merge.category", lang, first=names[0], second=names[1]))
    if "priority" in error.differences:
        first, second = (word(PRIORITY, p, lang) for p in error.priorities)
        clauses.append(t("staff.merge.priority", lang, first=first, second=second))
    if "distance" in error.differences and error.distance_m is not None:
        km = format_decimal(error.distance_m / 1000, "#,##0.0", locale=locale)
        clauses.append(t("staff.merge.distance", lang, km=km))
    return t(
        "staff.merge.mismatch",
        lang,
        number=error.number,
        into=error.into,
        differences=format_list(clauses, locale=locale),
    )
