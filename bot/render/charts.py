"""The staff statistics chart: two bar panels rendered to PNG with the bundled CJK font."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.render.fonts import cjk_font_path

CHART_WIDTH, CHART_HEIGHT, CHART_DPI = 960, 540, 100
"""The PNG's size in pixels, and the DPI it is drawn at."""

STATUS_COLOUR, CATEGORY_COLOUR = "#3b7dd8", "#e0893a"


@dataclass(frozen=True, slots=True)
class ChartData:
    """What the chart shows: a title and two labelled series of counts."""

    title: str
    status_title: str
    by_status: Sequence[tuple[str, int]]
    category_title: str
    by_category: Sequence[tuple[str, int]]


@cache
def cjk_font() -> font_manager.FontProperties:
    """The bundled CJK font, registered with matplotlib once."""
    path = str(cjk_font_path())
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path)


def _panel(
    figure: Figure,
    position: int,
    title: str,
    series: Sequence[tuple[str, int]],
    colour: str,
    font: font_manager.FontProperties,
) -> None:
    axes = figure.add_subplot(1, 2, position)
    labels = [label for label, _ in series] or ["-"]
    values = [value for _, value in series] or [0]
    places = list(range(len(labels)))
    bars = axes.barh(places, values, color=colour)
    axes.set_yticks(places, labels, fontproperties=font)
    axes.invert_yaxis()
    axes.set_title(title, fontproperties=font)
    axes.bar_label(bars, fontproperties=font, padding=2)
    axes.margins(x=0.15)
    for label in axes.get_xticklabels():
        label.set_fontproperties(font)


def build_figure(data: ChartData, *, font: font_manager.FontProperties | None = None) -> Figure:
    """The chart as a matplotlib Figure (Agg canvas), every text in `font` (the CJK one)."""
    chosen = font or cjk_font()
    figure = Figure(figsize=(CHART_WIDTH / CHART_DPI, CHART_HEIGHT / CHART_DPI), dpi=CHART_DPI)
    FigureCanvasAgg(figure)
    figure.suptitle(data.title, fontproperties=chosen, fontsize=15)
    _panel(figure, 1, data.status_title, data.by_status, STATUS_COLOUR, chosen)
    _panel(figure, 2, data.category_title, data.by_category, CATEGORY_COLOUR, chosen)
    figure.tight_layout()
    return figure


def render_chart(data: ChartData, *, font: font_manager.FontProperties | None = None) -> bytes:
    """The chart as PNG bytes, CHART_WIDTH × CHART_HEIGHT pixels (Agg, no display needed)."""
    figure = build_figure(data, font=font)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI)
    return buffer.getvalue()
