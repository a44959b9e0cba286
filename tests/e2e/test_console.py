"""`citybot console`, the README's first command: a fresh folder, typed lines, real replies."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from telegram import Update

from bot.cli.console import run_console
from bot.messages import t
from bot.runtime.receipts import UpdateReceipts
from bot.settings import Settings

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
    assert "Warning" not in result.stderr, result.stderr  # PTB's per_message warning gone


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


class Typist:
    """Types the console's lines one by one; a line may first wait for the bot's output."""

    def __init__(self, lines: list[str | tuple[str, str]]) -> None:
        self.lines = list(lines)
        self.out: list[str] = []

    def write(self, text: str) -> None:
        self.out.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.out)

    def read(self) -> str:
        """The next line; ("wait", TEXT) waits, typing nothing, until TEXT was printed."""
        while self.lines:
            line = self.lines.pop(0)
            if isinstance(line, str):
                return line
            deadline = time.monotonic() + 60
            while line[1] not in self.text:
                assert time.monotonic() < deadline, f"never printed: {line[1]!r}\n{self.text}"
                time.sleep(0.05)
        raise EOFError  # stdin ends: the console must still print what the bot owes


def _run(tmp_path: Path, index: Path, lines: list[str | tuple[str, str]]) -> Typist:
    typist = Typist(lines)
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'console.db'}",
        data_dir=tmp_path / "data",
        index_dir=index,
        _env_file=None,  # type: ignore[call-arg]
    )
    asyncio.run(run_console(settings, read=typist.read, write=typist.write))
    return typist


def _jpeg(path: Path, colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", (320, 240), colour).save(path, format="JPEG")
    return path


def test_keyboards_albums_pop_ups_and_a_ticket_owed_after_input_ended(
    tmp_path: Path, harness_index_dir: Path
) -> None:
    first, second = _jpeg(tmp_path / "a.jpg", (9, 9, 9)), _jpeg(tmp_path / "b.jpg", (200, 9, 9))
    typist = _run(
        tmp_path,
        harness_index_dir,
        [
            "/start",
            "/press 1",  # ⌨️ the menu's 📷 key: a report begins
            "/forge rp:here",  # a forged press: its pop-up is shown
            f"/album {first} {second} 路边垃圾桶满了",
            "/press 1",  # ⌨️ the location key shares a location
            "/press 1",  # the suggested category
            "/press 1",  # submit; then input ends before the number has come
        ],
    )
    out = typist.text
    assert "⌨️ [1] 📷 随手拍上报" in out
    assert t("report.start", "zh") in out
    assert f"💬 [pop-up] {t('error.stale_button', 'zh')}" in out
    assert out.count(t("report.ask_location", "zh")) == 1  # one album, one question
    assert "照片：2 张" in out and "(shared the location 23.129, 113.264" in out
    assert "工单编号 CG-" in out


def test_quiz_votes_and_messages_that_come_while_nobody_types(
    tmp_path: Path, harness_index_dir: Path
) -> None:
    typist = _run(
        tmp_path,
        harness_index_dir,
        [
            "/as teacher",
            "/quiz 燃气泄漏 2 5",
            "/as 小明",
            "/vote 1",
            ("wait", "【2/2】"),  # the next question comes by the timer, with no line typed
            "/vote 2",
            ("wait", "🏆"),
            "/as 1234 Alice",
            "/whoami",
            "/client-lang zh-hk",
            "/start",
        ],
    )
    out = typist.text
    assert "(now acting as 王老师, id 30001, in 三年级二班 class)" in out
    assert "[quiz] 【1/2】" in out and "(1) " in out and "— /vote N to answer" in out
    assert "1. 小明：答对" in out
    assert "(now acting as Alice, id 1234, in private chat with the bot)" in out
    assert "您好，Alice！我是城管小助手" in out and "請用下方選單開始" in out


def test_a_slow_machine_still_gets_every_answer_before_the_next_line(
    tmp_path: Path, harness_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Under load the ledger's write of a fetched batch can take longer than any quiet
    # spell; the console once read the next line (or quit) in that gap, and the answer
    # (the ticket's number) was never printed. Here every batch takes half a second.
    record = UpdateReceipts.record

    async def slowly(self: UpdateReceipts, updates: list[Update]) -> None:
        await asyncio.sleep(0.5)
        await record(self, updates)

    monkeypatch.setattr(UpdateReceipts, "record", slowly)
    typist = _run(
        tmp_path,
        harness_index_dir,
        ["/start", "/photo demo 垃圾桶满了", "/press 1", "/press 1", "/press 1"],
    )
    out = typist.text
    assert out.count(t("report.ask_location", "zh")) == 1
    assert "工单编号 CG-" in out


def _readme_tour() -> list[str]:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    start = readme.index("A tour, one line at a time")
    block = readme[readme.index("```\n", start) + 4 :]
    return block[: block.index("```")].splitlines()


def test_the_readmes_tour_works_as_written(tmp_path: Path, harness_index_dir: Path) -> None:
    tour: list[str | tuple[str, str]] = []
    for line in _readme_tour():
        tour.append(line)  # as written, comment and all
        if line.startswith("/vote"):  # "the next question comes by itself: /vote again"
            tour += [("wait", "【2/2】"), "/vote 1", ("wait", "🏆")]
    assert tour[-1] == "/quit"
    out = _run(tmp_path, harness_index_dir, tour).text
    for seen in (
        "您好，居民！我是城管小助手",
        t("kb.sources_heading", "zh"),  # the question's answer and its sources
        "工单编号 CG-",  # the photo report
        t("emergency.steps", "zh", hotline_line="").splitlines()[0],
        "🚨 已生成紧急工单",
        "✅ 已立案：CG-",  # the duty officer accepted it
        "已受理立案",  # and the resident heard
        "📝 测验开始！主题：家庭用气安全，共 2 题",
        "🏆 排行榜",
    ):
        assert seen in out, seen
    assert "⚠️  " not in out  # no line the console could not carry out
