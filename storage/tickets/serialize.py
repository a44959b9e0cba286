"""Plain-dict and CSV views of tickets, for JSON output and exports.

The reporter's identity is never part of these views: residents must not see each
other, and staff reach a reporter through the bot (/reply), not by id.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.tickets.categories import Catalog
from storage.tickets.models import Photo, Ticket, TicketEvent
from storage.tickets.queries import TicketDetail

EXPORT_FIELDS = (
    "number",
    "status",
    "category",
    "priority",
    "department",
    "description",
    "address",
    "latitude",
    "longitude",
    "created_at",
    "deadline",
    "resolved_at",
    "closed_at",
    "overdue",
    "also_reported",
    "rating",
)
"""The fields of an export row, in their order (bot/export.py writes them in words)."""


def ticket_as_dict(ticket: Ticket, catalog: Catalog, *, lang: str = "zh") -> dict[str, Any]:
    """The public fields of a ticket, JSON-ready."""
    category = catalog.categories.get(ticket.category)
    return {
        "number": ticket.number,
        "status": ticket.status,
        "category": ticket.category,
        "category_name": category.name(lang) if category else ticket.category,
        "priority": ticket.priority,
        "department": ticket.department,
        "department_name": catalog.department_name(ticket.department, lang),
        "assignee_id": ticket.assignee_id,
        "description": ticket.description,
        "address": ticket.address,
        "latitude": ticket.latitude,
        "longitude": ticket.longitude,
        "created_at": ticket.created_at.isoformat(),
        "updated_at": ticket.updated_at.isoformat(),
        "deadline": ticket.deadline.isoformat(),
        "resolved_at": ticket.resolved_at.isoformat() if ticket.resolved_at else None,
        "closed_at": ticket.closed_at.isoformat() if ticket.closed_at else None,
        "duplicate_of_id": ticket.duplicate_of_id,
        "also_reported": ticket.also_reported_count,
        "extensions": ticket.extension_count,
        "rating": ticket.rating,
        "asset_class": ticket.asset_class,
        "asset_code": ticket.asset_code,
    }


def event_as_dict(event: TicketEvent) -> dict[str, Any]:
    """One timeline entry, JSON-ready (the actor by role only)."""
    return {
        "at": event.at.isoformat(),
        "action": event.action,
        "actor_role": event.actor_role,
        "from": event.from_status,
        "to": event.to_status,
        "note": event.note,
        "photo_id": event.photo_id,
        "data": event.data,
    }


def photo_as_dict(photo: Photo) -> dict[str, Any]:
    """A photo's metadata, JSON-ready."""
    return {
        "id": photo.id,
        "kind": photo.kind,
        "sha256": photo.sha256,
        "path": photo.path,
        "width": photo.width,
        "height": photo.height,
        "size_bytes": photo.size_bytes,
        "created_at": photo.created_at.isoformat(),
    }


def detail_as_dict(detail: TicketDetail, catalog: Catalog, *, lang: str = "zh") -> dict[str, Any]:
    """A ticket with its timeline and photos, JSON-ready."""
    return {
        **ticket_as_dict(detail.ticket, catalog, lang=lang),
        "followers": detail.followers,
        "timeline": [event_as_dict(event) for event in detail.events],
        "photos": [photo_as_dict(photo) for photo in detail.photos],
    }


def export_record(ticket: Ticket, now: datetime) -> dict[str, Any]:
    """One ticket for an export: EXPORT_FIELDS as codes, numbers and UTC moments (the
    reader's words and local times are the writer's to choose)."""
    overdue = (ticket.is_open and ticket.deadline < now) or bool(ticket.resolved_late)
    return {
        "number": ticket.number,
        "status": ticket.status,
        "category": ticket.category,
        "priority": ticket.priority,
        "department": ticket.department,
        "description": ticket.description,
        "address": ticket.address,
        "latitude": ticket.latitude,
        "longitude": ticket.longitude,
        "created_at": ticket.created_at,
        "deadline": ticket.deadline,
        "resolved_at": ticket.resolved_at,
        "closed_at": ticket.closed_at,
        "overdue": overdue,
        "also_reported": ticket.also_reported_count,
        "rating": ticket.rating,
    }
