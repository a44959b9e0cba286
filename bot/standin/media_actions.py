"""Acting as users who send media: photos, albums, documents, places, stickers, voice."""

from __future__ import annotations

import io
import secrets
from collections.abc import Sequence
from typing import Any

from PIL import Image
from telegram import Document, Location, Sticker, Update, User, Venue, Voice
from telegram.constants import MessageLimit

from bot.standin.acting import ChatRef, UserActions
from bot.standin.errors import StandInError
from bot.standin.files import NotAnImage
from bot.standin.message_text import detect_entities


class MediaActions(UserActions):
    """Users sending media (mixed into StandIn)."""

    def _caption(self, caption: str | None) -> dict[str, Any]:
        if caption is None:
            return {}
        if len(caption) > MessageLimit.CAPTION_LENGTH:
            raise StandInError("captions are at most 1024 characters")
        return {"caption": caption, "caption_entities": detect_entities(caption) or None}

    def send_photo(
        self,
        user: User,
        jpeg_bytes: bytes,
        caption: str | None = None,
        chat: ChatRef = None,
        *,
        media_group_id: str | None = None,
    ) -> Update:
        """A user sends a photo: stored as a file with three PhotoSize entries."""
        try:
            sizes = self.world.files.add_photo(jpeg_bytes)
        except NotAnImage as exc:
            raise StandInError(f"not an image: {exc}") from exc
        return self._send(
            user, chat, photo=sizes, media_group_id=media_group_id, **self._caption(caption)
        )

    def send_album(
        self, user: User, photos: Sequence[bytes], caption: str | None = None, chat: ChatRef = None
    ) -> list[Update]:
        """A user sends several photos as one album (shared media_group_id)."""
        group_id = str(secrets.randbelow(10**18))
        return [
            self.send_photo(
                user, photo, caption if index == 0 else None, chat, media_group_id=group_id
            )
            for index, photo in enumerate(photos)
        ]

    def send_document(
        self,
        user: User,
        content: bytes,
        filename: str,
        mime_type: str,
        caption: str | None = None,
        chat: ChatRef = None,
    ) -> Update:
        """A user sends a file as a document."""
        extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
        stored = self.world.files.add(
            content, "documents", extension=extension, file_name=filename, mime_type=mime_type
        )
        document = Document(
            stored.file_id,
            stored.file_unique_id,
            file_name=filename,
            mime_type=mime_type,
            file_size=len(content),
        )
        return self._send(user, chat, document=document, **self._caption(caption))

    def send_location(
        self, user: User, latitude: float, longitude: float, chat: ChatRef = None
    ) -> Update:
        """A user shares a location."""
        return self._send(user, chat, location=Location(longitude, latitude))

    def send_venue(
        self,
        user: User,
        latitude: float,
        longitude: float,
        title: str,
        address: str,
        chat: ChatRef = None,
    ) -> Update:
        """A user shares a venue (Telegram also fills in its location)."""
        location = Location(longitude, latitude)
        venue = Venue(location, title, address)
        return self._send(user, chat, venue=venue, location=location)

    def send_sticker(self, user: User, emoji: str = "👍", chat: ChatRef = None) -> Update:
        """A user sends a (static, 512x512 WEBP) sticker."""
        buffer = io.BytesIO()
        Image.new("RGBA", (512, 512), (255, 200, 0, 255)).save(buffer, format="WEBP")
        stored = self.world.files.add(
            buffer.getvalue(), "stickers", extension="webp", mime_type="image/webp"
        )
        sticker = Sticker(
            stored.file_id,
            stored.file_unique_id,
            512,
            512,
            is_animated=False,
            is_video=False,
            type=Sticker.REGULAR,
            emoji=emoji,
            file_size=len(stored.content),
        )
        return self._send(user, chat, sticker=sticker)

    def send_voice(self, user: User, seconds: int = 3, chat: ChatRef = None) -> Update:
        """A user sends a voice message (OGG bytes the bot may download but cannot read)."""
        stored = self.world.files.add(
            b"OggS" + bytes(60), "voice", extension="ogg", mime_type="audio/ogg"
        )
        voice = Voice(
            stored.file_id,
            stored.file_unique_id,
            seconds,
            mime_type="audio/ogg",
            file_size=len(stored.content),
        )
        return self._send(user, chat, voice=voice)
