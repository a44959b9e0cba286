"""The command line stays light to start and agrees with the packages it fronts."""

from __future__ import annotations

import subprocess
import sys

from bot.cli.kb import DEFAULT_K


def test_default_k_matches_the_index() -> None:
    from knowledge.base import DEFAULT_K as INDEX_DEFAULT_K

    assert DEFAULT_K == INDEX_DEFAULT_K


def test_the_cli_does_not_import_the_index_or_telegram_up_front() -> None:
    code = (
        "import sys, bot.cli; "
        "print(sorted(m for m in ('chromadb', 'jieba', 'telegram') if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == "[]"
