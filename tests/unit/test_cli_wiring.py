"""The command line stays light to start and agrees with the packages it fronts."""

from __future__ import annotations

import re
import subprocess
import sys

from bot.cli.kb import DEFAULT_K

COMMAND_ROW = re.compile(r"│ ([a-z][a-z-]*)  ")  # a row of the help's Commands box


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


def test_the_root_help_names_each_command_by_its_own_help() -> None:
    from bot.cli import LAZY, load_command

    for name, lazy in LAZY.items():
        command = load_command(name)
        assert command.name == name
        assert (command.help or "").strip().split("\n\n")[0] == lazy.help, name


def test_the_root_help_imports_no_sub_command() -> None:
    code = (
        "import sys\n"
        "from bot.cli import LAZY, main\n"
        "sys.argv = ['citybot', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "modules = {lazy.module for lazy in LAZY.values()} | {'sqlalchemy', 'storage'}\n"
        "print(sorted(modules & set(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"
    listed = [m.group(1) for line in done.stdout.splitlines() if (m := COMMAND_ROW.match(line))]
    assert listed == [
        "run", "web", "console", "db", "tickets", "kb", "quiz", "triage", "faq", "assets",
        "cylinders", "api-keys", "inspections", "attendance",
    ]  # fmt: skip
