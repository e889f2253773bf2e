"""PostgreSQL (psycopg 3) behind the part of sqlite-utils' Database/Table interface the store uses.

The store, its migrations and the SQL other modules hand to `store.tx()` are written once, for SQLite;
this facade runs them on PostgreSQL: SQL goes through `dialect.to_postgres`, table helpers (`create`,
`insert`, `upsert`, `rows_where`, `search`, ...) build PostgreSQL's own statements, full-text search is a
GIN index over `to_tsvector('english', ...)`, and values bind untyped (the server infers each parameter's
type from where it is used), so loosely typed SQLite-style values keep working.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row

from bot.store.dialect import POSTGRESQL, to_postgres
from bot.store.pg_table import PgTable


class _Untyped(Dumper):
    """Numbers and booleans bind as untyped text: the server casts them to the column's or operator's type."""

    def dump(self, obj: Any) -> bytes:
        return str(int(obj) if isinstance(obj, bool) else obj).encode()


class _Number(Loader):
    """numeric (from SUM and AVG over integers) loads as int when whole, float otherwise, as SQLite returns them."""

    def load(self, data: Any) -> Any:
        text = bytes(data).decode()
        return int(text) if text.lstrip("-").isdigit() else float(text)


class _Conn:
    """The `db.conn` shape the store uses: transaction state and executemany."""

    def __init__(self, db: PgDatabase) -> None:
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db.pg.info.transaction_status != TransactionStatus.IDLE

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        return self._db.executemany(sql, rows)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor[Any]:
        return self._db.execute(sql, params)


class PgDatabase:
    """One psycopg connection in autocommit mode; `atomic()` opens a transaction (a savepoint when nested)."""

    dialect = POSTGRESQL

    def __init__(self, url: str) -> None:
        self.url = url
        self.pg = self._connect()
        self.conn = _Conn(self)

    def _connect(self) -> psycopg.Connection[Any]:
        pg = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        for cls in (int, bool, float):
            pg.adapters.register_dumper(cls, _Untyped)
        pg.adapters.register_loader("numeric", _Number)
        return pg

    def _ready(self) -> None:
        """Reconnect once after the server dropped the connection (never inside a transaction)."""
        if self.pg.broken or self.pg.closed:
            self.pg = self._connect()

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> psycopg.Cursor[Any]:
        """Run one statement written in SQLite's spelling; integrity errors surface as sqlite3.IntegrityError."""
        self._ready()
        try:
            return self.pg.execute(to_postgres(sql), _params(params))
        except psycopg.IntegrityError as exc:
            raise sqlite3.IntegrityError(str(exc).splitlines()[0]) from exc

    def execute_native(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        """Run PostgreSQL SQL as written (no translation)."""
        self._ready()
        try:
            return self.pg.execute(sql, list(params))
        except psycopg.IntegrityError as exc:
            raise sqlite3.IntegrityError(str(exc).splitlines()[0]) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor[Any]:
        self._ready()
        cur = self.pg.cursor()
        try:
            cur.executemany(to_postgres(sql), [list(r) for r in rows])
        except psycopg.IntegrityError as exc:
            raise sqlite3.IntegrityError(str(exc).splitlines()[0]) from exc
        return cur

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Rows as dicts."""
        self._ready()
        with self.pg.cursor(row_factory=dict_row) as cur:
            try:
                cur.execute(to_postgres(sql), _params(params))
            except psycopg.IntegrityError as exc:
                raise sqlite3.IntegrityError(str(exc).splitlines()[0]) from exc
            rows = cur.fetchall() if cur.description else []
        yield from rows

    def table(self, name: str) -> PgTable:
        return PgTable(self, name)

    def __getitem__(self, name: str) -> PgTable:
        return PgTable(self, name)

    def table_names(self) -> list[str]:
        rows = self.execute_native(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        return [r[0] for r in rows]

    @contextmanager
    def atomic(self) -> Iterator[PgDatabase]:
        self._ready()
        with self.pg.transaction():
            yield self

    def close(self) -> None:
        self.pg.close()


def _params(params: Sequence[Any] | dict[str, Any] | None) -> Sequence[Any] | dict[str, Any]:
    """Positional parameters as a list, named ones (`:name`) as the dict they came in."""
    return params if isinstance(params, dict) else list(params or [])
