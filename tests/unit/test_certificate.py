"""The certificate: a PNG with the name drawn in the bundled CJK font (no tofu boxes)."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageChops, ImageFont

from bot.render.certificate import NAME_BOX, SIZE, render_certificate

DAY = date(2026, 11, 23)


def _name_region(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == SIZE
        return image.convert("L").crop(NAME_BOX)


def _ink(region: Image.Image) -> int:
    return sum(region.histogram()[:128])  # pixels darker than mid-grey


def _latin_only(size: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.load_default(size)
    assert isinstance(font, ImageFont.FreeTypeFont)
    return font


def test_the_name_is_drawn_in_the_cjk_font() -> None:
    xiaoming = _name_region(render_certificate(name="小明", score=4, total=5, day=DAY))
    daming = _name_region(render_certificate(name="大明", score=4, total=5, day=DAY))
    assert _ink(xiaoming) > 500
    # Tofu would draw the same "missing glyph" box for 小 and 大; real glyphs differ.
    assert ImageChops.difference(xiaoming, daming).getbbox() is not None


def test_a_latin_only_font_would_draw_something_else() -> None:
    cjk = _name_region(render_certificate(name="小明", score=4, total=5, day=DAY))
    latin = _name_region(
        render_certificate(name="小明", score=4, total=5, day=DAY, font=_latin_only)
    )
    assert ImageChops.difference(cjk, latin).getbbox() is not None
    assert _ink(cjk) > _ink(latin)


def test_long_names_still_fit_in_english() -> None:
    png = render_certificate(name="Alexandra " * 6, score=5, total=5, day=DAY, lang="en")
    region = _name_region(png)
    assert _ink(region) > 0
    with Image.open(io.BytesIO(png)) as image:
        left_edge = image.convert("L").crop((50, NAME_BOX[1], NAME_BOX[0], NAME_BOX[3]))
    assert _ink(left_edge) == 0  # nothing spilled out of the box (inside the frame)
