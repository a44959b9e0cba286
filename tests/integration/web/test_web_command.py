"""`citybot web` serves the web app on the address it is given, and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_citybot_web_serves_until_sigterm(tmp_path: Path) -> None:
    port = _free_port()
    env = os.environ | {
        "CITYBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'citybot.db'}",
        "CITYBOT_DATA_DIR": str(tmp_path),
    }
    env.pop("CITYBOT_TELEGRAM_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "web", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[1]
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "citybot web did not start"
                time.sleep(0.2)
        assert response.status_code == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_citybot_web_refuses_a_taken_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = os.environ | {
            "CITYBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'citybot.db'}",
            "CITYBOT_DATA_DIR": str(tmp_path),
        }
        done = subprocess.run(
            [sys.executable, "-c", "from bot.cli import main; main()", "web", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_citybot_web_refuses_a_webhook_that_is_no_url(tmp_path: Path) -> None:
    env = os.environ | {
        "CITYBOT_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'citybot.db'}",
        "CITYBOT_TELEGRAM_TOKEN": "1:x",
    }
    done = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "web", "--webhook", "bot"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--webhook: 'bot' is not a URL" in done.stderr
