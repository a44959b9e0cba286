"""Open311 reads against the GeoReport v2 spec, field by field, on SQLite and PostgreSQL:
discovery, the services, a service's definition, service requests with each filter and the
date window, one request, and the operator's switch that closes the reads to the public."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest

from bot.web.app import build_web_app
from bot.web.open311.directory import load_directory
from storage import Status, Store
from storage.apikeys import revoke_key
from storage.tickets import lookups, service
from storage.tickets.filing import file_ticket
from tests.conftest import FakeClock
from tests.integration.open311.client import (
    REQUEST_FIELDS,
    SERVICE_FIELDS,
    error_of,
    new_key,
    open311_client,
    settings_for,
    xml_items,
    xml_root,
)
from tests.integration.store_helpers import DISPATCHER, file, report, walk_to
from tests.store_calls import read, run


async def test_discovery_names_this_endpoint_and_both_formats(store: Store) -> None:
    async with open311_client(store, open311_contact="12319 城管热线") as client:
        answer = await client.get("/discovery.json")
        xml = await client.get("/discovery.xml")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(
        "application/json"
    )
    body = answer.json()
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert body["contact"] == "12319 城管热线"
    (endpoint,) = body["endpoints"]
    assert endpoint == {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": "http://open311.test/open311/v2",
        "changeset": body["changeset"],
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    datetime.fromisoformat(body["changeset"])
    root = xml_root(xml)
    assert root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    (xml_endpoint,) = root.find("endpoints") or []
    assert xml_endpoint.tag == "endpoint"
    assert xml_endpoint.findtext("url") == endpoint["url"]
    assert [f.text for f in xml_endpoint.iter("format")] == ["text/xml", "application/json"]


async def test_services_list_every_offered_category_under_its_code(store: Store) -> None:
    directory = load_directory(None, store.catalog)
    async with open311_client(store) as client:
        answer = await client.get("/services.json")
        english = await client.get("/services.json", params={"locale": "en"})
        xml = await client.get("/services.xml")
    services = answer.json()
    assert [s["service_code"] for s in services] == [s.code for s in directory.services]
    assert len(services) == len(store.catalog.categories)
    for entry, offered in zip(services, directory.services, strict=True):
        assert set(entry) == SERVICE_FIELDS
        assert entry["service_name"] == offered.category.zh
        assert entry["metadata"] is False and entry["type"] == "realtime"
        assert isinstance(entry["keywords"], str) and entry["group"]
    assert english.json()[0]["service_name"] == store.catalog.get("sanitation").en
    root = xml_root(xml)
    assert root.tag == "services" and {child.tag for child in root} == {"service"}
    items = xml_items(root)
    assert [set(item) for item in items] == [SERVICE_FIELDS] * len(services)
    assert items[0]["metadata"] == "false"
    assert [item["service_code"] for item in items] == [s["service_code"] for s in services]


async def test_a_service_definition_and_an_unknown_code(store: Store) -> None:
    async with open311_client(store) as client:
        definition = await client.get("/services/004.json")
        xml = await client.get("/services/004.xml")
        unknown = await client.get("/services/999.json")
        unknown_xml = await client.get("/services/999.xml")
        bad_format = await client.get("/services/004.csv")
    assert definition.json() == {"service_code": "004", "attributes": []}
    root = xml_root(xml)
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "004" and root.find("attributes") is not None
    assert unknown.status_code == 404 and error_of(unknown)[0] == 404
    errors = xml_root(unknown_xml)
    assert errors.tag == "errors" and unknown_xml.status_code == 404
    assert [e.findtext("code") for e in errors.iter("error")] == ["404"]
    assert bad_format.status_code == 404


async def test_one_request_carries_the_specs_fields(store: Store, clock: FakeClock) -> None:
    number = await file(store, description="垃圾桶满了", address="天河区体育西路101号")
    ticket = await read(store, lookups.get_ticket, number=number)
    async with open311_client(store) as client:
        answer = await client.get(f"/requests/{number}.json")
        xml = await client.get(f"/requests/{number}.xml")
        unknown = await client.get("/requests/CG-19990101-0001.json")
    (request,) = answer.json()
    assert set(request) == REQUEST_FIELDS
    assert request["service_request_id"] == number
    assert request["status"] == "open" and request["status_notes"] is None
    assert request["service_code"] == "001" and request["service_name"] == "环卫保洁"
    assert request["description"] == "垃圾桶满了"
    assert request["agency_responsible"] == "环卫所"
    assert request["address"] == "天河区体育西路101号"
    assert (request["lat"], request["long"]) == (ticket.latitude, ticket.longitude)
    assert request["requested_datetime"] == "2026-11-23T10:00:00+08:00"
    assert request["updated_datetime"] == "2026-11-23T10:00:00+08:00"
    expected = datetime.fromisoformat(request["expected_datetime"])
    assert expected == ticket.deadline and expected - clock.now == timedelta(hours=24)
    assert request["media_url"] is None
    root = xml_root(xml)
    assert root.tag == "service_requests"
    (item,) = xml_items(root)
    assert set(item) == REQUEST_FIELDS
    assert item["service_request_id"] == number and item["lat"] == str(ticket.latitude)
    assert item["status_notes"] == "" and item["expected_datetime"] == request["expected_datetime"]
    assert unknown.status_code == 404 and "CG-19990101-0001" in error_of(unknown)[1]


async def test_statuses_are_open_or_closed_with_the_staffs_notes(store: Store) -> None:
    numbers = {status: await file(store) for status in Status}
    for status, number in numbers.items():
        await walk_to(store, number, status)
    async with open311_client(store) as client:
        answers = {
            status: (await client.get(f"/requests/{number}.json")).json()[0]
            for status, number in numbers.items()
        }
    opened = {Status.SUBMITTED, Status.ACCEPTED, Status.DISPATCHED, Status.IN_PROGRESS}
    for status, answer in answers.items():
        assert answer["status"] == ("open" if status in opened else "closed"), status
    assert answers[Status.REJECTED]["status_notes"] == "不属于城管职责"
    assert answers[Status.RESOLVED]["status_notes"] == "已清运"
    assert answers[Status.SUBMITTED]["status_notes"] is None


async def test_requests_filters_each_as_the_spec_says(store: Store, clock: FakeClock) -> None:
    first = await file(store, description="一")
    clock.advance(hours=1)
    tree = await file(store, category="greening", description="二")
    clock.advance(hours=1)
    rejected = await file(store, description="三")
    await run(store, service.reject, number=rejected, by=DISPATCHER, reason="重复")
    async with open311_client(store) as client:

        async def ids(**params: str) -> list[str]:
            answer = await client.get("/requests.json", params=params)
            assert answer.status_code == 200, answer.text
            return [r["service_request_id"] for r in answer.json()]

        assert await ids() == [rejected, tree, first]  # newest first
        assert await ids(service_code="001") == [rejected, first]
        assert await ids(service_code="001,002") == [rejected, tree, first]
        assert await ids(status="open") == [tree, first]
        assert await ids(status="closed") == [rejected]
        assert await ids(status="open,closed") == [rejected, tree, first]
        assert await ids(service_request_id=f"{first}, {rejected}") == [rejected, first]
        # service_request_id overrides every other argument
        assert await ids(service_request_id=first, status="closed", service_code="002") == [first]
        assert await ids(start_date="2026-11-23T11:00:00+08:00") == [rejected, tree]
        assert await ids(end_date="2026-11-23T03:00:00Z") == [tree, first]
        assert await ids(start_date="2026-11-23T10:30:00", end_date="2026-11-23T11:30:00") == [tree]
        assert await ids(service_code="002", status="closed") == []
        for params, problem in [
            ({"status": "pending"}, "status"),
            ({"service_code": "999"}, "999"),
            ({"start_date": "yesterday"}, "start_date"),
            ({"start_date": "2026-11-01", "end_date": "2026-10-01"}, "before"),
            ({"start_date": "2026-01-01", "end_date": "2026-11-01"}, "90 days"),
        ]:
            refused = await client.get("/requests.json", params=params)
            assert refused.status_code == 400, params
            assert problem in error_of(refused)[1], params


async def test_the_window_is_the_last_90_days_by_default(store: Store, clock: FakeClock) -> None:
    old = await file(store, description="旧")
    clock.advance(days=91)
    recent = await file(store, description="新")
    async with open311_client(store) as client:
        default = await client.get("/requests.json")
        from_start = await client.get("/requests.json", params={"start_date": "2026-11-23"})
        to_end = await client.get("/requests.json", params={"end_date": "2026-11-24"})
        by_id = await client.get("/requests.json", params={"service_request_id": old})
    assert [r["service_request_id"] for r in default.json()] == [recent]
    assert [r["service_request_id"] for r in from_start.json()] == [old]
    assert [r["service_request_id"] for r in to_end.json()] == [old]
    assert [r["service_request_id"] for r in by_id.json()] == [old]


async def test_at_most_1000_requests_newest_first(store: Store, clock: FakeClock) -> None:
    async with store.unit_of_work() as uow:
        for n in range(1001):
            clock.advance(seconds=1)
            await file_ticket(uow.session, uow, report=report(description=f"第{n}个"))
    async with open311_client(store) as client:
        answer = await client.get("/requests.json")
        xml = await client.get("/requests.xml")
    found = answer.json()
    assert len(found) == 1000 and len(xml_root(xml)) == 1000
    assert found[0]["description"] == "第1000个" and found[-1]["description"] == "第1个"


async def test_reads_closed_by_the_operator_need_an_active_key(store: Store) -> None:
    number = await file(store)
    secret = await new_key(store)
    revoked = await new_key(store, "old partner")
    await run(store, revoke_key, key_id=2)
    async with open311_client(store, open311_public_reads=False) as client:
        token = (
            await client.post(
                "/requests.json",
                data={
                    "api_key": secret,
                    "service_code": "001",
                    "lat": "23.1",
                    "long": "113.3",
                    "description": "垃圾",
                },
            )
        ).json()[0]["token"]
        for path in ("/requests.json", f"/requests/{number}.json", f"/tokens/{token}.json"):
            for params in ({}, {"api_key": "wrong"}, {"api_key": revoked}):
                refused = await client.get(path, params=params)
                assert refused.status_code == 403, (path, params)
                assert error_of(refused)[0] == 403
                assert number not in refused.text
            allowed = await client.get(path, params={"api_key": secret})
            assert allowed.status_code == 200, path
        xml = await client.get("/requests.xml")
        assert xml.status_code == 403 and xml_root(xml).tag == "errors"
        for path in ("/discovery.json", "/services.json", "/services/001.json"):
            assert (await client.get(path)).status_code == 200, path


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_tokens_unknown_is_404(store: Store, fmt: str) -> None:
    async with open311_client(store) as client:
        answer = await client.get(f"/tokens/0123abcd.{fmt}")
    assert answer.status_code == 404


async def test_the_web_app_serves_open311_at_its_prefix(store: Store) -> None:
    secret = await new_key(store)
    app = build_web_app(settings_for(store), store=store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://city.test") as client:
        services = await client.get("/open311/v2/services.json")
        discovery = await client.get("/open311/v2/discovery.json")
        posted = await client.post(
            "/open311/v2/requests.json",
            data={
                "api_key": secret,
                "service_code": "003",
                "address_string": "北京路",
                "description": "占道",
            },
        )
        number = posted.json()[0]["service_request_id"]
        shown = await client.get(f"/open311/v2/requests/{number}.json")
    assert services.status_code == 200 and services.json()[0]["service_code"] == "001"
    assert discovery.json()["endpoints"][0]["url"] == "http://city.test/open311/v2"
    assert shown.json()[0]["service_code"] == "003" and shown.json()[0]["address"] == "北京路"
