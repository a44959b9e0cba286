"""The dashboard's KPI chart: the five rates over time as lines, in percent, to PNG."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.render.charts import cjk_font

KPI_WIDTH, KPI_HEIGHT, KPI_DPI = 960, 420, 100
COLOURS = ("#2e7d32", "#1565c0", "#c62828", "#ef6c00", "#6a1b9a")


@dataclass(frozen=True, slots=True)
class KpiSeries:
    """One line: its label and a value (0–1, None for no figure) per period."""

    label: str
    values: Sequence[float | None]


def render_kpi_chart(title: str, periods: Sequence[str], series: Sequence[KpiSeries]) -> bytes:
    """The lines of `series` over `periods` as PNG bytes (a gap where a value is None)."""
    font = cjk_font()
    figure = Figure(figsize=(KPI_WIDTH / KPI_DPI, KPI_HEIGHT / KPI_DPI), dpi=KPI_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    places = list(range(len(periods)))
    for line, colour in zip(series, COLOURS, strict=False):
        values = [float("nan") if value is None else value * 100 for value in line.values]
        axes.plot(places, values, marker="o", color=colour, label=line.label)
    axes.set_ylim(0, 105)
    axes.set_ylabel("%", fontproperties=font)
    axes.set_xticks(places, list(periods), fontproperties=font, rotation=30, ha="right")
    axes.set_title(title, fontproperties=font)
    axes.grid(alpha=0.3)
    axes.legend(prop=font, loc="lower left", ncols=5, fontsize="small")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=KPI_DPI)
    return buffer.getvalue()
