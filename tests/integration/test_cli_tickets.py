"""The `citybot` command line as an operator runs it: a real process on a real database."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storage import Store, load_catalog
from storage.db.engine import create_engine
from storage.db.migrate import head_revision
from storage.tickets import service
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.store_helpers import DISPATCHER, file
from tests.store_calls import run as run_in_store

CITYBOT = shutil.which("citybot") or str(Path(sys.executable).with_name("citybot"))


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CITYBOT_")}
    environment.update(env)
    return subprocess.run(
        [CITYBOT, *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def _fill(url: str, photos: Path) -> list[str]:
    async def go() -> list[str]:
        store = Store(
            create_engine(url), catalog=load_catalog(), photos=PhotoStore(photos), clock=FakeClock()
        )
        try:
            numbers = [
                await file(store, description="垃圾桶满了", address="白云区同和街 12 号"),
                await file(store, category="greening", description="树枝断了挡路"),
            ]
            await run_in_store(store, service.accept, number=numbers[0], by=DISPATCHER)
            return numbers
        finally:
            await store.close()

    return asyncio.run(go())


def test_fresh_install_upgrade_then_empty_queue(workdir: Path) -> None:
    upgraded = run(["db", "upgrade"], workdir)
    assert upgraded.returncode == 0, upgraded.stderr
    assert head_revision() in upgraded.stdout
    assert (workdir / "var" / "citybot.db").exists()
    listed = run(["tickets", "list"], workdir)
    assert listed.returncode == 0, listed.stderr
    assert "没有符合条件的工单" in listed.stdout
    empty = json.loads(run(["tickets", "list", "--json"], workdir).stdout)
    assert empty["tickets"] == [] and empty["total"] == 0


def test_list_show_export(workdir: Path) -> None:
    assert run(["db", "upgrade"], workdir).returncode == 0
    numbers = _fill(
        f"sqlite+aiosqlite:///{workdir / 'var' / 'citybot.db'}", workdir / "var" / "photos"
    )
    listed = run(["tickets", "list"], workdir)
    assert numbers[0] in listed.stdout and "环卫保洁" in listed.stdout
    only_trees = json.loads(
        run(["tickets", "list", "--category", "greening", "--json"], workdir).stdout
    )
    assert [t["number"] for t in only_trees["tickets"]] == [numbers[1]]
    accepted = json.loads(
        run(["tickets", "list", "--status", "accepted", "--json"], workdir).stdout
    )
    assert [t["number"] for t in accepted["tickets"]] == [numbers[0]]
    assert "reporter_id" not in accepted["tickets"][0]

    shown = json.loads(run(["tickets", "show", numbers[0], "--json"], workdir).stdout)
    assert [e["action"] for e in shown["timeline"]] == ["file", "accept"]
    text = run(["tickets", "show", numbers[0].lower()], workdir).stdout
    assert "accept" in text and "白云区同和街" in text

    exported = run(["tickets", "export", "--format", "csv", "-o", "out.csv"], workdir)
    assert exported.returncode == 0, exported.stderr
    raw = (workdir / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("工单编号,状态,类别"), "Chinese headers by default"
    assert len(lines) == 3 and "垃圾桶满了" in raw.decode("utf-8-sig")
    assert "已立案" in raw.decode("utf-8-sig") and "accepted" not in raw.decode("utf-8-sig")
    assert "+00:00" not in raw.decode("utf-8-sig"), "local times"
    to_stdout = run(["tickets", "export", "--format", "csv", "--lang", "en"], workdir)
    assert to_stdout.stdout.startswith("\ufeffNumber,Status,Category")
    assert "accepted" in to_stdout.stdout and "已立案" not in to_stdout.stdout
    unknown = run(["tickets", "export", "--lang", "fr"], workdir)
    assert unknown.returncode == 2 and "--lang" in unknown.stderr


def test_unknown_ticket_and_bad_options_are_clear(workdir: Path) -> None:
    assert run(["db", "upgrade"], workdir).returncode == 0
    missing = run(["tickets", "show", "CG-20990101-0001"], workdir)
    assert missing.returncode == 1
    assert missing.stderr.strip() == "citybot: no ticket CG-20990101-0001"
    bad_category = run(["tickets", "list", "--category", "parking"], workdir)
    assert bad_category.returncode == 2 and "sanitation" in bad_category.stderr
    bad_date = run(["tickets", "export", "--since", "yesterday"], workdir)
    assert bad_date.returncode == 2 and "--since" in bad_date.stderr


def test_wrong_setting_stops_with_one_line_and_no_traceback(workdir: Path) -> None:
    result = run(["tickets", "list"], workdir, CITYBOT_STAFF_CHAT_ID="the-staff-group")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("citybot: CITYBOT_STAFF_CHAT_ID:")
    assert "Traceback" not in result.stderr


def test_list_before_upgrade_says_what_to_do(workdir: Path) -> None:
    result = run(["tickets", "list"], workdir)
    assert result.returncode == 2
    assert "citybot db upgrade" in result.stderr and "Traceback" not in result.stderr


def test_help_lists_the_commands(workdir: Path) -> None:
    result = run(["--help"], workdir)
    assert result.returncode == 0
    for command in ("db", "tickets", "kb"):
        assert command in result.stdout
