"""The seam for a geocoder: typed addresses become coordinates when an operator has one.

No geocoding service can be assumed (none is reachable offline, and the bureau chooses
its own), so none ships. An operator sets CITYBOT_GEOCODER=package.module:factory, where
`factory(settings)` returns an object with `async locate(address) -> (lat, lon) | None`.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from bot.settings import Settings


class Geocoder(Protocol):
    """Turns a typed address into WGS-84 coordinates, or None when it cannot."""

    async def locate(self, address: str) -> tuple[float, float] | None:
        """The coordinates of `address`, or None."""
        ...


class GeocoderError(ValueError):
    """CITYBOT_GEOCODER does not name a usable factory."""


def load_geocoder(settings: Settings) -> Geocoder | None:
    """The operator's geocoder from CITYBOT_GEOCODER, or None."""
    if not settings.geocoder:
        return None
    module_name, _, attribute = settings.geocoder.partition(":")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError, ValueError) as error:
        raise GeocoderError(
            f"CITYBOT_GEOCODER: cannot load {settings.geocoder!r}: {error}"
        ) from None
    geocoder: Geocoder = factory(settings)
    return geocoder
