"""Domain errors of the policy index; bot/ turns them into one clear line for the user."""

from __future__ import annotations

from pathlib import Path


class KnowledgeError(Exception):
    """Base class of every error the policy index raises on purpose."""


class DocumentError(KnowledgeError):
    """A source document is corrupt, unreadable or in a format we do not read."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class SourceNotFoundError(KnowledgeError):
    """A folder given to `kb build --source` does not exist or is not a folder."""


class EmbeddingModelError(KnowledgeError):
    """The configured local embedding model cannot be loaded."""


class IndexUnavailableError(KnowledgeError):
    """The chromadb index cannot be opened (bad folder, unreachable server…)."""


class EvaluationFileError(KnowledgeError):
    """A question/answer file for `kb eval` is missing or malformed."""
