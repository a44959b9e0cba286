"""The HttpClient path against a real `chroma run` server on a loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from knowledge.errors import IndexUnavailableError


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("the chroma command is not installed next to this Python")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip("chroma run did not start on a loopback port")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_index_builds_and_answers_through_a_chroma_server(
    chroma_url: str, tmp_path: Path
) -> None:
    kb = KnowledgeBase.open(index_dir=tmp_path / "unused", chroma_url=chroma_url)
    assert len(kb) > 50
    assert not (tmp_path / "unused").exists()  # nothing was written locally
    answer = kb.answer("旧楼装管道气要多少钱")
    assert "1200" in answer.text

    again = KnowledgeBase.open(index_dir=tmp_path / "unused", chroma_url=chroma_url)
    report = again.build([])  # an empty source list empties the index, through the server
    assert report.removed > 20 and report.chunks == 0


def test_an_unreachable_server_is_a_clear_domain_error(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailableError, match=r"127\.0\.0\.1"):
        KnowledgeBase.open(index_dir=tmp_path, chroma_url=f"http://127.0.0.1:{_free_port()}")
