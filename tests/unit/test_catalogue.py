"""The message catalogue: every key in both languages, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from bot.messages import CATALOGUE, LANGUAGES, normalize_language, t


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_every_language_with_the_same_placeholders(key: str) -> None:
    texts = CATALOGUE[key]
    missing = [lang for lang in LANGUAGES if not texts.get(lang, "").strip()]
    assert not missing, f"{key} lacks {missing}"
    assert _placeholders(texts["zh"]) == _placeholders(texts["en"]), key


def test_chinese_first_and_english_fallback() -> None:
    assert t("cancel.done") == CATALOGUE["cancel.done"]["zh"]
    assert t("cancel.done", "en") == CATALOGUE["cancel.done"]["en"]
    assert t("cancel.done", "fr") == CATALOGUE["cancel.done"]["zh"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh-hans", "zh"),
        ("zh-CN", "zh"),
        ("en-US", "en"),
        ("en", "en"),
        ("ru", "zh"),
        (None, "zh"),
        ("", "zh"),
    ],
)
def test_telegram_language_codes(code: str | None, expected: str) -> None:
    assert normalize_language(code) == expected


def test_params_are_filled() -> None:
    assert "CG-1" in t("notify.ticket.start", "en", number="CG-1")
