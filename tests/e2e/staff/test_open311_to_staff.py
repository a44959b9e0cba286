"""An Open311 client's request, end to end: POSTed with a key to the web app's Open311
router over the running bot's store, it reaches the staff group as a chat report does, staff
handle it from chat with their usual commands, and the client reads what they did."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette

from bot.web.open311 import open311_mount
from storage.apikeys import create_key
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import buttons, group_post, say, status_of
from tests.store_calls import run


async def test_a_posted_request_is_handled_by_staff_in_chat(harness: BotHarness) -> None:
    store = harness.services.store
    secret = (await run(store, create_key, name="12345 hotline")).secret
    app = Starlette(routes=[open311_mount(store, harness.settings)])
    transport = httpx.ASGITransport(app=app)
    dispatcher = harness.users["dispatcher"]
    async with httpx.AsyncClient(transport=transport, base_url="http://city.test") as client:

        async def post(**fields: str) -> str:
            answer = await client.post(
                "/open311/v2/requests.json", data={"api_key": secret, **fields}
            )
            assert answer.status_code == 200, answer.text
            number: str = answer.json()[0]["service_request_id"]
            return number

        async def shown(number: str) -> dict[str, object]:
            answer = await client.get(f"/open311/v2/requests/{number}.json")
            request: dict[str, object] = answer.json()[0]
            return request

        lamp = await post(
            service_code="004", address_string="天河路 385 号对面", description="路灯不亮一周了"
        )
        harness.services.outbox.kick()
        card = await group_post(harness, lamp)
        text = card.text or card.caption or ""
        assert "路灯不亮一周了" in text and "天河路 385 号对面" in text, text
        assert buttons(card), "the staff card carries its buttons"

        accepted = await say(harness, dispatcher, f"/accept {lamp}")
        assert lamp in accepted, accepted
        assert await status_of(harness, lamp) == "accepted"
        assert (await shown(lamp))["status"] == "open"

        bins = await post(service_code="001", lat="23.1375", long="113.3252", description="垃圾")
        harness.services.outbox.kick()
        await group_post(harness, bins)
        await say(harness, dispatcher, f"/reject {bins} 已由物业处理")
        assert await status_of(harness, bins) == "rejected"
        rejected = await shown(bins)
        assert rejected["status"] == "closed" and rejected["status_notes"] == "已由物业处理"
