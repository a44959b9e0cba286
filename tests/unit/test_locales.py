"""The gettext catalogues (bot/locales): complete, consistent, in step with the code.

These fail when a msgid lacks a translation in a locale, when two locales' placeholders
differ, when a t("…") literal in the code has no msgid (or a msgid is found nowhere in the
code), when citybot.pot is out of step with the code, and when a msgid is built at run time.
"""

from __future__ import annotations

import ast
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bot.messages import CATALOGUE, DOMAIN, LANGUAGES, LOCALES_DIR, in_script, load, t, t_
from bot.messages.script import traditional

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("bot", "handlers")
"""Where user-facing strings live; storage/ and knowledge/ never import the catalogue."""


def _read(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, domain=DOMAIN)


PO_FILES = sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
CATALOGS = {path.parents[1].name: _read(path) for path in PO_FILES}
TEMPLATE = _read(LOCALES_DIR / f"{DOMAIN}.pot")
MSGIDS = sorted({str(m.id) for catalog in CATALOGS.values() for m in catalog if m.id})
LOCALE_NAMES = ("zh_CN", "en", "zh_Hant")


def _keywords() -> tuple[list[tuple[str, str]], dict[str, dict[str, object]]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        return parse_mapping_cfg(file)


def _extracted() -> dict[str, list[str]]:
    """msgid → where the code names it, extracted as `pybabel extract -F babel.cfg` does."""
    method_map, options_map = _keywords()
    found: dict[str, list[str]] = {}
    for folder in SOURCES:
        for filename, lineno, message, _, _ in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords={}, comment_tags=()
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            found.setdefault(str(msgid), []).append(f"{folder}/{filename}:{lineno}")
    return found


EXTRACTED = _extracted()


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_there_is_a_po_file_per_language_and_zh_is_first() -> None:
    assert {"zh_CN", "en", "zh_Hant"} <= set(CATALOGS)
    assert LANGUAGES[0] == "zh" and {"en", "zh-hant"} <= set(LANGUAGES)
    assert len(LANGUAGES) == len(CATALOGS)


def test_every_key_is_in_all_three_locales() -> None:
    keys = {locale: {str(m.id) for m in CATALOGS[locale] if m.id} for locale in LOCALE_NAMES}
    assert keys["zh_CN"] == keys["en"] == keys["zh_Hant"], {
        locale: sorted(set(MSGIDS) - found) for locale, found in keys.items()
    }


@pytest.mark.parametrize("msgid", MSGIDS)
def test_traditional_chinese_is_written_in_traditional_characters(msgid: str) -> None:
    # A text copied from zh_CN and left simplified would pass every other check.
    text = str(CATALOGS["zh_Hant"][msgid].string)
    assert traditional(text) == text, f"zh_Hant {msgid}: write {traditional(text)!r}"


def test_traditional_chinese_uses_the_words_hong_kong_readers_use() -> None:
    hant = {str(m.id): str(m.string) for m in CATALOGS["zh_Hant"] if m.id}
    assert "個人資料" in hant["privacy.text"] and "信息" not in hant["privacy.text"]
    assert hant["menu.privacy"] == "🔒 私隱"
    assert "選單" in hant["start.welcome"]
    assert "升降機" in hant["emergency.steps"] and "119" in hant["emergency.steps"]
    assert hant["language.set"] == "已切換為繁體中文。"
    everything = "".join(hant.values())
    for mainland in ("信息", "菜單", "用户", "上傳", "支持"):
        assert mainland not in everything, mainland


@pytest.mark.parametrize("msgid", MSGIDS)
def test_every_msgid_is_translated_in_every_locale_with_the_same_placeholders(msgid: str) -> None:
    texts: dict[str, str] = {}
    for locale, catalog in CATALOGS.items():
        message = catalog.get(msgid)
        assert message is not None, f"{locale} lacks {msgid}"
        assert not message.fuzzy, f"{locale}: {msgid} is fuzzy; check it and drop the flag"
        assert str(message.string).strip(), f"{locale}: {msgid} is untranslated"
        texts[locale] = str(message.string)
    placeholders = {locale: _placeholders(text) for locale, text in texts.items()}
    assert len({frozenset(p) for p in placeholders.values()}) == 1, (msgid, placeholders)


def test_every_msgid_in_the_code_is_in_the_catalogue() -> None:
    unknown = {msgid: where for msgid, where in EXTRACTED.items() if msgid not in CATALOGUE}
    assert not unknown, f"msgids the code uses but no .po has: {unknown}"


def test_every_msgid_of_the_catalogue_is_named_in_the_code() -> None:
    # A msgid found nowhere is dead, or built at run time (f"status.{s}"), which nothing checks.
    unused = sorted(set(MSGIDS) - set(EXTRACTED))
    assert not unused, f"msgids no t()/t_() in {SOURCES} names literally: {unused}"


def test_the_template_is_in_step_with_the_code() -> None:
    template = {str(m.id) for m in TEMPLATE if m.id}
    assert template == set(EXTRACTED), "run pybabel extract (README, Adding a string)"
    for locale, catalog in CATALOGS.items():
        assert {str(m.id) for m in catalog if m.id} == template, f"pybabel update: {locale}"


def test_what_t_returns_is_the_po_files_text() -> None:
    # Compiled on load: the running catalogue is the .po files as they are now.
    for locale, catalog in CATALOGS.items():
        lang = "zh" if locale == "zh_CN" else locale.lower().replace("_", "-")
        for message in catalog:
            if message.id:
                assert CATALOGUE[str(message.id)][lang] == message.string, (locale, message.id)
    assert t("cancel.done", "en") == CATALOGS["en"]["cancel.done"].string


def test_a_missing_msgid_raises_instead_of_rendering_something() -> None:
    with pytest.raises(KeyError, match=r"no\.such"):
        t("no.such.message", "en")
    with pytest.raises(KeyError, match=r"no\.such"):
        t_("no.such.message")


def _calls(tree: ast.AST, names: set[str]) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in names:
                yield node


def test_no_msgid_is_built_at_run_time() -> None:
    _, options_map = _keywords()
    specs: dict[str, int] = {}
    for options in options_map.values():
        for name, spec in dict(options.get("keywords") or {}).items():  # type: ignore[call-overload]
            specs[name] = spec[0] - 1 if isinstance(spec, tuple) and spec else 0
    assert {"t", "t_"} <= set(specs)
    built = (ast.JoinedStr, ast.BinOp, ast.IfExp)  # f"…", "a" + b, "a" if x else "b"
    found: list[str] = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for call in _calls(tree, set(specs)):
                name = call.func.id if isinstance(call.func, ast.Name) else call.func.attr  # type: ignore[attr-defined]
                position = specs[name]
                if len(call.args) > position and isinstance(call.args[position], built):
                    found.append(f"{path.relative_to(ROOT)}:{call.lineno}: {ast.unparse(call)}")
    assert not found, "name each msgid literally (a mapping of codes to t_(...)):\n" + "\n".join(
        found
    )


def test_adding_a_locale_is_adding_its_po_file(tmp_path: Path) -> None:
    # The catalogues as they were before zh_Hant, and zh_Hant added by its file alone.
    shutil.copytree(LOCALES_DIR, tmp_path, dirs_exist_ok=True)
    shutil.rmtree(tmp_path / "zh_Hant")
    assert load(tmp_path).normalize("zh-TW") == "zh"  # no zh_Hant: Simplified, not English
    hant = tmp_path / "zh_Hant" / "LC_MESSAGES"
    hant.mkdir(parents=True)
    text = (LOCALES_DIR / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.po").read_text("utf-8")
    text = text.replace('msgstr "已取消。"', 'msgstr "已取消。（繁）"').replace(
        "Language: zh_CN", "Language: zh_Hant"
    )
    # One entry left untranslated: it falls back to Simplified Chinese.
    text = text.replace(f'msgstr "{CATALOGUE["menu.help"]["zh"]}"', 'msgstr ""')
    (hant / f"{DOMAIN}.po").write_text(text, "utf-8")
    catalogue = load(tmp_path)
    assert catalogue.languages == ("zh", "en", "zh-hant")
    assert catalogue.normalize("zh-TW") == catalogue.normalize("zh-HK") == "zh-hant"
    assert catalogue.normalize("zh-CN") == catalogue.normalize("zh-hans") == "zh"
    assert catalogue.normalize("en-GB") == "en"
    if CATALOGUE["cancel.done"]["zh"] == "已取消。":
        assert catalogue.text("cancel.done", "zh-TW") == "已取消。（繁）"
    # An entry it lacks falls back to the Simplified text, in traditional characters.
    assert catalogue.text("menu.help", "zh-hant") == traditional(CATALOGUE["menu.help"]["zh"])
    assert catalogue.locales["zh-hant"].script == "Hant"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("zh-hans", "zh"),
        ("zh-CN", "zh"),
        ("zh-SG", "zh"),
        ("zh-hant", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("zh-TW", "zh-hant"),
        ("zh-MO", "zh-hant"),
        ("zh-Hant-TW", "zh-hant"),
        ("zh-hant-raw", "zh-hant"),  # Telegram's own translation platform's codes
        ("zh-hans-raw", "zh"),
        ("yue", "zh-hant"),  # Cantonese is written in traditional characters
        ("yue-Hans", "zh"),
        ("en-US", "en"),
        ("en", "en"),
        ("ru", "zh"),
        (None, "zh"),
        ("", "zh"),
    ],
)
def test_telegram_language_codes(code: str | None, expected: str) -> None:
    from bot.messages import normalize_language

    assert normalize_language(code) == expected


def test_a_traditional_reader_gets_the_stores_chinese_in_traditional_characters() -> None:
    # Category and department names, staff notes: the store's data is simplified Chinese.
    filed = t("report.filed", "zh-hk", number="CG-1", department="环卫所", deadline="明天")
    assert "處理部門：環衛所" in filed and "CG-1" in filed
    assert t("report.filed", "zh", number="CG-1", department="环卫所", deadline="x").count("环卫所")
    # A person's name is theirs, in whatever characters they wrote it.
    caption = t("quiz.certificate.caption", "zh-hant", name="小丽", topic="燃气", score=1, total=2)
    assert "小丽" in caption and "燃氣" in caption
    assert in_script("环卫保洁说明", "zh-tw") == "環衛保潔說明"
    assert in_script("环卫保洁", "en") == in_script("环卫保洁", "zh") == "环卫保洁"


def test_params_are_filled_and_other_languages_fall_back_to_chinese() -> None:
    assert "CG-1" in t("notify.ticket.start", "en", number="CG-1")
    assert t("cancel.done", "fr") == t("cancel.done") == CATALOGUE["cancel.done"]["zh"]
