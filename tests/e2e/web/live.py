"""The web app served for real on a free local port, in a thread with its own event loop,
and a headless Debian chromium driven by Selenium through Debian's chromedriver."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from bot.runtime.webhook import WebhookServer
from bot.services import open_store
from bot.settings import Settings
from bot.web.app import build_web_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


class LiveWeb:
    """`citybot web`'s app on 127.0.0.1:<free port> until stop()."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: WebhookServer | None = None
        self._error: BaseException | None = None
        self.port = 0
        self._thread = threading.Thread(target=self._run, name="live-web", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()
        assert self._ready.wait(30), "the web app did not start"
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        if self._loop is not None and self._server is not None:
            self._loop.call_soon_threadsafe(self._server.request_stop)
        self._thread.join(30)

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported to start()
            self._error = error
            self._ready.set()

    async def _serve(self) -> None:
        store = open_store(self.settings)
        try:
            self._server = WebhookServer(build_web_app(self.settings, store=store), "127.0.0.1", 0)
            self.port = self._server.port
            self._loop = asyncio.get_running_loop()
            await self._server.start()
            self._ready.set()
            await self._server.wait()
        finally:
            await store.close()


def chromium_driver(downloads: Path) -> Any:
    """A headless chromium, or a skip saying what is missing (nothing is ever downloaded)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not needed.exists() and shutil.which(needed.name) is None:
            pytest.skip(f"{needed} is missing: apt-get install chromium chromium-driver")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager, were it asked, may not download
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root, where chromium's sandbox cannot start
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=zh-CN",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    driver_path = CHROMEDRIVER if CHROMEDRIVER.exists() else Path(str(shutil.which("chromedriver")))
    return webdriver.Chrome(service=Service(executable_path=str(driver_path)), options=options)
