"""A geocoder plug-in as an operator would write one (here backed by a small gazetteer)."""

from __future__ import annotations

from bot.settings import Settings

GAZETTEER = {"白云区同和街蟾蜍石东路12号": (23.1900, 113.3300)}


class GazetteerGeocoder:
    """Looks typed addresses up in a fixed table."""

    async def locate(self, address: str) -> tuple[float, float] | None:
        """The coordinates of a known address."""
        return GAZETTEER.get(address.replace(" ", ""))


def make(settings: Settings) -> GazetteerGeocoder:
    """The factory CITYBOT_GEOCODER names."""
    return GazetteerGeocoder()
