"""`citybot console`: a member of staff checks in by /live, moves, and checks out by /stoplive."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.e2e.test_console import CITYBOT


def test_staff_check_in_and_out_with_a_live_location_in_the_console(
    tmp_path: Path, harness_index_dir: Path
) -> None:
    lines = [
        "/area 20001 23.129 113.264 300",
        "/checkin",
        "/live 23.1292 113.2641",
        "/move 23.1295 113.2645",
        "/attendance",
        "/stoplive",
        "/move 23.1 113.2",
        "/quit",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYBOT_")}
    env["CITYBOT_INDEX_DIR"] = str(harness_index_dir)
    result = subprocess.run(
        [CITYBOT, "console", "--staff"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert "✅ 已设置值班员（20001）的责任区" in out
    assert "请共享您的实时位置来签到" in out
    assert "✅ 已签到：" in out
    assert "• 值班员（20001）：在岗" in out
    assert "👋 已签退：" in out
    assert "no live location being shared here" in out
    assert "Traceback" not in result.stderr
