"""Embedding functions for chromadb that never download anything.

`HashedNgramEmbedding` is the default: jieba words and character n-grams hashed into a fixed
number of signed dimensions (the "hashing trick"), log term frequency, L2-normalised. It needs
no fitted state, so its chromadb config is a few integers and a persisted collection reloads
anywhere. `SentenceTransformerEmbedding` uses an operator's local model folder when one is
configured; sentence-transformers is imported only then and is not a dependency.
"""

from __future__ import annotations

import importlib
import operator
import re
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from knowledge.errors import EmbeddingModelError
from knowledge.text import normalize, words

DEFAULT_DIMENSIONS: Final = 512


# crc32 of each feature, per kind of feature (n-gram size, or words): the same grams and words
# recur in every chunk, and a dict look-up by the bare gram saves building "2:…" strings.
_DIGESTS: dict[str, dict[str, int]] = {}
_CACHED_PER_KIND: Final = 1 << 18  # a bot's questions keep bringing new words: bounded
_SIGN_BIT: Final = 0x80000000
# What str.isalnum() rejects: \W, and the underscore that \w takes (checked on every code point).
_NOT_ALNUM: Final = re.compile(r"[\W_]+")


def _digests(kind: str, features: Collection[str]) -> list[int]:
    """crc32 of `kind:feature` for each feature, cached per kind."""
    cache = _DIGESTS.setdefault(kind, {})
    if len(cache) > _CACHED_PER_KIND:
        # Replaced, not cleared: a question embedded on another thread keeps reading its dict.
        cache = _DIGESTS[kind] = {}
    try:
        return list(map(cache.__getitem__, features))
    except KeyError:
        for feature in features:
            if feature not in cache:
                cache[feature] = zlib.crc32(f"{kind}:{feature}".encode())
        return list(map(cache.__getitem__, features))


def _grams(compact: str, n: int) -> Iterable[str]:
    """The character n-grams of a compact string, in order."""
    if n == 1:
        return compact
    if n == 2:
        return map(operator.add, compact[:-1], compact[1:])
    return (compact[i : i + n] for i in range(len(compact) - n + 1))


