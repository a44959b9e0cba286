"""What the console reads in typed words: files and a caption, numbers, and the demo
picture for a first report without a file of one's own."""

from __future__ import annotations

import io
import shlex
from pathlib import Path

from PIL import Image, ImageDraw


def demo_picture() -> bytes:
    """A JPEG of an overflowing green bin, drawn here: a photo for a first report."""
    image = Image.new("RGB", (640, 480), (170, 190, 205))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 360, 640, 480), fill=(120, 120, 115))  # pavement
    draw.rectangle((250, 200, 390, 380), fill=(40, 130, 60))  # the bin
    draw.ellipse((230, 150, 410, 230), fill=(150, 110, 70))  # what overflows it
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def number_in(text: str, count: int) -> int:
    """The number typed, if it is one from 1 to `count`."""
    try:
        number = int(text.strip())
    except ValueError:
        number = 0
    if not 1 <= number <= count:
        raise ValueError(f"press a number from 1 to {count}")
    return number


def paths_and_caption(rest: str, *, most: int) -> tuple[list[Path], str | None]:
    """The leading words that name files (up to `most`), and the rest as the caption."""
    words = shlex.split(rest)
    paths: list[Path] = []
    while words and len(paths) < most and Path(words[0]).expanduser().is_file():
        paths.append(Path(words.pop(0)).expanduser())
    if not paths:
        hint = "/photo PATH [caption]" if most == 1 else "/album PATH PATH… [caption]"
        missing = f": no file {words[0]}" if words else ""
        raise ValueError(f"usage: {hint}{missing}")
    return paths, " ".join(words) or None


def mime_type(path: Path) -> str:
    """The type a Telegram client gives a file of this name."""
    return {
        ".csv": "text/csv",
        ".yaml": "application/x-yaml",
        ".yml": "application/x-yaml",
        ".png": "image/png",
        ".pdf": "application/pdf",
    }.get(path.suffix.lower(), "image/jpeg")
