"""Gas-danger check benchmark: what the check costs on every message a resident sends.

Run as `.venv/bin/python bench/emergency.py`. Every text message passes the check before
any other handler, so it must cost far less than the bot's own work on the message. For the
439 older tuning messages (knowledge/training/gas_danger/gas_emergency_dev.jsonl) as written
and stretched to 4,096 characters (Telegram's maximum) it prints the median and p95 time per
message of

  model     knowledge.triage.assess_danger (fold, model, rules on the framing)
  rules     the rules alone, as the check was before the model (danger_rules.rule_sign)
  baseline  telegram.Update.de_json of the same message, which PTB does for every update

(each message timed on its own, after the model is loaded), the time to load the model, and
how the tiers fall on the training sets. `--compare OTHER.npz` times another model file (an
earlier one: `git show REV:knowledge/triage/danger_model.npz > OTHER.npz`) in the same run,
with the same rules, between two runs of the shipped one, so that a change in the machine's
load shows as a difference between those two. Figures on unseen writers come from `citybot triage
train` (grouped cross-validation); the blind held-out sets are not read here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402

from knowledge.triage.danger import assess_danger  # noqa: E402
from knowledge.triage.danger_model import MODEL_PATH, DangerModel, shipped_model  # noqa: E402
from knowledge.triage.danger_rules import rule_sign  # noqa: E402
from knowledge.triage.danger_training import DATA_DIR, read_examples  # noqa: E402

ROUNDS = 20


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


def tiers() -> list[str]:
    """How the tiers fall on each training file, by label (the model has read these)."""
    lines = []
    examples = read_examples(DATA_DIR)
    for group in sorted({e.group for e in examples}):
        counts: dict[str, Counter[str]] = {}
        for example in (e for e in examples if e.group == group):
            counts.setdefault(example.label, Counter())[assess_danger(example.text).tier] += 1
        cells = [
            f"{label} {sum(c.values())}: "
            + ", ".join(f"{tier} {c[tier]}" for tier in ("danger", "possible", "none"))
            for label, c in sorted(counts.items())
        ]
        lines.append(f"  {group:<8} " + " | ".join(cells))
    return lines


def load_ms(path: Path) -> tuple[DangerModel, float]:
    """The model in `path` and the milliseconds reading it took."""
    started = time.perf_counter()
    model = DangerModel.read(path)
    return model, (time.perf_counter() - started) * 1e3


def main() -> None:
    """Print the timings, the model's size and load time, and the tiers on the training sets."""
    parser = argparse.ArgumentParser(description="What the gas-danger check costs per message.")
    parser.add_argument("--compare", type=Path, help="another model file to time alongside")
    other_path = parser.parse_args().compare
    _, loaded = load_ms(MODEL_PATH)
    shipped_model()
    other = None
    if other_path is not None:
        other, other_loaded = load_ms(other_path)
        size = other_path.stat().st_size / 1024
        print(f"compared: {other_path.name} {size:.0f} KiB, read in {other_loaded:.1f} ms")
    rows = (DATA_DIR / "gas_emergency_dev.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(row)["text"] for row in rows]
    longest = [(text * (4096 // len(text) + 1))[:4096] for text in texts[:50]]
    print(f"model file {MODEL_PATH.stat().st_size / 1024:.0f} KiB, read in {loaded:.1f} ms")
    for label, corpus in (("messages as written", texts), ("4,096-character messages", longest)):
        updates = [as_update(index + 1, text) for index, text in enumerate(corpus)]
        figures = {"model": per_call_us(assess_danger, corpus)}
        if other is not None:
            # The shipped model again after the other: a change in the machine's load shows
            # as a difference between the two shipped runs.
            figures["compared model"] = per_call_us(lambda t: assess_danger(t, other), corpus)
            figures["model (again)"] = per_call_us(assess_danger, corpus)
        figures |= {
            "rules alone (before)": per_call_us(rule_sign, corpus),
            "baseline (parse the update)": per_call_us(
                lambda update: Update.de_json(update, None), updates
            ),
        }
        print(f"{label} ({len(corpus)} × {ROUNDS} rounds), µs per message:")
        for name, timings in figures.items():
            p95 = statistics.quantiles(timings, n=20)[-1]
            print(f"  {name:<28} median {statistics.median(timings):8.1f}   p95 {p95:8.1f}")
    print(
        "tiers on the training sets, which the model has read"
        " (on unseen writers: `citybot triage train`):"
    )
    print("\n".join(tiers()))


if __name__ == "__main__":
    main()
