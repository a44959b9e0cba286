"""Gas-emergency check benchmark: what the check costs on every message a resident sends.

Run as `.venv/bin/python bench/emergency.py`. Every text message passes the check before
any other handler, so it must cost far less than the bot's own work on the message. For the
439 tuning messages in tests/data/gas_emergency_dev.jsonl and for 4,096-character messages
(Telegram's maximum) it prints the median and p95 time per message of

  check     knowledge.emergency.is_gas_emergency
  baseline  telegram.Update.de_json of the same message, which PTB does for every update

(each message timed on its own), and the check's recall and false-alarm rate on the
tuning and held-out sets.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402

from knowledge.emergency import is_gas_emergency  # noqa: E402

DATA = ROOT / "tests" / "data"
ROUNDS = 20


def load(name: str) -> list[tuple[str, bool]]:
    """(text, is an emergency) pairs from a JSON Lines file."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [(row["text"], row["emergency"]) for row in map(json.loads, lines)]


def as_update(update_id: int, text: str) -> dict[str, object]:
    """The JSON Telegram sends for a private text message."""
    user = {"id": 1001, "is_bot": False, "first_name": "小明", "language_code": "zh-hans"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_764_000_000,
            "chat": {"id": 1001, "type": "private", "first_name": "小明"},
            "from": user,
            "text": text,
        },
    }


def per_call_us(work: Callable[[Any], object], items: Sequence[Any]) -> list[float]:
    """Microseconds taken by each call of work(item), for every item, in each of ROUNDS rounds."""
    timings = []
    clock = time.perf_counter
    for _ in range(ROUNDS):
        for item in items:
            started = clock()
            work(item)
            timings.append((clock() - started) * 1e6)
    return timings


def quality(name: str) -> str:
    """Recall and false-alarm rate of the check on one labelled set."""
    lines = load(name)
    emergencies = [text for text, emergency in lines if emergency]
    ordinary = [text for text, emergency in lines if not emergency]
    recall = sum(map(is_gas_emergency, emergencies)) / len(emergencies)
    alarms = sum(map(is_gas_emergency, ordinary)) / len(ordinary)
    return (
        f"{name}: recall {recall:.3f} of {len(emergencies)}, "
        f"false alarms {alarms:.3f} of {len(ordinary)}"
    )


def main() -> None:
    """Print the timings and the quality figures."""
    texts = [text for text, _ in load("gas_emergency_dev.jsonl")]
    longest = [(text * (4096 // len(text) + 1))[:4096] for text in texts[:50]]
    for label, corpus in (("messages as written", texts), ("4,096-character messages", longest)):
        updates = [as_update(index + 1, text) for index, text in enumerate(corpus)]
        check = per_call_us(is_gas_emergency, corpus)
        parse = per_call_us(lambda update: Update.de_json(update, None), updates)
        print(f"{label} ({len(corpus)} × {ROUNDS} rounds), µs per message:")
        for name, figures in (("check", check), ("baseline (parse the update)", parse)):
            p95 = statistics.quantiles(figures, n=20)[-1]
            print(f"  {name:<28} median {statistics.median(figures):8.1f}   p95 {p95:8.1f}")
    for name in ("gas_emergency_dev.jsonl", "gas_emergency_holdout.jsonl"):
        if (DATA / name).exists():
            print(quality(name))


if __name__ == "__main__":
    main()
