"""What every part of the store shares: the database handle's shape, JSON decoding, timestamps."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from bot.store.journal import DeliveryJournal

JSON_FIELDS = ("sources", "flags", "timings", "items", "profile", "data", "cards")
# the error a unique or foreign-key violation raises on both backends (PostgreSQL's is re-raised as this)
IntegrityError = sqlite3.IntegrityError


class SqlDb(Protocol):
    """The database handle `Store.tx()` yields: a sqlite-utils Database, or the PostgreSQL facade (bot.store.pg).

    SQL is written in SQLite's spelling; on PostgreSQL it goes through bot.store.dialect.to_postgres.
    """

    conn: Any

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def query(self, sql: str, params: Any = ..., /) -> Iterator[dict[str, Any]]: ...

    def table(self, table_name: str, /) -> Any: ...

    def __getitem__(self, table_name: str, /) -> Any: ...

    def table_names(self) -> list[str]: ...

    def atomic(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked" / "busy": another process holds the write lock."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def now_iso() -> str:
    """UTC now as an ISO-8601 string with seconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _decode(row: dict[str, Any] | None, fields: Iterable[str] = JSON_FIELDS) -> dict[str, Any] | None:
    """A row with its JSON text columns (`fields`) parsed; text that is not JSON stays as it is."""
    if row is None:
        return None
    out = dict(row)
    for key in fields:
        if isinstance(out.get(key), str):
            try:
                out[key] = json.loads(out[key])
            except json.JSONDecodeError:
                pass
    return out


class StoreBase:
    """The attributes the store's parts share (Store sets them up)."""

    path: str
    dialect: str
    db: SqlDb
    _lock: threading.RLock
    journal: DeliveryJournal
    home: Path | None

    def tx(self) -> AbstractContextManager[SqlDb]:
        """One serialised write transaction (see Store.tx)."""
        raise NotImplementedError
