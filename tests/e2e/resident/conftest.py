"""Resident tests share one built policy index (copied per test: chromadb writes to it)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from knowledge.base import KnowledgeBase


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("index")
    KnowledgeBase.open(index_dir=folder)  # builds from the shipped corpus
    return folder


@pytest.fixture(autouse=True)
def _index_copy(built_index: Path, harness_index_dir: Path) -> None:
    shutil.copytree(built_index, harness_index_dir, dirs_exist_ok=True)


def jpeg(color: tuple[int, int, int] = (120, 80, 40), size: tuple[int, int] = (800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="JPEG")
    return out.getvalue()
