"""The stats chart: expected size, every text in the bundled CJK font, and real glyphs."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image

from bot.render.charts import (
    CHART_HEIGHT,
    CHART_WIDTH,
    ChartData,
    build_figure,
    cjk_font,
    render_chart,
)
from bot.render.fonts import cjk_font_path

DATA = ChartData(
    title="工单统计（近 7 天）",
    status_title="按状态",
    by_status=[("待受理", 3), ("已结案", 5)],
    category_title="按类别",
    by_category=[("环卫保洁", 4), ("燃气安全", 1)],
)


def _glyph(char: str, font: font_manager.FontProperties) -> bytes:
    figure = Figure(figsize=(0.6, 0.6), dpi=100)
    canvas = FigureCanvasAgg(figure)
    figure.text(0.5, 0.5, char, fontproperties=font, fontsize=30, ha="center", va="center")
    canvas.draw()  # type: ignore[no-untyped-call]
    return bytes(np.asarray(canvas.buffer_rgba()))  # type: ignore[no-untyped-call]


def test_png_has_the_expected_size() -> None:
    png = render_chart(DATA)
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == (CHART_WIDTH, CHART_HEIGHT)


def test_every_chinese_label_uses_the_bundled_font() -> None:
    figure = build_figure(DATA)
    FigureCanvasAgg(figure).draw()  # type: ignore[no-untyped-call]
    texts = [t for t in figure.findobj(Text) if any(ord(c) > 0x2E80 for c in t.get_text())]
    shown = {t.get_text() for t in texts}
    assert {"工单统计（近 7 天）", "按状态", "按类别", "待受理", "环卫保洁"} <= shown
    bundled = str(cjk_font_path())
    assert {t.get_fontproperties().get_file() for t in texts} == {bundled}


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_chinese_glyphs_are_drawn_not_tofu() -> None:
    # DejaVu Sans has no CJK glyphs: every character falls back to the same box (tofu).
    dejavu = font_manager.FontProperties(family="DejaVu Sans")
    words = ["工", "单", "统", "计"]
    assert len({_glyph(char, dejavu) for char in words}) == 1, "tofu in DejaVu"
    assert len({_glyph(char, cjk_font()) for char in words}) == len(words)
    # And the chart itself differs from a DejaVu rendering of the same data.
    assert render_chart(DATA) != render_chart(DATA, font=dejavu)
