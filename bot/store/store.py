"""The Store: every read and write shopbot makes, on SQLite (default) or PostgreSQL (SHOPBOT_DATABASE_URL)."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from bot.errors import StoreError
from bot.store.base import JSON_FIELDS, IntegrityError, SqlDb, _decode, is_locked, now_iso
from bot.store.conversations import ConversationStore
from bot.store.dialect import POSTGRESQL, SQLITE, pg_compat_sql
from bot.store.erasure_key import open_erasure_key
from bot.store.journal import DeliveryJournal
from bot.store.migrations import migrations
from bot.store.records import RecordStore
from bot.tombstones import Tombstones

__all__ = ["JSON_FIELDS", "IntegrityError", "Store", "_decode", "is_locked", "now_iso", "parse_database_url"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
LOCK_RETRIES = 5  # on top of the busy timeout: a write waits up to ~2.5 min before giving up
# tables whose rows never name a customer (erasure skips them)
_NOT_PERSONAL = {"_sqlite_migrations", "erasures", "kb_versions", "staff_users", "staff_sessions", "login_attempts"}
# PostgreSQL: every write transaction takes this advisory lock first (SQLite's BEGIN IMMEDIATE, across workers)
WRITE_LOCK_KEY = int.from_bytes(hashlib.sha256(b"shopbot-store-writer").digest()[:8], "big", signed=True)


def parse_database_url(target: Path | str) -> tuple[str, str]:
    """(dialect, where): a file path or `sqlite:///path` is SQLite; `postgresql://...` is PostgreSQL."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        return POSTGRESQL, text
    if text.startswith("sqlite:///"):
        return SQLITE, text[len("sqlite:///") :]  # sqlite:///rel/path, sqlite:////abs/path
    if "://" in text:
        raise StoreError(f"unsupported database URL {redact_url(text)!r}: use sqlite:///PATH or postgresql://...")
    return SQLITE, text


def redact_url(url: str) -> str:
    """The URL with any password replaced by ***, for messages and logs."""
    head, sep, tail = url.partition("://")
    if not sep or "@" not in tail:
        return url
    creds, _, host = tail.rpartition("@")
    user = creds.split(":", 1)[0]
    return f"{head}://{user}:***@{host}" if ":" in creds else url


