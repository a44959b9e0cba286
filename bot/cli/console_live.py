"""The console's live locations: /live shares one as the current user, /move sends a new
position of it (the phone moved), /stoplive ends the share, as a Telegram client does."""

from __future__ import annotations

from collections.abc import Callable

from telegram import User

from bot.standin import StandIn

EIGHT_HOURS = 8 * 3600


def _point(rest: str, usage: str) -> tuple[float, float]:
    try:
        lat, lon = (float(word) for word in rest.split()[:2])
    except ValueError:
        raise ValueError(usage) from None
    return lat, lon


class LiveLocations:
    """Live-location lines of the console, for whoever acts now in their chat."""

    def __init__(self, standin: StandIn, write: Callable[[str], None]) -> None:
        self.standin = standin
        self.write = write

    def share(self, user: User, chat_id: int, rest: str) -> None:
        """/live LAT LON [MINUTES]: start sharing (8 hours unless said)."""
        usage = "usage: /live LAT LON [MINUTES], e.g. /live 23.129 113.264"
        lat, lon = _point(rest, usage)
        words = rest.split()
        minutes = int(words[2]) if len(words) > 2 and words[2].isdigit() else None
        period = minutes * 60 if minutes else EIGHT_HOURS
        self.standin.send_live_location(user, lat, lon, period, chat=chat_id)
        self.write(f"(sharing your live location for {period // 60} min; /move LAT LON, /stoplive)")

    def move(self, user: User, chat_id: int, rest: str) -> None:
        """/move LAT LON: the shared live location moves there."""
        lat, lon = _point(rest, "usage: /move LAT LON, e.g. /move 23.130 113.265")
        live = self.standin.live_location_of(user, chat_id)
        if live is None:
            raise LookupError("no live location being shared here: /live LAT LON first")
        self.standin.move_live_location(user, live, lat, lon, chat=chat_id)

    def stop(self, user: User, chat_id: int, _rest: str) -> None:
        """/stoplive: stop sharing the live location."""
        live = self.standin.live_location_of(user, chat_id)
        if live is None:
            raise LookupError("no live location being shared here")
        self.standin.stop_live_location(user, live, chat=chat_id)
        self.write("(stopped sharing your live location)")
