"""Photos: checked to be images, re-encoded from their pixels alone (no EXIF, comments or
text chunks), stored under their SHA-256."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from storage.errors import InvalidImage

ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF"})


@dataclass(frozen=True, slots=True)
class StoredImage:
    """A sanitised image on disk: its hash, path relative to the photo root, and size."""

    sha256: str
    path: str
    width: int
    height: int
    size_bytes: int


def pixels_only(image: Image.Image) -> Image.Image:
    """A new RGB image holding only the pixels of `image`: no EXIF, XMP, ICC, comments or
    text chunks, nothing a camera, an editor or a sender attached.

    Transparent parts are laid on white, as a viewer shows them, rather than turning black.
    """
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        rgb = flat
    else:
        rgb = image.convert("RGB") if image.mode != "RGB" else image
    # frombytes builds a fresh image: convert() and copy() would carry image.info along.
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())


class PhotoStore:
    """Content-addressed JPEGs under `root` (`ab/abcdef….jpg`)."""

    def __init__(
        self,
        root: Path,
        *,
        max_bytes: int = 20 * 1024 * 1024,
        max_pixels: int = 50_000_000,
        max_side: int = 2560,
        quality: int = 85,
    ) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels
        self.max_side = max_side
        self.quality = quality

    def sanitize(self, data: bytes) -> tuple[bytes, int, int]:
        """Re-encode `data` as a JPEG of its pixels alone; InvalidImage if it is unsafe."""
        if not data:
            raise InvalidImage("image_empty")
        if len(data) > self.max_bytes:
            raise InvalidImage("image_too_big", size=len(data), limit=self.max_bytes)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                opened = Image.open(io.BytesIO(data))
                image: Image.Image = opened
                if opened.format not in ACCEPTED_FORMATS:
                    raise InvalidImage("image_format", format=opened.format or "unknown")
                width, height = image.size
                if width * height > self.max_pixels:
                    raise InvalidImage("image_too_many_pixels", width=width, height=height)
                image.load()
                image = ImageOps.exif_transpose(image) or image
        except InvalidImage:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            raise InvalidImage("image_unreadable") from None
        except (OSError, ValueError, SyntaxError) as exc:
            raise InvalidImage("image_damaged", kind=type(exc).__name__) from None
        image = pixels_only(image)
        image.thumbnail((self.max_side, self.max_side))
        out = io.BytesIO()
        # The image has no info left for the encoder to copy (Pillow writes info["comment"]
        # as a JPEG COM segment even when not asked to), and no exif=, icc_profile= or xmp=.
        image.save(out, format="JPEG", quality=self.quality, optimize=True)
        return out.getvalue(), image.width, image.height

    def put(self, data: bytes) -> StoredImage:
        """Sanitise and store `data`; storing the same picture twice keeps one file."""
        jpeg, width, height = self.sanitize(data)
        digest = hashlib.sha256(jpeg).hexdigest()
        relative = f"{digest[:2]}/{digest}.jpg"
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            # Write-then-rename so a crash never leaves half a photo under its final name.
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(jpeg)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return StoredImage(digest, relative, width, height, len(jpeg))

    def path_of(self, relative: str) -> Path:
        """The absolute file of a stored photo."""
        return self.root / relative

    def read(self, relative: str) -> bytes:
        """The bytes of a stored photo."""
        return self.path_of(relative).read_bytes()


def _degrees(value: object) -> float:
    parts = list(value) if isinstance(value, tuple | list) else [value]
    numbers = [float(part) for part in parts] + [0.0, 0.0]  # type: ignore[arg-type]
    return numbers[0] + numbers[1] / 60 + numbers[2] / 3600


def extract_gps(data: bytes) -> tuple[float, float] | None:
    """The (lat, lon) a camera wrote into the photo's EXIF, if any and if plausible.

    Read before sanitising, which removes EXIF; used only to offer the place to the
    resident, never stored as metadata.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            gps = image.getexif().get_ifd(0x8825)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    try:
        lat, lon = _degrees(gps[2]), _degrees(gps[4])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None
    return lat, lon
