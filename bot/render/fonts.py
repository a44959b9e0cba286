"""The CJK font shipped with the package, for charts and certificates."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular-subset.otf"


@cache
def cjk_font_path() -> Path:
    """The path of the bundled Noto Sans CJK SC (subset) font."""
    path = Path(str(resources.files("bot") / "assets" / "fonts" / FONT_FILE))
    if not path.is_file():
        raise FileNotFoundError(f"the bundled CJK font is missing: {path}")
    return path
