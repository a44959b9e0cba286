"""The fitting helper: fields shortened with an ellipsis, views split where they read well."""

from __future__ import annotations

import pytest

from bot import fit


def test_length_counts_what_telegram_may_count() -> None:
    assert fit.length("垃圾桶") == 3
    assert fit.length("😀") == 2  # one character, two UTF-16 code units


def test_shorten_keeps_short_text_and_ends_long_text_with_an_ellipsis() -> None:
    assert fit.shorten("天河路100号", 20) == "天河路100号"
    cut = fit.shorten("天" * 50, 10)
    assert cut == "天" * 9 + "…" and fit.length(cut) == 10
    emoji = fit.shorten("😀" * 10, 5)
    assert emoji == "😀😀…" and fit.length(emoji) <= 5  # never half a surrogate pair
    assert fit.shorten("abc", 0) == ""


def test_fit_cleans_like_the_store_and_caps_the_length() -> None:
    assert fit.fit("a\x00b") == "ab"
    assert fit.length(fit.fit("字" * 5000)) == fit.TEXT
    assert fit.length(fit.fit("字" * 5000, fit.CAPTION)) == fit.CAPTION


def test_split_cuts_at_line_and_sentence_ends() -> None:
    lines = [f"第{n}行：" + "内容" * 300 for n in range(10)]
    parts = fit.split("\n".join(lines))
    assert all(fit.length(part) <= fit.TEXT for part in parts)
    assert "\n".join(parts) == "\n".join(lines)  # nothing lost, cuts at line ends
    sentences = "这是一句话。" * 2000
    parts = fit.split(sentences)
    assert all(part.endswith("。") for part in parts)
    assert "".join(parts) == sentences
    solid = "字" * 9000
    parts = fit.split(solid)
    assert [fit.length(part) for part in parts] == [4096, 4096, 808]
    assert fit.split("   \n  ") == []  # Telegram refuses an empty message


def test_pages_pack_blocks_in_order_and_never_exceed_the_limit() -> None:
    head = "工单 CG-20261123-0001｜环卫保洁\n状态：处置中"
    replies = [f"• 回复{n}：" + "请耐心等待" * 380 for n in range(3)]  # about 1,900 each
    parts = fit.pages([head, *replies])
    assert len(parts) == 2
    assert all(fit.length(part) <= fit.TEXT for part in parts)
    assert parts[0].startswith(head)
    assert "\n".join(parts) == "\n".join([head, *replies])
    huge = fit.pages(["头", "长" * 10_000, "尾"])
    assert all(fit.length(part) <= fit.TEXT for part in huge)
    assert "".join(huge).replace("\n", "") == "头" + "长" * 10_000 + "尾"


def test_fit_fields_shortens_the_long_fields_only_as_much_as_needed() -> None:
    def render(fields: dict[str, str]) -> str:
        return f"类别：环卫保洁\n地点：{fields['place']}\n描述：{fields['description']}"

    short = fit.fit_fields(render, {"place": "天河路", "description": "满了"}, fit.CAPTION)
    assert short == "类别：环卫保洁\n地点：天河路\n描述：满了"
    text = fit.fit_fields(render, {"place": "天河路100号", "description": "溢" * 2000}, 1024)
    assert 1020 <= fit.length(text) <= 1024
    assert "地点：天河路100号\n" in text  # the short field is whole
    assert text.endswith("…")
    both = fit.fit_fields(render, {"place": "路" * 3000, "description": "溢" * 3000}, 1024)
    assert fit.length(both) <= 1024
    assert both.count("…") == 2  # each shortened to the same length
    assert abs(both.count("路") - both.count("溢")) <= 1


def test_callback_data_is_checked_where_buttons_are_built() -> None:
    assert fit.button("⭐", "rt:CG-20261123-0001:5").callback_data == "rt:CG-20261123-0001:5"
    assert fit.callback_data("x" * 64) == "x" * 64
    with pytest.raises(ValueError, match="64 bytes"):
        fit.button("查看", "sq:0:" + "类" * 20)  # 65 bytes in UTF-8
    with pytest.raises(ValueError):
        fit.callback_data("")
    long_label = fit.button("类" * 200, "rc:other")
    assert fit.length(long_label.text) == fit.LABEL and long_label.text.endswith("…")


def test_english_is_shortened_between_words_and_chinese_anywhere() -> None:
    name = "Public facilities (manhole covers, lights, pavement)"
    assert fit.shorten(name, 40) == "Public facilities (manhole covers…"
    assert fit.shorten(name, 28) == "Public facilities (manhole…"
    assert fit.shorten("Supercalifragilistic", 10) == "Supercali…", "one long word is cut in it"
    assert fit.shorten("市政设施（井盖、路灯、人行道）", 8) == "市政设施（井盖…"
    assert fit.length(fit.shorten(name, 40)) <= 40