class Store(ConversationStore, RecordStore):
    """SQLite in WAL mode with foreign keys, or PostgreSQL; one connection, writes serialised by a lock.

    Channels run under asyncio; they call these methods through `asyncio.to_thread`,
    so the lock makes the single connection the one writer thread of the process.
    `target` is a file path, `sqlite:///PATH` or `postgresql://USER@HOST:PORT/DB`.
    """

    def __init__(self, target: Path | str, *, home: Path | str | None = None) -> None:
        self.dialect, self.path = parse_database_url(target)
        self._lock = threading.RLock()
        # files that live beside the database (the outbox's delivery journal, the erasure key): next to a SQLite
        # file; with PostgreSQL in `home` (the composition root passes the home folder), else none
        self.home = Path(home) if home is not None else None
        local = self.path if self.dialect == SQLITE else (str(self.home / "postgresql") if self.home else ":memory:")
        self.journal = DeliveryJournal(local, per_process=self.dialect == POSTGRESQL)  # workers share the home
        self._closed = False
        self.applied_now: list[str] = []  # the migrations this open applied
        if self.dialect == POSTGRESQL:
            self._open_postgres()
            return
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
            self.db = cast(SqlDb, Database(conn))
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute(
                "PRAGMA secure_delete = ON"
            )  # deleted rows are overwritten, not left in free pages (erasure)
            if self.path != ":memory:":
                self._retry(cast(Database, self.db).enable_wal)
            self.db.execute("PRAGMA foreign_keys = ON")
            with self.tx() as db:  # two processes starting at once must not both migrate
                self.applied_now = [m.name for m in migrations.pending(cast(Database, db))]
                migrations.apply(cast(Database, db))
            self.erasure_key = open_erasure_key(self)  # and re-key legacy tombstones
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

    def _open_postgres(self) -> None:
        import psycopg

        from bot.store.pg import PgDatabase

        where = redact_url(self.path)
        try:
            self.db = PgDatabase(self.path)
            with self.tx() as db:  # the advisory write lock: two workers starting at once do not both migrate
                for sql in pg_compat_sql():
                    cast(Any, db).execute_native(sql)
                self.applied_now = [m.name for m in migrations.pending(cast(Database, db))]
                migrations.apply(cast(Database, db))
            self.erasure_key = open_erasure_key(self)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot open the database {where}: {first}") from exc

    @property
    def is_postgres(self) -> bool:
        """True on PostgreSQL."""
        return self.dialect == POSTGRESQL

    @staticmethod
    def _retry(fn: Any) -> Any:
        for attempt in range(LOCK_RETRIES + 1):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not is_locked(exc) or attempt == LOCK_RETRIES:
                    raise
                log.warning("database is busy (%s); retrying", exc)
                time.sleep(0.05 * 2**attempt)
        return None

    @contextmanager
    def tx(self) -> Iterator[SqlDb]:
        """One serialised write transaction: BEGIN IMMEDIATE takes SQLite's write lock up front.

        A deferred BEGIN that reads first and writes later fails at once with "database is locked" when
        another process wrote meanwhile (the busy timeout cannot help there); IMMEDIATE waits for the lock
        instead, and we retry a few more times beyond the busy timeout. Nested calls become savepoints.
        On PostgreSQL the transaction takes one advisory lock first, so writers across workers are serialised
        the same way (read-modify-write sequences stay safe); reads outside `tx()` never wait for it.
        """
        with self._lock:
            if self.dialect == POSTGRESQL:
                with self._pg_tx() as db:
                    yield db
                return
            conn = self.db.conn
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            try:
                self._retry(lambda: conn.execute("BEGIN IMMEDIATE"))
            except sqlite3.OperationalError as exc:
                raise StoreError(f"the database stayed locked by another process: {exc}") from exc
            try:
                yield self.db
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            try:
                self._retry(lambda: conn.execute("COMMIT") if conn.in_transaction else None)
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _pg_tx(self) -> Iterator[SqlDb]:
        outer = not self.db.conn.in_transaction
        with self.db.atomic():
            if outer:
                cast(Any, self.db).execute_native("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK_KEY])
            yield self.db

    def checkpoint(self) -> None:
        """Fold the WAL into the database file and truncate it (after an erasure, and at shutdown)."""
        if self.path == ":memory:" or self.dialect != SQLITE:
            return
        with self._lock:
            try:
                row = self._retry(lambda: self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone())
            except sqlite3.OperationalError as exc:
                log.warning("could not checkpoint the WAL: %s", exc)
                return
            if row and row[0]:
                log.warning("WAL checkpoint was blocked by a reader in another process; it will be retried")

    def close(self) -> None:
        """Checkpoint the WAL (so no deleted data lingers in it) and close the connection (a second call does nothing)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self.journal.close()
            self.checkpoint()
            self.db.close()

    # ------------------------------------------------------------------ customers
    def get_customer(self, customer_id: str) -> dict[str, Any] | None:
        """One customer row, JSON fields decoded, or None."""
        with self._lock:
            try:
                return _decode(self.db.table("customers").get(customer_id))
            except NotFoundError:
                return None

    def find_customer(self, *, telegram_id: str | None = None, web_cookie: str | None = None) -> dict[str, Any] | None:
        """Look a customer up by a channel id."""
        column, value = ("telegram_id", telegram_id) if telegram_id is not None else ("web_cookie", web_cookie)
        with self._lock:
            rows = list(self.db.table("customers").rows_where(f"{column} = ?", [value], limit=1))
        return _decode(rows[0]) if rows else None

    def ensure_customer(self, customer_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """Return the customer, creating it (with a new id if none is given)."""
        customer_id = customer_id or f"u-{uuid.uuid4().hex[:12]}"
        existing = self.get_customer(customer_id)
        if existing is not None:
            return existing
        row = {"id": customer_id, "first_seen": now_iso(), "created_at": now_iso(), "profile": "{}", **fields}
        with self.tx() as db:
            db.table("customers").insert(row, ignore=True)
        return self.get_customer(customer_id) or row

    def update_customer(self, customer_id: str, **fields: Any) -> None:
        """Update some customer columns (dicts are stored as JSON)."""
        values = {k: json.dumps(v) if isinstance(v, (dict, list)) else v for k, v in fields.items()}
        with self.tx() as db:
            db.table("customers").update(customer_id, values)

    def erase_customer(self, customer_id: str) -> dict[str, int]:
        """Delete a customer and every row about them, and record a tombstone; return counts per table.

        Covers every table with a `customer_id` or `conversation_id` column (so tables added later are
        covered too), the customer's Telegram inbox, and the full-text index. Idempotent: erasing again
        deletes nothing more. `finish_erasure` completes it (models, WAL).
        """
        counts: dict[str, int] = {}
        with self.tx() as db:
            customer = db.execute("SELECT telegram_id FROM customers WHERE id = ?", [customer_id]).fetchone()
            conv_ids = [r[0] for r in db.execute("SELECT id FROM conversations WHERE customer_id = ?", [customer_id])]
            marks = ",".join("?" * len(conv_ids))
            if conv_ids:
                counts["messages"] = db.execute(
                    f"DELETE FROM messages WHERE conversation_id IN ({marks})", conv_ids
                ).rowcount
            order_ids = [r[0] for r in db.execute("SELECT order_id FROM orders WHERE customer_id = ?", [customer_id])]
            if customer and customer[0] and db.table("telegram_inbox").exists():
                counts["telegram_inbox"] = db.execute(
                    "DELETE FROM telegram_inbox WHERE chat_id = ?", [str(customer[0])]
                ).rowcount
            for table in self._personal_tables(db):
                cols = set(db.table(table).columns_dict)
                n = 0
                if conv_ids and "conversation_id" in cols:
                    n += db.execute(f"DELETE FROM [{table}] WHERE conversation_id IN ({marks})", conv_ids).rowcount
                if "customer_id" in cols:
                    n += db.execute(f"DELETE FROM [{table}] WHERE customer_id = ?", [customer_id]).rowcount
                if order_ids and "order_id" in cols and table != "orders":  # order lines and the like
                    n += db.execute(
                        f"DELETE FROM [{table}] WHERE order_id IN ({','.join('?' * len(order_ids))})", order_ids
                    ).rowcount
                if "target" in cols:  # audit rows about the customer
                    n += db.execute(
                        f"DELETE FROM [{table}] WHERE target IN (?, ?)", [customer_id, f"customer:{customer_id}"]
                    ).rowcount
                if n:
                    counts[table] = counts.get(table, 0) + n
            counts["conversations"] = db.execute(
                "DELETE FROM conversations WHERE customer_id = ?", [customer_id]
            ).rowcount
            counts["customers"] = db.execute("DELETE FROM customers WHERE id = ?", [customer_id]).rowcount
            db.execute(
                "INSERT OR IGNORE INTO erasures (key, requested_at) VALUES (?, ?)",
                [self.erasure_key.tombstone(customer_id), now_iso()],
            )
            db.execute(
                "UPDATE erasures SET completed_at = NULL WHERE key = ?", [self.erasure_key.tombstone(customer_id)]
            )
            if counts.get("messages") and self.dialect == SQLITE:
                db.execute("INSERT INTO messages_fts(messages_fts) VALUES('optimize')")  # merge away the deleted terms
        log.info(
            "erased a customer's rows: %s", {k: v for k, v in counts.items() if v}
        )  # no id in logs: they outlive the erasure
        return counts

    @staticmethod
    def _personal_tables(db: SqlDb) -> list[str]:
        skip = _NOT_PERSONAL | {"customers", "conversations", "messages", "telegram_inbox"}
        return [t for t in db.table_names() if t not in skip and not t.startswith("messages_fts") and "_fts" not in t]

    def erasure_pending(self, customer_id: str) -> bool:
        """True when an erasure of this id was started but not finished (a crash or error midway)."""
        with self._lock:
            row = self.db.execute(
                "SELECT completed_at FROM erasures WHERE key = ?", [self.erasure_key.tombstone(customer_id)]
            ).fetchone()
        return row is not None and row[0] is None

    def was_erased(self, customer_id: str) -> bool:
        """True when this id has a tombstone."""
        with self._lock:
            return (
                self.db.execute(
                    "SELECT 1 FROM erasures WHERE key = ?", [self.erasure_key.tombstone(customer_id)]
                ).fetchone()
                is not None
            )

    def finish_erasure(self, customer_id: str) -> None:
        """Mark an erasure complete, then checkpoint so the WAL no longer holds the deleted pages."""
        with self.tx() as db:
            db.execute(
                "UPDATE erasures SET completed_at = ? WHERE key = ?",
                [now_iso(), self.erasure_key.tombstone(customer_id)],
            )
        self.checkpoint()

    def erased_keys(self) -> Tombstones:
        """Every erasure tombstone (checked before any model is published): `customer_id in store.erased_keys()`."""
        with self._lock:
            return Tombstones(self.erasure_key, frozenset(r[0] for r in self.db.execute("SELECT key FROM erasures")))

    def erasure_marker(self) -> tuple[int, int]:
        """Changes whenever an erasure starts or finishes (running processes poll it to drop cached data)."""
        with self._lock:
            row = self.db.execute("SELECT count(*), count(completed_at) FROM erasures").fetchone()
        return int(row[0]), int(row[1])
