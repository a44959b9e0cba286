"""Photos of QR labels for the tests: a real code written by zxing-cpp, pasted on a
background as a phone would see it, saved as a JPEG; blurred as a shaky hand would."""

from __future__ import annotations

import io

import numpy as np
import zxingcpp
from PIL import Image, ImageFilter


def qr_photo(text: str, *, blur: float = 0.0, size: tuple[int, int] = (900, 700)) -> bytes:
    """A JPEG of a label with the QR code of `text` on a beige cylinder-coloured background."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    label = Image.fromarray(np.array(code.to_image(scale=8))).convert("RGB")
    photo = Image.new("RGB", size, (196, 184, 160))
    photo.paste(label, ((size[0] - label.width) // 2, (size[1] - label.height) // 2))
    if blur:
        photo = photo.filter(ImageFilter.GaussianBlur(blur))
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=90)
    return out.getvalue()
