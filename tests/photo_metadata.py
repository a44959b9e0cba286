"""Photos that carry metadata of every kind, and a check that a photo carries none."""

from __future__ import annotations

import io

from PIL import Image, PngImagePlugin

SECRET = "SECRET-4711-住址"
"""Written into every piece of metadata; must never appear in a stored or sent photo."""

_SECRET = SECRET.encode()
_XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + _SECRET + b"</rdf:Description>"
_ALLOWED_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression"}


def _picture() -> Image.Image:
    image = Image.new("RGB", (120, 90), (30, 140, 60))
    image.paste((200, 10, 10), (10, 10, 60, 50))
    return image


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = SECRET  # Make
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, 44.0), 3: "E", 4: (113.0, 15.0, 50.0)}
    return exif.tobytes()


def jpeg_with_metadata() -> bytes:
    """A JPEG with a COM comment, EXIF with GPS, XMP and an ICC profile."""
    out = io.BytesIO()
    _picture().save(
        out,
        format="JPEG",
        comment=_SECRET,
        exif=_exif(),
        xmp=_XMP,
        icc_profile=b"\x00" * 128 + _SECRET,
        dpi=(300, 300),
    )
    return out.getvalue()


def png_with_metadata() -> bytes:
    """A PNG with tEXt (one called "comment", which Pillow maps onto a JPEG COM), iTXt and
    zTXt chunks, and EXIF."""
    info = PngImagePlugin.PngInfo()
    info.add_text("comment", SECRET)
    info.add_itxt("Author", SECRET, lang="zh", tkey="作者")
    info.add_text("Description", SECRET, zip=True)
    out = io.BytesIO()
    _picture().convert("RGBA").save(out, format="PNG", pnginfo=info, exif=_exif())
    return out.getvalue()


def webp_with_metadata() -> bytes:
    """A WebP with EXIF and XMP."""
    out = io.BytesIO()
    _picture().save(out, format="WEBP", exif=_exif(), xmp=_XMP)
    return out.getvalue()


def gif_with_metadata() -> bytes:
    """A GIF with a comment extension."""
    out = io.BytesIO()
    _picture().save(out, format="GIF", comment=_SECRET)
    return out.getvalue()


ALL = {
    "jpeg": jpeg_with_metadata,
    "png": png_with_metadata,
    "webp": webp_with_metadata,
    "gif": gif_with_metadata,
}


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments up to the start of the scan."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF, f"no marker at {position}"
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        position += 2 + length
    return markers


def assert_no_metadata(data: bytes) -> None:
    """Fail unless `data` is a JPEG of pixels alone: no text, EXIF, XMP, ICC or comment."""
    assert _SECRET not in data and SECRET.encode("utf-16-be") not in data
    assert b"Exif" not in data and b"xmpmeta" not in data and b"ICC_PROFILE" not in data
    markers = jpeg_segments(data)
    assert 0xFE not in markers, "a COM segment"
    # APP0 is the JFIF header Pillow writes; APP1..APP15 carry EXIF, XMP, ICC, vendor data.
    assert not [hex(m) for m in markers if 0xE1 <= m <= 0xEF], "an APPn segment"
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert set(image.info) <= _ALLOWED_INFO, image.info
        assert not image.getexif()
        assert not getattr(image, "text", {})
        applist = getattr(image, "applist", [])  # JPEG segments as Pillow read them
        assert [name for name, _ in applist] in ([], ["APP0"])
