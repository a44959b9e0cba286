"""Fixtures of the policy-index tests: the shipped index built once per session, real chromadb."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def shipped_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A chromadb folder holding the shipped corpus, built once for the whole session."""
    index_dir = tmp_path_factory.mktemp("shipped-index")
    KnowledgeBase.open(index_dir=index_dir)  # builds on first use
    return index_dir


@pytest.fixture(scope="session")
def shipped_kb(shipped_index_dir: Path) -> KnowledgeBase:
    """The knowledge base over the shipped corpus (read-only: tests must not rebuild it)."""
    return KnowledgeBase.open(index_dir=shipped_index_dir, build_if_missing=False)
