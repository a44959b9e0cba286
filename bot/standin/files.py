"""Files the stand-in keeps: uploads by the bot and media sent by users, served by path."""

from __future__ import annotations

import io
import itertools
import secrets
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from telegram import File, PhotoSize

# Telegram's photo sizes are boxes of 90, 320 and 800 (or more) pixels on the long side.
THUMBNAIL_BOXES = (90, 320)


@dataclass(frozen=True)
class StoredFile:
    """One file's bytes and the ids Telegram gives it."""

    file_id: str
    file_unique_id: str
    kind: str  # "photos", "documents", "stickers", "voice"
    file_path: str
    content: bytes
    file_name: str | None = None
    mime_type: str | None = None

    def as_file(self) -> File:
        """The telegram.File getFile answers with."""
        return File(
            file_id=self.file_id,
            file_unique_id=self.file_unique_id,
            file_size=len(self.content),
            file_path=self.file_path,
        )


class NotAnImage(ValueError):
    """Bytes given as a photo that Pillow cannot read."""


class FileStore:
    """All files by file_id and by file_path."""

    def __init__(self) -> None:
        self.by_id: dict[str, StoredFile] = {}
        self.by_path: dict[str, StoredFile] = {}
        self.photo_sets: dict[str, list[PhotoSize]] = {}
        self._counter = itertools.count(1)

    def add(
        self,
        content: bytes,
        kind: str,
        *,
        extension: str,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Store bytes under a fresh file_id and file_path."""
        number = next(self._counter)
        stored = StoredFile(
            file_id=f"{_PREFIXES[kind]}{number:06d}{secrets.token_urlsafe(24)}",
            file_unique_id=f"AQAD{number:06d}{secrets.token_urlsafe(6)}",
            kind=kind,
            file_path=f"{kind}/file_{number}.{extension}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.by_id[stored.file_id] = stored
        self.by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """The file with this file_id, if known."""
        return self.by_id.get(file_id)

    def add_photo(self, content: bytes) -> list[PhotoSize]:
        """Store a photo as Telegram does: three PhotoSize entries, the largest the original."""
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                original = image.convert("RGB")
        except (UnidentifiedImageError, OSError) as exc:
            raise NotAnImage(str(exc)) from exc
        sizes: list[PhotoSize] = []
        for box in THUMBNAIL_BOXES:
            thumbnail = original.copy()
            thumbnail.thumbnail((box, box))
            buffer = io.BytesIO()
            thumbnail.save(buffer, format="JPEG", quality=80)
            sizes.append(self._photo_size(buffer.getvalue(), *thumbnail.size))
        sizes.append(self._photo_size(content, *original.size))
        for size in sizes:
            self.photo_sets[size.file_id] = sizes
        return sizes

    def _photo_size(self, content: bytes, width: int, height: int) -> PhotoSize:
        stored = self.add(content, "photos", extension="jpg", mime_type="image/jpeg")
        return PhotoSize(
            file_id=stored.file_id,
            file_unique_id=stored.file_unique_id,
            width=width,
            height=height,
            file_size=len(content),
        )


_PREFIXES = {
    "photos": "AgACAgUAAxkBAAI",
    "documents": "BQACAgUAAxkBAAI",
    "stickers": "CAACAgUAAxkBAAI",
    "voice": "AwACAgUAAxkBAAI",
}
