"""No answer of the Open311 server names a reporter, on SQLite and PostgreSQL: not their
Telegram id, a follower's, a staff member's, their name (in a comment, a staff note, a
rework reason), a phone number or e-mail address (typed into the description too), nor a
photo; checked on the serialized answers of every endpoint, in both formats, for a ticket
that went through everything that records a person. (A name typed into the description
itself is the resident's own words about the street, shown as they are.)"""

from __future__ import annotations

import re

import pytest

from storage import Actor, Role, Status, Store
from storage.tickets import remarks, service
from tests.integration.open311.client import REQUEST_FIELDS, new_key, open311_client, xml_items
from tests.integration.open311.client import xml_root as parse_xml
from tests.integration.store_helpers import DISPATCHER, WORKER, file, jpeg, walk_to
from tests.store_calls import run

REPORTER = Actor(987654321, Role.RESIDENT)
FOLLOWER = Actor(555012345, Role.RESIDENT)


@pytest.mark.parametrize("fmt", ["json", "xml"])
async def test_no_answer_names_a_person(store: Store, fmt: str) -> None:
    photo = store.photos.put(jpeg((9, 9, 9)))
    number = await file(
        store,
        reporter_id=REPORTER.user_id,
        description="小区门口垃圾堆了三天，有事打 138-0013-8000 或写信 wxm@example.cn",
    )
    await run(store, remarks.join, number=number, by=FOLLOWER, language="en")
    await run(
        store,
        remarks.comment,
        number=number,
        by=Actor(REPORTER.user_id, Role.REPORTER),
        note="我叫王小明，住3栋，13800138000",
        photos=[photo],
    )
    await walk_to(store, number, Status.RESOLVED)
    await run(store, remarks.add_note, number=number, by=DISPATCHER, text="王小明家属要求回电")
    await run(
        store,
        service.rework,
        number=number,
        by=Actor(REPORTER.user_id, Role.REPORTER),
        reason="王小明说还是没清",
    )
    secret = await new_key(store)
    async with open311_client(store) as client:
        posted = await client.post(
            f"/requests.{fmt}",
            data={
                "api_key": secret,
                "service_code": "001",
                "lat": "23.1",
                "long": "113.2",
                "description": "路灯坏了",
                "first_name": "王小明",
                "phone": "13800138000",
            },
        )
        texts = [posted.text]
        for path in (
            "requests",
            f"requests/{number}",
            "discovery",
            "services",
            "services/001",
        ):
            answer = await client.get(f"/{path}.{fmt}")
            assert answer.status_code == 200, path
            texts.append(answer.text)
        listed = await client.get(f"/requests.{fmt}")
    everything = "\n".join(texts)
    for person in (
        str(REPORTER.user_id),
        str(FOLLOWER.user_id),
        str(DISPATCHER.user_id),
        str(WORKER.user_id),
        "王小明",
        "13800138000",
        "138-0013-8000",
        "wxm@example.cn",
        photo.sha256,
        photo.path,
        "家属",
    ):
        # As a whole token: a staff id such as 2001 may also occur inside a request's random
        # token (…6b20012a9…), which names nobody.
        whole = re.compile(rf"(?<![0-9A-Za-z]){re.escape(person)}(?![0-9A-Za-z])")
        assert not whole.search(everything), person
    # What the public may know is there: the problem, and only the spec's fields.
    assert "小区门口垃圾堆了三天" in everything
    requests = listed.json() if fmt == "json" else xml_items(parse_xml(listed))
    assert len(requests) == 2
    assert all(set(request) == REQUEST_FIELDS for request in requests)
    assert all(not request["media_url"] for request in requests)
