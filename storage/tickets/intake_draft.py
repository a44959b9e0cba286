"""ReportDraft: everything a resident has told us about a problem, before it is a ticket.

A conversation keeps its draft in PTB's user_data, which is persisted as JSON: the draft goes
in and out of JSON (`to_json`/`from_json`) so that a restart in the middle continues the report.
It is a value: each step of the conversation makes a new draft with `dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from storage.tickets.photos import StoredImage

MAX_WORDS = 2000
"""A caption or question is kept up to this many characters (the ticket's description limit)."""
MAX_ADDRESS = 500

REPORT, EMERGENCY, QUESTION = "report", "emergency", "question"


@dataclass(frozen=True, slots=True)
class ReportDraft:
    """A photo report, an emergency or a question handed over to staff, not filed yet."""

    intake_key: str
    """The first message's key ("tg:<chat>:<message>"): one ticket per intake, however
    often the filing is redone."""
    reporter_id: int | None = None
    language: str = "zh"
    started: str = ""
    """When the resident began (ISO 8601, the first message's date)."""
    photos: tuple[StoredImage, ...] = ()
    caption: str = ""
    """The first message's words: a photo's caption, or the text that raised an alert."""
    description: str | None = None
    """The description typed later; None until asked, "" when skipped."""
    latitude: float | None = None
    longitude: float | None = None
    address: str | None = None
    """A venue's title and address, or a typed address."""
    photo_gps: tuple[float, float] | None = None
    """The location a photo sent as a file carried (offered as the place, never assumed)."""
    category: str | None = None
    """The category the resident chose."""
    suggested: str | None = None
    """The category that was suggested to them."""
    emergency: bool = False
    """Filed after the gas safety steps: urgent, in the catalogue's emergency category."""
    question: str | None = None
    """The unanswered question this 咨询 ticket hands over to staff."""
    offered: tuple[str, ...] | None = None
    """Ticket numbers offered by the duplicate check (None: no offer made)."""
    asset_class: str | None = None
    """The class of 部件 the report is about (storage/assets), if it is about one."""
    asset_offered: str | None = None
    """The registered asset the resident is being asked about ("是这个井盖吗？")."""
    asset_code: str | None = None
    """The asset the resident said it is: the ticket carries its code."""

    @property
    def kind(self) -> str:
        """report, emergency or question: which category it files into and how it is told."""
        if self.emergency:
            return EMERGENCY
        return QUESTION if self.question is not None else REPORT

    @property
    def words(self) -> str:
        """Everything the resident said, once each: what triage and urgency read."""
        parts: list[str] = []
        for part in (self.caption, self.description, self.question):
            if part and part.strip() and part not in parts:
                parts.append(part)
        return "\n".join(parts)

    @property
    def ticket_description(self) -> str:
        """The words the ticket is filed with."""
        return self.description or self.question or self.caption or ""

    @property
    def reply_origin(self) -> str:
        """What the reply with the ticket's number answers: this intake (one reply each)."""
        return f"file:{self.intake_key}"

    def with_photo(self, image: StoredImage, caption: str | None = None) -> ReportDraft:
        """The draft with one more photo (and the caption, if none was kept yet)."""
        return replace(
            self,
            photos=(*self.photos, image),
            caption=self.caption or (caption or "")[:MAX_WORDS],
        )

    def with_place(
        self,
        *,
        latitude: float | None = None,
        longitude: float | None = None,
        address: str | None = None,
    ) -> ReportDraft:
        """The draft with its place: coordinates, an address, or both."""
        shown = (address or "").strip()[:MAX_ADDRESS] or None
        return replace(self, latitude=latitude, longitude=longitude, address=shown)

    def with_words(self, text: str) -> ReportDraft:
        """One more message before the place ("还是有味，好浓"): one ticket, all the words."""
        return replace(self, caption=f"{self.caption}\n{text}".strip()[:MAX_WORDS])

    def to_json(self) -> dict[str, Any]:
        """The draft as JSON-ready data (for user_data and its persistence)."""
        return {
            "intake_key": self.intake_key,
            "reporter_id": self.reporter_id,
            "language": self.language,
            "started": self.started,
            "photos": [_image_to_json(image) for image in self.photos],
            "caption": self.caption,
            "description": self.description,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "address": self.address,
            "gps": list(self.photo_gps) if self.photo_gps is not None else None,
            "category": self.category,
            "suggested": self.suggested,
            "emergency": self.emergency,
            "question": self.question,
            "offered": list(self.offered) if self.offered is not None else None,
            "asset_class": self.asset_class,
            "asset_offered": self.asset_offered,
            "asset_code": self.asset_code,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportDraft:
        """The draft `to_json` wrote; keys it does not know are ignored and missing ones
        take their defaults (a draft saved by an older version still loads)."""
        gps = data.get("gps")
        offered = data.get("offered")
        return cls(
            intake_key=str(data["intake_key"]),
            reporter_id=_int_or_none(data.get("reporter_id")),
            language=str(data.get("language") or "zh"),
            # Older drafts kept an alert's words under "text" and its time under "at".
            started=str(data.get("started") or data.get("at") or ""),
            photos=tuple(_image_from_json(item) for item in data.get("photos") or ()),
            caption=str(data.get("caption") or data.get("text") or ""),
            description=_str_or_none(data.get("description")),
            latitude=_float_or_none(data.get("latitude")),
            longitude=_float_or_none(data.get("longitude")),
            address=_str_or_none(data.get("address")),
            photo_gps=(float(gps[0]), float(gps[1])) if gps else None,
            category=_str_or_none(data.get("category")),
            suggested=_str_or_none(data.get("suggested")),
            emergency=bool(data.get("emergency", False)),
            question=_str_or_none(data.get("question")),
            offered=tuple(str(n) for n in offered) if offered is not None else None,
            asset_class=_str_or_none(data.get("asset_class")),
            asset_offered=_str_or_none(data.get("asset_offered")),
            asset_code=_str_or_none(data.get("asset_code")),
        )


def _image_to_json(image: StoredImage) -> dict[str, Any]:
    return {
        "sha256": image.sha256,
        "path": image.path,
        "width": image.width,
        "height": image.height,
        "size_bytes": image.size_bytes,
    }


def _image_from_json(data: dict[str, Any]) -> StoredImage:
    return StoredImage(
        str(data["sha256"]),
        str(data["path"]),
        int(data["width"]),
        int(data["height"]),
        int(data["size_bytes"]),
    )


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _int_or_none(value: object) -> int | None:
    return None if value is None else int(str(value))


def _float_or_none(value: object) -> float | None:
    return None if value is None else float(str(value))
