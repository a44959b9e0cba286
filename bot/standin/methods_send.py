"""Bot API methods that send messages: text, photos, documents, albums, locations."""

from __future__ import annotations

import secrets
from typing import Any

from telegram import Document, Location, Message, PhotoSize
from telegram.constants import ChatAction, FileSizeLimit

from bot.standin.errors import bad_request
from bot.standin.files import NotAnImage
from bot.standin.message_text import caption_text, message_text
from bot.standin.outgoing import post, target_chat
from bot.standin.params import Params, Upload
from bot.standin.state import Handler, World

JSON = dict[str, Any]


async def send_message(world: World, params: Params) -> JSON:
    """sendMessage."""
    record = target_chat(world, params)
    text, entities = message_text(
        params.text("text"), params.text("parse_mode"), params.obj("entities")
    )
    return post(world, record, params, text=text, entities=entities or None).to_dict()


def _caption(params: Params, prefix: str = "") -> dict[str, Any]:
    caption, entities = caption_text(
        params.text(f"{prefix}caption"),
        params.text(f"{prefix}parse_mode"),
        params.obj(f"{prefix}caption_entities"),
    )
    return {"caption": caption, "caption_entities": entities or None}


def photo_sizes(world: World, value: Upload | str | None) -> list[PhotoSize]:
    """The PhotoSize list for an uploaded photo or a known photo file_id."""
    if value is None or value == "":
        raise bad_request("there is no photo in the request")
    if isinstance(value, Upload):
        if not value.content:
            raise bad_request("file must be non-empty")
        if len(value.content) > FileSizeLimit.PHOTOSIZE_UPLOAD:
            raise bad_request("file is too big")
        try:
            return world.files.add_photo(value.content)
        except NotAnImage:
            raise bad_request("IMAGE_PROCESS_FAILED") from None
    sizes = world.files.photo_sets.get(value)
    if sizes is None:
        if value in world.files.by_id:
            raise bad_request("type of file mismatch")
        raise bad_request("wrong file identifier/HTTP URL specified")
    return sizes


def document_of(world: World, value: Upload | str | None) -> Document:
    """The Document for an uploaded file or a known document file_id."""
    if value is None or value == "":
        raise bad_request("there is no document in the request")
    if isinstance(value, Upload):
        if not value.content:
            raise bad_request("file must be non-empty")
        if len(value.content) > FileSizeLimit.FILESIZE_UPLOAD:
            raise bad_request("file is too big")
        extension = value.filename.rsplit(".", 1)[-1] if "." in value.filename else "bin"
        stored = world.files.add(
            value.content,
            "documents",
            extension=extension,
            file_name=value.filename,
            mime_type=value.mime_type,
        )
    else:
        found = world.files.get(value)
        if found is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if found.kind != "documents":
            raise bad_request("type of file mismatch")
        stored = found
    return Document(
        file_id=stored.file_id,
        file_unique_id=stored.file_unique_id,
        file_name=stored.file_name,
        mime_type=stored.mime_type,
        file_size=len(stored.content),
    )


async def send_photo(world: World, params: Params) -> JSON:
    """sendPhoto: a multipart upload or a known file_id; three PhotoSize entries."""
    record = target_chat(world, params)
    caption = _caption(params)
    sizes = photo_sizes(world, params.upload("photo"))
    return post(world, record, params, photo=sizes, **caption).to_dict()


async def send_document(world: World, params: Params) -> JSON:
    """sendDocument: keeps the file name, MIME type and bytes."""
    record = target_chat(world, params)
    caption = _caption(params)
    document = document_of(world, params.upload("document"))
    return post(world, record, params, document=document, **caption).to_dict()


def _media_item(world: World, params: Params, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict) or item.get("type") not in ("photo", "document"):
        raise bad_request("unsupported media type (the stand-in supports photo and document)")
    media = item.get("media")
    value: Upload | str | None = media
    if isinstance(media, str) and media.startswith("attach://"):
        value = params.attached(media)
        if value is None:
            raise bad_request(f'can\'t find attached file "{media}"')
    caption_params = Params({f"item_{key}": val for key, val in item.items()})
    content: dict[str, Any] = _caption(caption_params, "item_")
    if item["type"] == "photo":
        content["photo"] = photo_sizes(world, value)
    else:
        content["document"] = document_of(world, value)
    return content


async def send_media_group(world: World, params: Params) -> list[JSON]:
    """sendMediaGroup: 2-10 photos or documents sharing one media_group_id."""
    record = target_chat(world, params)
    media = params.obj("media")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        raise bad_request("wrong number of media in the album: it must have 2-10 items")
    kinds = {item.get("type") for item in media if isinstance(item, dict)}
    if "document" in kinds and len(kinds) > 1:
        raise bad_request("documents can't be mixed with other media types in an album")
    contents = [_media_item(world, params, item) for item in media]
    group_id = str(secrets.randbelow(10**18))
    sent: list[Message] = [
        post(world, record, params, media_group_id=group_id, **content) for content in contents
    ]
    return [message.to_dict() for message in sent]


async def send_location(world: World, params: Params) -> JSON:
    """sendLocation."""
    record = target_chat(world, params)
    latitude, longitude = params.number("latitude"), params.number("longitude")
    if latitude is None or longitude is None:
        raise bad_request("wrong location specified")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise bad_request("wrong location specified")
    location = Location(longitude=longitude, latitude=latitude)
    return post(world, record, params, location=location).to_dict()


async def send_chat_action(world: World, params: Params) -> bool:
    """sendChatAction: checks the chat and the action name."""
    target_chat(world, params)
    if params.text("action") not in set(ChatAction):
        raise bad_request("wrong parameter action in request")
    return True


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendDocument": send_document,
    "sendMediaGroup": send_media_group,
    "sendLocation": send_location,
    "sendChatAction": send_chat_action,
}
