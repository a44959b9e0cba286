"""The "小小城管员 / Little City Keeper" certificate: a PNG drawn with the bundled CJK font."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from bot.messages import t
from bot.messages.dates import format_day
from bot.render.fonts import cjk_font_path

FontLoader = Callable[[int], ImageFont.FreeTypeFont]

SIZE: Final = (1200, 850)
NAME_BOX: Final = (100, 390, 1100, 500)
"""Where the name is drawn (left, top, right, bottom), centred; tests look at it."""

PAPER: Final = (255, 250, 235)
INK: Final = (40, 40, 40)
GREEN: Final = (20, 110, 60)
GOLD: Final = (200, 150, 30)


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    """The bundled Noto Sans CJK SC at `size` pixels."""
    return ImageFont.truetype(str(cjk_font_path()), size)


def _centred(
    draw: ImageDraw.ImageDraw,
    text: str,
    y: int,
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, int, int],
) -> None:
    """Draw `text` centred horizontally with its top at `y`."""
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    draw.text(((SIZE[0] - (right - left)) // 2 - left, y), text, font=font, fill=fill)


def _fit(text: str, loader: FontLoader, size: int, width: int) -> ImageFont.FreeTypeFont:
    """The largest font, at most `size`, that draws `text` within `width` pixels."""
    font = loader(size)
    while size > 16 and font.getlength(text) > width:
        size -= 4
        font = loader(size)
    return font


def render_certificate(
    *,
    name: str,
    score: int,
    total: int,
    day: date,
    lang: str = "zh",
    font: FontLoader = cjk_font,
) -> bytes:
    """The certificate for `name` (score of total on `day`) as PNG bytes."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, SIZE[0] - 20, SIZE[1] - 20), outline=GREEN, width=10)
    draw.rectangle((44, 44, SIZE[0] - 44, SIZE[1] - 44), outline=GOLD, width=3)
    _centred(draw, t("quiz.certificate.title", "zh"), 90, font(96), GREEN)
    _centred(draw, t("quiz.certificate.title", "en"), 215, font(44), GOLD)
    _centred(draw, t("quiz.certificate.awarded", lang), 310, font(36), INK)
    shown = name.strip() or "?"
    name_font = _fit(shown, font, 80, NAME_BOX[2] - NAME_BOX[0])
    left, top, right, bottom = draw.textbbox((0, 0), shown, font=name_font)
    box_height = NAME_BOX[3] - NAME_BOX[1]
    x = (SIZE[0] - (right - left)) // 2 - left
    y = NAME_BOX[1] + (box_height - (bottom - top)) // 2 - top
    draw.text((x, y), shown, font=name_font, fill=INK)
    draw.line((250, NAME_BOX[3] + 10, SIZE[0] - 250, NAME_BOX[3] + 10), fill=GOLD, width=2)
    score_text = t("quiz.certificate.score", lang, score=score, total=total)
    _centred(draw, score_text, 560, _fit(score_text, font, 36, 1000), INK)
    _centred(draw, t("quiz.certificate.date", lang, date=format_day(day, lang)), 680, font(30), INK)
    _centred(draw, t("quiz.certificate.issuer", lang), 740, font(26), GREEN)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
