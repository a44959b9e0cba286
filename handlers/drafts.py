"""Drafts kept in user_data (persisted as JSON): stored photos in and out of JSON."""

from __future__ import annotations

from typing import Any

from storage.tickets.photos import StoredImage


def image_to_json(image: StoredImage) -> dict[str, Any]:
    """A stored photo as JSON for a draft."""
    return {
        "sha256": image.sha256,
        "path": image.path,
        "width": image.width,
        "height": image.height,
        "size_bytes": image.size_bytes,
    }


def image_from_json(data: dict[str, Any]) -> StoredImage:
    """The StoredImage a draft remembers."""
    return StoredImage(
        str(data["sha256"]),
        str(data["path"]),
        int(data["width"]),
        int(data["height"]),
        int(data["size_bytes"]),
    )
