"""Reading the code off a photo of a cylinder's QR label (zxing-cpp)."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 2000
"""Larger photos are scaled down first: a label fills enough of any phone photo, and a
12-megapixel picture would take the decoder several times as long."""
FORMATS = zxingcpp.barcode_formats_from_str("QRCode,DataMatrix")


def read_codes(data: bytes) -> list[str]:
    """The texts of the QR (or Data Matrix) codes in the image, in the order found; empty
    when none can be read (or the bytes are no image)."""
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened).convert("L")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return []
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    found: list[str] = []
    for barcode in zxingcpp.read_barcodes(image, formats=FORMATS):
        text = barcode.text.strip()
        if text and text not in found:
            found.append(text)
    return found


def cylinder_code(text: str) -> str:
    """The registry's code in a label's text: the label may print a URL of the supervision
    platform with the code as its last part or as a `code=`/`id=` parameter."""
    text = text.strip()
    for key in ("code=", "id=", "no="):
        if key in text:
            return text.split(key, 1)[1].split("&", 1)[0].strip()
    if "://" in text:
        return text.rstrip("/").rsplit("/", 1)[-1]
    return text
