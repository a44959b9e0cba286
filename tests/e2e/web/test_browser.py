"""The dashboard and the Mini App in a real browser (headless chromium): log in with a
one-time link, see a ticket's marker, open it, tick the 在岗人员 layer and see a worker on
duty, filter the map; open the Mini App with a valid initData and see the map, with a forged
one and be refused (401).

Skipped, saying why, where chromium, chromedriver or selenium is missing. A screenshot of
each page is written to the test's folder (and to $CITYBOT_SCREENSHOT_DIR when set)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from bot.services import open_store
from bot.settings import Settings
from bot.web.initdata import sign_init_data
from bot.web.miniapp import INIT_DATA_HEADER
from storage import Actor, Role, Store
from storage.attendance import circle
from storage.attendance import service as attendance
from storage.db.engine import create_engine
from storage.db.migrate import upgrade_engine
from storage.staff import service as staff
from storage.tickets.filing import NewTicket
from storage.weblogin import service as weblogin
from tests.e2e.web.live import LiveWeb, chromium_driver
from tests.store_calls import file_ticket, run

BOT_TOKEN = "123456:browser-test-token"
ADMIN_ID = 4001
RESIDENT_ID = 1001
WORKER_ID = 3001


@dataclass
class Seeded:
    litter: str
    grass: str
    token: str


async def _check_in_a_worker(store: Store) -> None:
    """老王 of 环卫 on duty at 天河路 (his live location shared, inside his area)."""
    admin = Actor(ADMIN_ID, Role.ADMIN)
    await run(
        store,
        staff.add_member,
        by=admin,
        user_id=WORKER_ID,
        role=Role.FIELD_WORKER,
        department="sanitation",
        display_name="老王",
    )
    await run(
        store, attendance.set_area, by=admin, user_id=WORKER_ID, area=circle(23.13, 113.27, 500)
    )
    await run(
        store,
        attendance.check_in,
        by=Actor(WORKER_ID, Role.FIELD_WORKER),
        latitude=23.13,
        longitude=113.27,
        live_period=28800,
        chat_id=WORKER_ID,
        message_id=1,
    )


async def _seed(settings: Settings) -> Seeded:
    engine = create_engine(settings.database_url)
    await upgrade_engine(engine)
    await engine.dispose()
    store = open_store(settings)
    try:
        litter = await file_ticket(
            store,
            NewTicket(
                category="sanitation",
                description="垃圾桶满了，溢出到人行道",
                latitude=23.1291,
                longitude=113.2644,
                address="天河路 100 号",
                reporter_id=RESIDENT_ID,
            ),
        )
        grass = await file_ticket(
            store,
            NewTicket(
                category="greening",
                description="树枝断了挡路",
                latitude=23.1350,
                longitude=113.2800,
                reporter_id=RESIDENT_ID + 1,
            ),
        )
        await _check_in_a_worker(store)
        token = await run(store, weblogin.issue_login_token, user_id=ADMIN_ID)
        return Seeded(litter.number, grass.number, token)
    finally:
        await store.close()


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LiveWeb, Seeded]]:
    settings = Settings(
        telegram_token=BOT_TOKEN,  # type: ignore[arg-type]
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'web.db'}",
        data_dir=tmp_path / "data",
        admin_ids=[ADMIN_ID],
        _env_file=None,  # type: ignore[call-arg]
    )
    seeded = asyncio.run(_seed(settings))
    server = LiveWeb(settings)
    server.start()
    try:
        yield server, seeded
    finally:
        server.stop()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    driver = chromium_driver(tmp_path / "downloads")
    try:
        yield driver
    finally:
        driver.quit()


def _wait(driver: Any, condition: Any, timeout: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _screenshot(driver: Any, folder: Path, name: str) -> None:
    driver.save_screenshot(str(folder / name))
    target = os.environ.get("CITYBOT_SCREENSHOT_DIR")
    if target:
        shutil.copy(folder / name, Path(target) / name)


def _pins(driver: Any) -> set[str]:
    from selenium.webdriver.common.by import By

    return {
        pin.get_attribute("data-number")
        for pin in driver.find_elements(By.CSS_SELECTOR, ".ticket-pin")
    }


def test_the_dashboard_after_a_one_time_link(
    live: tuple[LiveWeb, Seeded], browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import Select

    server, seeded = live
    browser.get(f"{server.url}/dashboard")
    _wait(browser, seen.presence_of_element_located((By.ID, "how")))  # sent to /login

    browser.get(f"{server.url}/login?token={quote(seeded.token)}")
    browser.find_element(By.ID, "login").click()
    _wait(browser, seen.url_to_be(f"{server.url}/dashboard"))
    pin = f'.ticket-pin[data-number="{seeded.litter}"]'
    _wait(browser, seen.presence_of_element_located((By.CSS_SELECTOR, pin)))
    assert _pins(browser) == {seeded.litter, seeded.grass}
    assert browser.find_element(By.ID, "summary").get_attribute("data-count") == "2"

    browser.find_element(By.CSS_SELECTOR, pin).click()
    _wait(browser, seen.text_to_be_present_in_element((By.ID, "detail"), "垃圾桶满了"))
    detail = browser.find_element(By.ID, "detail").text
    assert seeded.litter in detail and "处理记录" in detail and "天河路 100 号" in detail
    assert str(RESIDENT_ID) not in browser.page_source
    _wait(
        browser,
        lambda d: d.execute_script(
            "const chart = document.getElementById('kpi-chart');"
            "return chart.complete && chart.naturalWidth > 0;"
        ),
    )
    _screenshot(browser, tmp_path, "dashboard.png")

    worker = f'.worker-pin[data-user="{WORKER_ID}"]'
    assert not browser.find_elements(By.CSS_SELECTOR, worker)  # the layer is off until ticked
    browser.execute_script(
        "for (const label of document.querySelectorAll('.leaflet-control-layers label'))"
        "  if (label.textContent.includes('在岗人员')) label.querySelector('input').click();"
    )
    _wait(browser, seen.presence_of_element_located((By.CSS_SELECTOR, worker)))
    title = browser.find_element(By.CSS_SELECTOR, worker).find_element(By.XPATH, "..")
    assert "老王" in (title.get_attribute("title") or "")

    Select(browser.find_element(By.ID, "f-category")).select_by_value("greening")
    browser.find_element(By.ID, "apply").click()
    _wait(browser, lambda d: d.find_element(By.ID, "summary").get_attribute("data-count") == "1")
    assert _pins(browser) == {seeded.grass}
    href = browser.find_element(By.ID, "export").get_attribute("href")
    assert href.endswith("category=greening")

    # The same link a second time logs no one in.
    browser.delete_all_cookies()
    browser.get(f"{server.url}/login?token={quote(seeded.token)}")
    browser.find_element(By.ID, "login").click()
    _wait(browser, seen.presence_of_element_located((By.ID, "failed")))


def _init_data(user_id: int, token: str = BOT_TOKEN) -> str:
    fields = {
        "user": json.dumps({"id": user_id, "first_name": "管理员"}),
        "auth_date": str(int(time.time())),
        "query_id": "AAE-browser",
    }
    return sign_init_data(fields, token)


def _open_mini_app(browser: Any, server: LiveWeb, init_data: str) -> str:
    from selenium.webdriver.common.by import By

    browser.get("about:blank")  # a change of the fragment alone would not reload the page
    browser.get(f"{server.url}/app#tgWebAppData={quote(init_data)}&tgWebAppVersion=8.0")
    _wait(browser, lambda d: d.find_element(By.ID, "status").get_attribute("data-state"))
    return str(browser.find_element(By.ID, "status").get_attribute("data-state"))


def test_the_mini_app_shows_the_map_to_valid_init_data_only(
    live: tuple[LiveWeb, Seeded], browser: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    server, seeded = live
    assert _open_mini_app(browser, server, _init_data(ADMIN_ID)) == "loaded"
    assert _pins(browser) == {seeded.litter, seeded.grass}
    assert browser.find_elements(By.CSS_SELECTOR, "#map.leaflet-container")
    _screenshot(browser, tmp_path, "miniapp.png")

    resident = _init_data(RESIDENT_ID)
    assert _open_mini_app(browser, server, resident) == "loaded"
    assert _pins(browser) == {seeded.litter}  # a resident sees their own ticket only

    forged = _init_data(ADMIN_ID, token="654321:not-this-bot")
    assert _open_mini_app(browser, server, forged) == "refused"
    assert "401" in browser.find_element(By.ID, "status").text
    assert _pins(browser) == set()
    direct = httpx.get(f"{server.url}/app/api/tickets", headers={INIT_DATA_HEADER: forged})
    assert direct.status_code == 401
