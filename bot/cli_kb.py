"""`citybot kb …` — placeholder until the policy index lands (issue 3)."""

from __future__ import annotations

import typer

kb_app = typer.Typer(help="The policy index: build, ask, evaluate.", no_args_is_help=True)
