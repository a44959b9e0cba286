"""Live locations as Telegram clients share them, read by a real telegram.Bot: the shared
message with its live period, each new position as an edit, the share's end as a last edit
without a live period; a share that ended takes no more positions."""

from __future__ import annotations

import pytest
from telegram import Bot, User

from bot.standin import StandIn, StandInError


async def test_a_live_location_its_moves_and_its_end_as_the_bot_reads_them(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    shared = standin.send_live_location(resident, 23.129, 113.264, 3600, horizontal_accuracy=12)
    assert shared.message is not None
    standin.move_live_location(resident, shared.message, 23.130, 113.265)
    standin.stop_live_location(resident, shared.message)
    first, moved, ended = await bot.get_updates()
    assert first.message is not None and first.message.location is not None
    live = first.message.location.to_dict()
    assert (live["latitude"], live["longitude"], live["live_period"]) == (23.129, 113.264, 3600)
    assert live["horizontal_accuracy"] == 12
    assert moved.edited_message is not None and moved.edited_message.location is not None
    assert moved.edited_message.message_id == first.message.message_id
    assert moved.edited_message.edit_date is not None
    assert moved.edited_message.location.to_dict()["live_period"] == 3600
    assert (moved.edited_message.location.latitude, moved.edited_message.location.longitude) == (
        23.130,
        113.265,
    )
    assert ended.edited_message is not None and ended.edited_message.location is not None
    assert "live_period" not in ended.edited_message.location.to_dict()
    with pytest.raises(StandInError, match="no live location"):
        standin.move_live_location(resident, shared.message, 23.1, 113.2)
    assert standin.live_location_of(resident) is None


async def test_a_share_that_ran_out_takes_no_more_positions(resident: User) -> None:
    now = [1_800_000_000.0]
    async with StandIn(clock=lambda: now[0]) as server:
        server.add_user(resident.id, resident.first_name)
        server.private_chat(resident)
        shared = server.send_live_location(resident, 23.129, 113.264, 60)
        assert shared.message is not None
        assert server.live_location_of(resident) is not None
        now[0] += 61
        with pytest.raises(StandInError, match="has ended"):
            server.move_live_location(resident, shared.message, 23.13, 113.26)
        assert server.live_location_of(resident) is None
        with pytest.raises(StandInError, match="60 to 86400"):
            server.send_live_location(resident, 23.129, 113.264, 30)
