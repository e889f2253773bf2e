"""One error tree for shopbot.

ShopbotError
 +-- ConfigError            settings are missing or invalid
 +-- DataFileError          an input file is malformed (carries path, line and reason)
 |    +-- SourceFileError   ... a knowledge-base file (also a KnowledgeBaseError)
 +-- KnowledgeBaseError     the knowledge base cannot be built, loaded or swapped
 +-- ModelError             a model artifact is missing or unusable
 +-- BackendError           a generator backend (local or remote) failed
 +-- StoreError             the SQLite store failed

Adapters wrap foreign exceptions in one of these; boundaries (CLI, HTTP, Telegram)
turn them into a clear message.
"""

from __future__ import annotations


class ShopbotError(Exception):
    """Base class of every error shopbot raises on purpose."""


class ConfigError(ShopbotError):
    """Settings are missing or invalid."""


class KnowledgeBaseError(ShopbotError):
    """The knowledge base cannot be built, loaded or swapped."""


class DataFileError(ShopbotError):
    """An input file (knowledge, interactions, items, eval data) is malformed: path, line where known, reason."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class SourceFileError(DataFileError, KnowledgeBaseError):
    """One knowledge-base source file is malformed."""


class ModelError(ShopbotError):
    """A model artifact is missing or unusable."""


class BackendError(ShopbotError):
    """A generator backend failed (timeout, HTTP error, malformed answer)."""


class StoreError(ShopbotError):
    """The SQLite store failed."""
