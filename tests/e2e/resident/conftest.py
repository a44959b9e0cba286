"""Helpers of the resident tests."""

from __future__ import annotations

import io

from PIL import Image


def jpeg(color: tuple[int, int, int] = (120, 80, 40), size: tuple[int, int] = (800, 600)) -> bytes:
    """A real JPEG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return out.getvalue()
