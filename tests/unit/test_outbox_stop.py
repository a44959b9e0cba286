"""Stopping the outbox loop always ends, even when a cancellation is lost on the way.

On Python 3.11 a cancellation can vanish (asyncio.wait_for returns a result that arrived in
the same turn; a library's cleanup catches it); the outbox loop then ran on, and the bot's
shutdown waited for it forever: the test run hung in a fixture's teardown."""

from __future__ import annotations

import asyncio

from bot.runtime.outbox_sender import OutboxSender


async def stopped_within(sender: OutboxSender, seconds: float, *, grace: float = 5.0) -> None:
    """Stop `sender`, failing if stop() has not returned within `seconds` (without cancelling
    it: a cancelled stop() cancels the loop a second time and hides the hang)."""
    stopping = asyncio.create_task(sender.stop(grace=grace))
    await asyncio.wait({stopping}, timeout=seconds)
    assert stopping.done(), f"stop() still waiting after {seconds} s"


class LosesOneCancellation(OutboxSender):
    """A claim that swallows the first cancellation it meets, as such a library would."""

    def __init__(self, *, claim_seconds: float = 0.005) -> None:
        super().__init__(None, interval=0.01)  # type: ignore[arg-type]
        self.claim_seconds = claim_seconds
        self.claims = 0
        self.lost = 0
        self.claimed_thrice = asyncio.Event()

    async def deliver_due(self) -> int:
        self.claims += 1
        if self.claims >= 3:
            self.claimed_thrice.set()
        try:
            await asyncio.sleep(self.claim_seconds)
        except asyncio.CancelledError:
            if self.lost:
                raise
            self.lost += 1
        return 0


async def test_stop_returns_though_the_loop_lost_its_cancellation() -> None:
    # A claim longer than the grace is cut short by a cancel, and that one is lost.
    sender = LosesOneCancellation(claim_seconds=0.005)
    sender.start()
    await asyncio.wait_for(sender.claimed_thrice.wait(), timeout=5)
    sender.claim_seconds = 30
    await asyncio.sleep(0.05)  # the loop is inside a long claim now
    loop_task = sender._task
    assert loop_task is not None
    await stopped_within(sender, 5, grace=0.1)
    assert sender.lost == 1
    assert loop_task.done()


async def test_a_stop_in_every_turn_after_a_kick_returns() -> None:
    sender = LosesOneCancellation()
    sender.lost = 1  # this one passes cancellations on
    for turns in range(8):
        sender.start()
        await asyncio.sleep(0.03)
        sender.kick()
        for _ in range(turns):
            await asyncio.sleep(0)
        loop_task = sender._task
        assert loop_task is not None
        await stopped_within(sender, 5)
        assert loop_task.done(), f"the loop runs on after a stop {turns} turns after a kick"


class CountsCancellations(OutboxSender):
    """A claim that notes whether it was cancelled (a connection's rollback would fail)."""

    def __init__(self) -> None:
        super().__init__(None, interval=0.01)  # type: ignore[arg-type]
        self.cancelled = 0
        self.claiming = asyncio.Event()

    async def deliver_due(self) -> int:
        self.claiming.set()
        try:
            await asyncio.sleep(0.2)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        return 0


async def test_a_claim_under_way_finishes_before_the_loop_stops() -> None:
    # Cancelled mid-query, the pool's rollback of the connection failed and logged a
    # traceback at every console exit; a claim shorter than the grace now ends by itself.
    sender = CountsCancellations()
    sender.start()
    await asyncio.wait_for(sender.claiming.wait(), timeout=5)
    await stopped_within(sender, 5, grace=2)
    assert sender.cancelled == 0