@register_embedding_function
class HashedNgramEmbedding(EmbeddingFunction[Documents]):
    """Offline, stateless embedding of Chinese text by hashing words and character n-grams."""

    def __init__(
        self,
        dimensions: int = DEFAULT_DIMENSIONS,
        ngram_sizes: tuple[int, ...] = (1, 2),
        use_words: bool = True,
    ) -> None:
        if dimensions < 16:
            raise ValueError("dimensions must be at least 16")
        self.dimensions = dimensions
        self.ngram_sizes = tuple(sorted(ngram_sizes))
        self.use_words = use_words

    def __call__(self, input: Documents) -> Embeddings:
        return [self.embed_one(text) for text in input]

    def embed_one(
        self, text: str, cut: Sequence[str] | None = None
    ) -> np.ndarray[Any, np.dtype[np.float32]]:
        """The unit-length vector of one text (all zeros for text with no features).

        `cut` is `words(text)` when the caller has it already: the indexer cuts each chunk
        once for both its index terms and its vector, since jieba is the slow part.
        """
        compact = _NOT_ALNUM.sub("", normalize(text))
        # Features are counted per kind ("1:" grams, "2:" grams, "w:" words, which never
        # collide), each in first-seen order: the order one Counter of them all would have,
        # so that features sharing a slot add up in the same float32 order as they always did.
        counters = [(str(n), Counter(_grams(compact, n))) for n in self.ngram_sizes]
        if self.use_words:
            counters.append(("w", Counter(words(text) if cut is None else cut)))
        digests: list[int] = []
        counts: list[int] = []
        for kind, counter in counters:
            digests.extend(_digests(kind, counter))
            counts.extend(counter.values())
        vector = np.zeros(self.dimensions, dtype=np.float32)
        if digests:
            hashed = np.array(digests, dtype=np.uint32)
            positions = (hashed % self.dimensions).astype(np.intp)
            # The top bit gives the sign, so collisions cancel on average instead of piling up.
            signs = np.where(hashed & _SIGN_BIT, 1.0, -1.0)
            weights = 1.0 + np.log(np.array(counts, dtype=np.float64))
            # Unbuffered, so features that share a slot add up as the plain loop did.
            np.add.at(vector, positions, (signs * weights).astype(np.float32))
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1e-6  # chromadb rejects all-zero vectors under cosine distance
            return vector
        return vector / norm

    @staticmethod
    def name() -> str:
        """The name chromadb stores with the collection."""
        return "citybot-hashed-ngram"

    def default_space(self) -> str:  # type: ignore[override]
        """Cosine: vectors are unit length and only their direction matters."""
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        """Spaces that make sense for unit-length vectors."""
        return ["cosine", "ip", "l2"]

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> HashedNgramEmbedding:
        """Rebuild from the config chromadb persisted with the collection."""
        return HashedNgramEmbedding(
            dimensions=int(config["dimensions"]),
            ngram_sizes=tuple(int(n) for n in config["ngram_sizes"]),
            use_words=bool(config.get("use_words", True)),
        )

    def get_config(self) -> dict[str, Any]:
        """Everything needed to rebuild this function: a few integers, no fitted state."""
        return {
            "dimensions": self.dimensions,
            "ngram_sizes": list(self.ngram_sizes),
            "use_words": self.use_words,
        }

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        """Reject configs that could not have come from this class."""
        if int(config.get("dimensions", 0)) < 16 or not config.get("ngram_sizes"):
            raise ValueError(f"invalid {HashedNgramEmbedding.name()} config: {config}")

    def validate_config_update(
        self, old_config: dict[str, Any], new_config: dict[str, Any]
    ) -> None:
        """Vectors of different settings are not comparable, so the config may not change."""
        if old_config != new_config:
            raise ValueError("the embedding settings of an existing index cannot change")


@register_embedding_function
class SentenceTransformerEmbedding(EmbeddingFunction[Documents]):
    """An operator's local sentence-transformers model (never downloaded by us)."""

    def __init__(self, model_path: str | Path) -> None:
        self.model_path = Path(model_path)
        if not self.model_path.is_dir():
            raise EmbeddingModelError(f"embedding model folder not found: {self.model_path}")
        try:
            # Imported by name: an optional library that is not a dependency of citybot.
            library = importlib.import_module("sentence_transformers")
        except ImportError as exc:
            raise EmbeddingModelError(
                "CITYBOT_EMBEDDING_MODEL_PATH is set but sentence-transformers is not installed"
                " (pip install sentence-transformers)"
            ) from exc
        try:
            self._model = library.SentenceTransformer(str(self.model_path), local_files_only=True)
        except Exception as exc:
            raise EmbeddingModelError(f"cannot load model {self.model_path}: {exc}") from exc

    def __call__(self, input: Documents) -> Embeddings:
        vectors = self._model.encode(list(input), normalize_embeddings=True)
        return [np.asarray(vector, dtype=np.float32) for vector in vectors]

    @staticmethod
    def name() -> str:
        """The name chromadb stores with the collection."""
        return "citybot-sentence-transformer"

    def default_space(self) -> str:  # type: ignore[override]
        """Cosine, as sentence-transformers models are trained for."""
        return "cosine"

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> SentenceTransformerEmbedding:
        """Rebuild from the persisted model path."""
        return SentenceTransformerEmbedding(config["model_path"])

    def get_config(self) -> dict[str, Any]:
        """The model folder is the whole config."""
        return {"model_path": str(self.model_path)}


def embedding_for(model_path: Path | None) -> EmbeddingFunction[Documents]:
    """The embedding the settings ask for: the local model if a path is set, else hashing."""
    if model_path is None:
        return HashedNgramEmbedding()
    return SentenceTransformerEmbedding(model_path)
