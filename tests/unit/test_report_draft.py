"""A report's draft lives in user_data, persisted as JSON: it must come back exactly as it was
after a restart, and a draft saved by the previous version must still load."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from storage.tickets.intake_draft import EMERGENCY, QUESTION, REPORT, ReportDraft
from storage.tickets.photos import StoredImage

texts = st.text(max_size=40)
maybe_text = st.none() | texts
images = st.builds(
    StoredImage,
    st.text("0123456789abcdef", min_size=64, max_size=64),
    st.text(min_size=1, max_size=30),
    st.integers(1, 10_000),
    st.integers(1, 10_000),
    st.integers(1, 20 * 2**20),
)
latitudes = st.none() | st.floats(-90, 90, allow_nan=False)
longitudes = st.none() | st.floats(-180, 180, allow_nan=False)
numbers = st.tuples(*[st.from_regex(r"CG-2026\d{4}-\d{4}", fullmatch=True)] * 2)
drafts = st.builds(
    ReportDraft,
    intake_key=st.text(min_size=1, max_size=64),
    reporter_id=st.none() | st.integers(1, 2**52),
    language=st.sampled_from(["zh", "en"]),
    started=texts,
    photos=st.lists(images, max_size=3).map(tuple),
    caption=texts,
    description=maybe_text,
    latitude=latitudes,
    longitude=longitudes,
    address=maybe_text,
    photo_gps=st.none() | st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    category=maybe_text,
    suggested=maybe_text,
    emergency=st.booleans(),
    question=maybe_text,
    offered=st.none() | numbers,
)


@given(drafts)
def test_a_draft_survives_its_json(draft: ReportDraft) -> None:
    stored = json.dumps(draft.to_json(), ensure_ascii=False, sort_keys=True)
    assert ReportDraft.from_json(json.loads(stored)) == draft


def test_a_draft_kept_by_the_previous_version_still_loads() -> None:
    old_report = {
        "photos": [
            {"sha256": "ab" * 32, "path": "ab/cd.jpg", "width": 64, "height": 48, "size_bytes": 900}
        ],
        "caption": "垃圾桶满了",
        "intake_key": "tg:1001:5",
        "started": "2026-11-23T02:00:00+00:00",
        "gps": [23.1, 113.2],
        "address": "天河路100号",
        "suggested": "sanitation",
        "urgent": False,
        "category": "sanitation",
        "offered": ["CG-20261123-0001"],
        "own": [],
    }
    draft = ReportDraft.from_json(old_report)
    assert (draft.caption, draft.category, draft.address) == (
        "垃圾桶满了",
        "sanitation",
        "天河路100号",
    )
    assert draft.photo_gps == (23.1, 113.2) and draft.photos[0].path == "ab/cd.jpg"
    assert draft.offered == ("CG-20261123-0001",) and draft.kind == REPORT
    old_alert = {
        "text": "好大煤气味",
        "at": "2026-11-23T02:00:00+00:00",
        "intake_key": "tg:1:2",
        "photos": [],
    }
    alert = ReportDraft.from_json(old_alert)
    assert (alert.caption, alert.started) == ("好大煤气味", "2026-11-23T02:00:00+00:00")


def test_what_the_resident_said_is_read_once_each() -> None:
    draft = ReportDraft("tg:1:1", caption="井盖", description="井盖")
    assert draft.words == "井盖"
    later = ReportDraft("tg:1:1", caption="路口", description="井盖不见了")
    assert later.words == "路口\n井盖不见了"
    assert ReportDraft("tg:1:1", emergency=True).kind == EMERGENCY
    assert ReportDraft("tg:1:1", question="?").kind == QUESTION
