"""POST requests.json on SQLite and PostgreSQL: a valid key files a ticket through the one
intake (its category, place and words, the staff group's notice owed); a missing, unknown or
revoked key is 403, a request without a place or with bad fields 400, each as the spec's
error array and with nothing filed; the per-key hourly limit; tokens."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from storage import Store, load_catalog
from storage.apikeys import list_keys, revoke_key
from storage.db.engine import create_engine
from storage.outbox.models import OutboxMessage
from storage.tickets import lookups
from storage.tickets.models import Ticket, TicketEvent
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.open311.client import error_of, new_key, open311_client, xml_root
from tests.store_calls import read, run

PLACE = {"lat": "23.13512", "long": "113.32108"}


def form(secret: str | None, **fields: str) -> dict[str, str]:
    data = {"service_code": "001", "description": "垃圾桶满了，溢到人行道", **PLACE, **fields}
    if secret is not None:
        data["api_key"] = secret
    return data


async def count_tickets(store: Store) -> int:
    async with store.reading() as session:
        return int((await session.execute(select(func.count(Ticket.id)))).scalar_one())


async def test_a_keyed_post_files_a_ticket_staff_are_told_of(
    store: Store, clock: FakeClock
) -> None:
    secret = await new_key(store)
    async with open311_client(store) as client:
        answer = await client.post("/requests.json", data=form(secret))
        (filed,) = answer.json()
        assert answer.status_code == 200
        assert set(filed) == {"service_request_id", "token", "service_notice", "account_id"}
        number, token = filed["service_request_id"], filed["token"]
        by_token = await client.get(f"/tokens/{token}.json")
        shown = await client.get(f"/requests/{number}.json")
    ticket = await read(store, lookups.get_ticket, number=number)
    assert ticket.category == "sanitation" and ticket.department == "sanitation"
    assert (ticket.latitude, ticket.longitude) == (23.13512, 113.32108)
    assert ticket.description == "垃圾桶满了，溢到人行道"
    assert ticket.status == "submitted" and ticket.priority == "normal"
    assert ticket.reporter_id is None and ticket.intake_key == f"open311:{token}"
    assert ticket.deadline == clock.now + timedelta(hours=24)
    async with store.reading() as session:
        owed = (
            (
                await session.execute(
                    select(OutboxMessage).where(OutboxMessage.ticket_id == ticket.id)
                )
            )
            .scalars()
            .all()
        )
    # The staff group's post about a new ticket, nothing to a reporter (there is none).
    assert [(m.recipient, m.message_key) for m in owed] == [("staff", "staff.ticket_new")]
    assert owed[0].params["description"] == ticket.description
    assert by_token.json() == [{"service_request_id": number, "token": token}]
    assert shown.json()[0]["status"] == "open" and shown.json()[0]["service_code"] == "001"
    (key,) = await read(store, list_keys)
    assert key.requests == 1


async def test_an_address_alone_is_a_place_and_gas_words_make_it_urgent(
    store: Store, clock: FakeClock
) -> None:
    secret = await new_key(store)
    fields = form(secret, service_code="005", description="楼道里有很重的煤气味，好像漏气")
    del fields["lat"], fields["long"]
    fields["address_string"] = "越秀区中山五路 3 号"
    async with open311_client(store) as client:
        answer = await client.post("/requests.xml", data=fields)
    root = xml_root(answer)
    assert answer.status_code == 200 and root.tag == "service_requests"
    (request,) = root
    assert request.tag == "request"
    assert [child.tag for child in request] == [
        "service_request_id",
        "token",
        "service_notice",
        "account_id",
    ]
    ticket = await read(store, lookups.get_ticket, number=request.findtext("service_request_id"))
    assert ticket.address == "越秀区中山五路 3 号" and ticket.latitude is None
    assert ticket.category == "gas" and ticket.priority == "urgent"
    assert ticket.deadline == clock.now + timedelta(hours=2)


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_no_unknown_or_revoked_key_is_403_and_files_nothing(store: Store, fmt: str) -> None:
    revoked = await new_key(store, "gone")
    await run(store, revoke_key, key_id=1)
    async with open311_client(store) as client:
        for secret in (None, "", "not-a-key", revoked, revoked.upper()):
            answer = await client.post(f"/requests.{fmt}", data=form(secret))
            assert answer.status_code == 403, secret
            if fmt == "json":
                assert error_of(answer)[0] == 403
            else:
                root = xml_root(answer)
                assert root.tag == "errors"
                assert [(e.findtext("code"), bool(e.findtext("description"))) for e in root] == [
                    ("403", True)
                ]
        # a bad key is refused before anything else is looked at
        assert (await client.post("/requests.json", data={"api_key": "x"})).status_code == 403
    assert await count_tickets(store) == 0


async def test_bad_requests_are_400_naming_the_problem(store: Store) -> None:
    secret = await new_key(store)
    no_place = form(secret)
    del no_place["lat"], no_place["long"]
    cases = [
        (no_place, "address_string"),
        ({**no_place, "lat": "23.1"}, "together"),
        (form(secret, lat="91"), "lat"),
        (form(secret, long="east"), "decimal"),
        (form(secret, lat="nan"), "decimal"),
        (form(secret, service_code=""), "service_code"),
        (form(secret, service_code="999"), "999"),
        (form(secret, description="   "), "description"),
        (form(secret, description="长" * 2001), "2000"),
    ]
    async with open311_client(store) as client:
        for fields, problem in cases:
            answer = await client.post("/requests.json", data=fields)
            assert answer.status_code == 400, fields
            assert problem in error_of(answer)[1], (problem, answer.text)
        as_json = await client.post("/requests.json", json=form(secret))
        assert as_json.status_code == 400 and "x-www-form-urlencoded" in error_of(as_json)[1]
        huge = await client.post(
            "/requests.json",
            content=b"description=" + b"a" * 70_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert huge.status_code == 413
    assert await count_tickets(store) == 0


async def test_each_key_files_at_most_its_hours_share(store: Store, clock: FakeClock) -> None:
    first, second = await new_key(store, "one"), await new_key(store, "two")
    async with open311_client(store, open311_posts_per_hour=2) as client:

        async def post(secret: str) -> httpx.Response:
            return await client.post("/requests.json", data=form(secret))

        assert [(await post(first)).status_code for _ in range(3)] == [200, 200, 429]
        assert error_of(await post(first))[0] == 429
        assert (await post(second)).status_code == 200
        clock.advance(minutes=61)
        assert (await post(first)).status_code == 200
    assert await count_tickets(store) == 4


async def test_the_posters_identity_is_neither_kept_nor_shown(store: Store) -> None:
    secret = await new_key(store)
    identity = {
        "email": "zhang.san@example.com",
        "device_id": "device-8842",
        "account_id": "acct-5531",
        "first_name": "三",
        "last_name": "张",
        "phone": "13912345678",
        "media_url": "http://example.com/photo-77.jpg",
    }
    async with open311_client(store) as client:
        answer = await client.post("/requests.json", data=form(secret, **identity))
        number = answer.json()[0]["service_request_id"]
        shown = [
            (await client.get(path)).text
            for path in (f"/requests/{number}.json", f"/requests/{number}.xml", "/requests.json")
        ]
    async with store.reading() as session:
        stored = [
            repr(row.__dict__)
            for model in (Ticket, TicketEvent, OutboxMessage)
            for row in (await session.execute(select(model))).scalars()
        ]
    for text in [*stored, *shown, answer.text]:
        for value in identity.values():
            assert value not in text, (value, text)


async def test_token_and_request_lookups_after_a_post(store: Store) -> None:
    secret = await new_key(store)
    async with open311_client(store) as client:
        (filed,) = (await client.post("/requests.json", data=form(secret))).json()
        xml = await client.get(f"/tokens/{filed['token']}.xml")
    root = xml_root(xml)
    assert root.tag == "service_requests"
    assert [(r.findtext("service_request_id"), r.findtext("token")) for r in root] == [
        (filed["service_request_id"], filed["token"])
    ]


async def test_an_address_alone_is_located_by_the_operators_geocoder(store: Store) -> None:
    secret = await new_key(store)
    geocoder = "tests.e2e.resident.geocoder_plugin:make"
    async with open311_client(store, geocoder=geocoder) as client:
        numbers = []
        for address in ("白云区同和街蟾蜍石东路12号", "无名小巷"):
            fields = form(secret, address_string=address)
            del fields["lat"], fields["long"]
            answer = await client.post("/requests.json", data=fields)
            numbers.append(answer.json()[0]["service_request_id"])
        shown = (await client.get(f"/requests/{numbers[0]}.json")).json()[0]
    known, unknown = [await read(store, lookups.get_ticket, number=n) for n in numbers]
    assert (known.latitude, known.longitude) == (23.19, 113.33)
    assert known.address == "白云区同和街蟾蜍石东路12号"
    assert (shown["lat"], shown["long"]) == (23.19, 113.33)
    assert unknown.latitude is None and unknown.address == "无名小巷"


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_a_database_that_is_down_is_503_in_the_specs_shape(tmp_path: Path, fmt: str) -> None:
    down = Store(
        create_engine(f"sqlite+aiosqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}"),
        catalog=load_catalog(),
        photos=PhotoStore(tmp_path / "photos"),
    )
    try:
        async with open311_client(down) as client:
            answers = [
                await client.get(f"/requests.{fmt}"),
                await client.post(f"/requests.{fmt}", data=form("some-key")),
            ]
            services = await client.get(f"/services.{fmt}")
    finally:
        await down.close()
    for answer in answers:
        assert answer.status_code == 503
        if fmt == "json":
            assert error_of(answer)[0] == 503
        else:
            assert [e.findtext("code") for e in xml_root(answer)] == ["503"]
    assert services.status_code == 200  # what needs no database still answers
