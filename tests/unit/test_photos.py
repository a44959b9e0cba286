"""Photos are checked to be images, stripped of EXIF, size-capped and content-addressed."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from storage.errors import InvalidImage
from storage.tickets.photos import PhotoStore
from tests import photo_metadata


def jpeg_with_gps(width: int = 640, height: int = 480) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (23.0, 7.0, 44.0), 3: "E", 4: (113.0, 15.0, 50.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_exif_is_gone_after_storing(tmp_path: Path) -> None:
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()  # the original carries GPS
    stored = PhotoStore(tmp_path).put(data)
    saved = (tmp_path / stored.path).read_bytes()
    reopened = Image.open(io.BytesIO(saved))
    assert reopened.format == "JPEG"
    assert not reopened.getexif()
    assert b"PhoneMaker" not in saved
    assert (stored.width, stored.height) == (640, 480)


def test_same_picture_is_stored_once(tmp_path: Path) -> None:
    photos = PhotoStore(tmp_path)
    first, second = photos.put(jpeg_with_gps()), photos.put(jpeg_with_gps())
    assert first.sha256 == second.sha256
    assert len(list(tmp_path.rglob("*.jpg"))) == 1
    assert first.path.startswith(first.sha256[:2] + "/")


def test_large_images_are_scaled_down(tmp_path: Path) -> None:
    stored = PhotoStore(tmp_path, max_side=1000).put(jpeg_with_gps(3000, 2000))
    assert (stored.width, stored.height) == (1000, 667)


@pytest.mark.parametrize(
    "data",
    [b"", b"%PDF-1.4 not an image", b"\xff\xd8\xff\xe0" + b"\x00" * 100, b"GIF89a" + b"\x00" * 10],
    ids=["empty", "pdf", "truncated-jpeg", "broken-gif"],
)
def test_not_an_image_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InvalidImage):
        PhotoStore(tmp_path).put(data)
    assert not list(tmp_path.rglob("*.jpg"))


def test_too_many_bytes_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidImage, match="limit"):
        PhotoStore(tmp_path, max_bytes=1000).put(jpeg_with_gps())


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    bomb = _png_header_only(60_000, 60_000)  # 3.6 gigapixels declared in a few bytes
    assert len(bomb) < 200
    with pytest.raises(InvalidImage):
        PhotoStore(tmp_path).put(bomb)


def test_gps_is_read_from_exif_before_it_is_stripped() -> None:
    from storage.tickets.photos import extract_gps

    lat, lon = extract_gps(jpeg_with_gps()) or (0.0, 0.0)
    assert lat == pytest.approx(23 + 7 / 60 + 44 / 3600)
    assert lon == pytest.approx(113 + 15 / 60 + 50 / 3600)


def test_no_gps_or_not_an_image_gives_none() -> None:
    from storage.tickets.photos import extract_gps

    plain = io.BytesIO()
    Image.new("RGB", (8, 8)).save(plain, format="JPEG")
    assert extract_gps(plain.getvalue()) is None
    assert extract_gps(b"not an image") is None


@pytest.mark.parametrize("kind", sorted(photo_metadata.ALL))
def test_no_metadata_survives_storing(tmp_path: Path, kind: str) -> None:
    original = photo_metadata.ALL[kind]()
    with Image.open(io.BytesIO(original)) as image:
        assert image.info  # the original does carry metadata
    stored = PhotoStore(tmp_path).put(original)
    saved = (tmp_path / stored.path).read_bytes()
    photo_metadata.assert_no_metadata(saved)
    assert (stored.width, stored.height) == (120, 90)


def test_the_metadata_check_finds_a_comment() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, format="JPEG", comment=photo_metadata.SECRET.encode())
    with pytest.raises(AssertionError):
        photo_metadata.assert_no_metadata(out.getvalue())


def test_transparent_parts_become_white_not_black(tmp_path: Path) -> None:
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    stored = PhotoStore(tmp_path).put(out.getvalue())
    with Image.open(tmp_path / stored.path) as saved:
        darkest, _ = saved.convert("L").getextrema()
        assert isinstance(darkest, int) and darkest > 240
