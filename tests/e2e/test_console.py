"""`citybot console`, the README's first command: a fresh folder, typed lines, real replies."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image

from bot.messages import t

CITYBOT = shutil.which("citybot") or str(Path(sys.executable).with_name("citybot"))


def test_a_new_user_talks_to_the_bot_in_the_terminal(
    tmp_path: Path, harness_index_dir: Path
) -> None:
    picture = tmp_path / "bins.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 140, 60)).save(buffer, format="JPEG")
    picture.write_bytes(buffer.getvalue())
    lines = [
        "/start",
        "/help-console",
        f"/photo {picture} 小区门口垃圾桶满了",
        "/loc 23.129 113.264",
        "/press 1",
        "/press 1",
        "/quit",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYBOT_")}
    env["CITYBOT_INDEX_DIR"] = str(harness_index_dir)  # prebuilt: no need to index again here
    result = subprocess.run(
        [CITYBOT, "console"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "您好，居民！我是城管小助手" in out
    assert "/photo PATH" in out  # the console's own help
    assert t("report.ask_location", "zh") in out
    assert "工单编号 CG-" in out
    assert (tmp_path / "var" / "citybot.db").exists()
    assert "Traceback" not in result.stderr


def test_a_second_session_on_the_same_database_answers_from_its_first_line(
    tmp_path: Path, harness_index_dir: Path
) -> None:
    # The stand-in numbers updates anew each session; the ledger remembers the last
    # session's ids, so without going on after them the first lines were dropped as repeats.
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYBOT_")}
    env["CITYBOT_INDEX_DIR"] = str(harness_index_dir)
    for session in ("/start\n/help\n/quit\n", "/start\n/quit\n"):
        result = subprocess.run(
            [CITYBOT, "console"],
            input=session,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=240,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        assert "您好，居民！我是城管小助手" in result.stdout
