"""The Store: every read and write shopbot makes to SQLite."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from bot.domain.ids import valid_conversation_id
from bot.errors import StoreError
from bot.jsonl import read_jsonl
from bot.store.conversation_touch import after_message
from bot.store.erasure_key import open_erasure_key
from bot.store.journal import DeliveryJournal
from bot.store.migrations import migrations
from bot.tombstones import Tombstones

log = logging.getLogger(__name__)

JSON_FIELDS = ("sources", "flags", "timings", "items", "profile", "data")
BUSY_TIMEOUT_MS = 30_000
LOCK_RETRIES = 5  # on top of the busy timeout: a write waits up to ~2.5 min before giving up
# tables whose rows never name a customer (erasure skips them)
_NOT_PERSONAL = {"_sqlite_migrations", "erasures", "kb_versions", "staff_users", "staff_sessions", "login_attempts"}


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


class Store:
    """SQLite in WAL mode with foreign keys; one connection, writes serialised by a lock.

    Channels run under asyncio; they call these methods through `asyncio.to_thread`,
    so the lock makes the single connection the one writer thread of the process.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self.journal = DeliveryJournal(self.path)  # the outbox's notes, appended without the lock
        self._closed = False
        try:
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
            self.db = Database(conn)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute(
                "PRAGMA secure_delete = ON"
            )  # deleted rows are overwritten, not left in free pages (erasure)
            if self.path != ":memory:":
                self._retry(self.db.enable_wal)
            self.db.execute("PRAGMA foreign_keys = ON")
            with self.tx() as db:  # two processes starting at once must not both migrate
                migrations.apply(db)
            self.erasure_key = open_erasure_key(self)  # and re-key legacy tombstones
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the database {self.path}: {exc}") from exc

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
    def tx(self) -> Iterator[Database]:
        """One serialised write transaction: BEGIN IMMEDIATE takes SQLite's write lock up front.

        A deferred BEGIN that reads first and writes later fails at once with "database is locked" when
        another process wrote meanwhile (the busy timeout cannot help there); IMMEDIATE waits for the lock
        instead, and we retry a few more times beyond the busy timeout. Nested calls become savepoints.
        """
        with self._lock:
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

    def checkpoint(self) -> None:
        """Fold the WAL into the database file and truncate it (after an erasure, and at shutdown)."""
        if self.path == ":memory:":
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
            if counts.get("messages"):
                db.execute("INSERT INTO messages_fts(messages_fts) VALUES('optimize')")  # merge away the deleted terms
        log.info(
            "erased a customer's rows: %s", {k: v for k, v in counts.items() if v}
        )  # no id in logs: they outlive the erasure
        return counts

    @staticmethod
    def _personal_tables(db: Database) -> list[str]:
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

    # ------------------------------------------------------------------ conversations
    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        """One conversation row or None."""
        with self._lock:
            try:
                return _decode(self.db.table("conversations").get(conversation_id))
            except NotFoundError:
                return None

    def open_conversation(
        self, customer_id: str, channel: str, *, conversation_id: str | None = None, chat_id: str | None = None
    ) -> dict[str, Any]:
        """Return the given conversation, or the customer's latest on this channel, or a new one."""
        if conversation_id and not valid_conversation_id(conversation_id):
            raise StoreError("a conversation id is 1-64 letters, digits, '-' or '_'")
        if conversation_id:
            conv = self.get_conversation(conversation_id)
            if conv is not None and conv["customer_id"] == customer_id:
                return conv
        else:
            with self._lock:
                rows = list(
                    self.db.table("conversations").rows_where(
                        "customer_id = ? AND channel = ?", [customer_id, channel], order_by="updated_at desc", limit=1
                    )
                )
            if rows:
                return _decode(rows[0]) or rows[0]
        new_id = (
            conversation_id
            if conversation_id and self.get_conversation(conversation_id) is None
            else f"conv-{uuid.uuid4().hex[:12]}"
        )
        ts = now_iso()
        with self.tx() as db:
            db.table("conversations").insert(
                {
                    "id": new_id,
                    "customer_id": customer_id,
                    "channel": channel,
                    "chat_id": chat_id,
                    "started_at": ts,
                    "updated_at": ts,
                }
            )
        return self.get_conversation(new_id) or {}

    def new_conversation(self, customer_id: str, channel: str, *, chat_id: str | None = None) -> dict[str, Any]:
        """Always start a new conversation (e.g. /reset)."""
        new_id = f"conv-{uuid.uuid4().hex[:12]}"
        ts = now_iso()
        with self.tx() as db:
            db.table("conversations").insert(
                {
                    "id": new_id,
                    "customer_id": customer_id,
                    "channel": channel,
                    "chat_id": chat_id,
                    "started_at": ts,
                    "updated_at": ts,
                }
            )
        return self.get_conversation(new_id) or {}

    def flag_conversation(self, conversation_id: str, *flags: str) -> None:
        """Add flags (handoff, low_confidence, negative_feedback, fallback_used) to a conversation."""
        conv = self.get_conversation(conversation_id)
        if conv is None or not flags:
            return
        merged = sorted(set(conv["flags"] or []) | set(flags))
        with self.tx() as db:
            db.table("conversations").update(
                conversation_id, {"flags": json.dumps(merged), "flagged": 1, "updated_at": now_iso()}
            )

    def conversation_state(self, conversation_id: str) -> dict[str, Any]:
        """The conversation's saved state (JSON object), {} when none."""
        conv = self.get_conversation(conversation_id) or {}
        raw = conv.get("state")
        try:
            value = json.loads(raw) if isinstance(raw, str) and raw else {}
        except json.JSONDecodeError:
            return {}
        return value if isinstance(value, dict) else {}

    def save_conversation_state(self, conversation_id: str, state: dict[str, Any]) -> None:
        """Replace the conversation's state."""
        with self.tx() as db:
            db.table("conversations").update(conversation_id, {"state": json.dumps(state)})

    def set_mode(self, conversation_id: str, mode: str, *, staff: str | None = None) -> None:
        """Switch a conversation between the bot and staff (taking it over assigns it; handing back keeps that)."""
        owner = {"assigned_to": staff, "assigned_at": now_iso()} if mode == "staff" and staff else {}
        with self.tx() as db:
            db.table("conversations").update(conversation_id, {"mode": mode, "updated_at": now_iso(), **owner})

    def list_conversations(
        self, *, flagged: bool | None = None, channel: str | None = None, limit: int = 100
    ) -> list[dict[str, Any]]:
        """Latest conversations first."""
        where: list[str] = []
        args: list[Any] = []
        if flagged is not None:
            where.append("flagged = ?")
            args.append(int(flagged))
        if channel:
            where.append("channel = ?")
            args.append(channel)
        with self._lock:
            rows = self.db.table("conversations").rows_where(
                " AND ".join(where) or None, args, order_by="updated_at desc", limit=limit
            )
            return [r for r in (_decode(row) for row in rows) if r]

    # ------------------------------------------------------------------ messages
    def add_message(self, conversation_id: str, direction: str, text: str, **fields: Any) -> int | None:
        """Persist one message; returns its id, or None if `external_id` was seen before (a duplicate)."""
        row: dict[str, Any] = {
            "conversation_id": conversation_id,
            "direction": direction,
            "text": text,
            "created_at": now_iso(),
        }
        for key, value in fields.items():
            row[key] = (
                json.dumps(sorted(value) if isinstance(value, set) else value)
                if isinstance(value, (dict, list, set))
                else value
            )
        try:
            with self.tx() as db:
                table = db.table("messages")
                table.insert(row)
                msg_id = table.last_pk
                after_message(db, conversation_id, row["created_at"], direction=direction)  # updated_at; reopen
        except sqlite3.IntegrityError as exc:
            if "external_id" in str(exc):
                return None
            raise StoreError(f"cannot store message: {exc}") from exc
        return int(msg_id) if msg_id is not None else None

    def mark_answered(self, message_id: int) -> None:
        """Record that an inbound message got its reply."""
        with self.tx() as db:
            db.table("messages").update(message_id, {"answered": 1})

    def annotate_message(self, message_id: int, *, intent: str, confidence: float) -> None:
        """Store the understood intent on an inbound message."""
        with self.tx() as db:
            db.table("messages").update(message_id, {"intent": intent, "confidence": confidence})

    def set_feedback(self, message_id: int, value: int) -> None:
        """Store 👍 (+1) or 👎 (-1) on a bot message."""
        with self.tx() as db:
            db.table("messages").update(message_id, {"feedback": value})

    def get_message(self, message_id: int) -> dict[str, Any] | None:
        """One message row or None."""
        with self._lock:
            try:
                return _decode(self.db.table("messages").get(message_id))
            except NotFoundError:
                return None

    def messages(self, conversation_id: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        """A conversation's messages, oldest first (the last `limit` if given)."""
        with self._lock:
            rows = list(
                self.db.table("messages").rows_where(
                    "conversation_id = ?", [conversation_id], order_by="id desc", limit=limit
                )
            )
        return [r for r in (_decode(row) for row in reversed(rows)) if r]

    def unanswered(self) -> list[dict[str, Any]]:
        """Inbound messages that never got a reply (e.g. after a crash)."""
        with self._lock:
            rows = self.db.table("messages").rows_where("direction = 'in' AND answered = 0", order_by="id")
            return [r for r in (_decode(row) for row in rows) if r]

    def search_messages(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over transcripts (FTS5)."""
        with self._lock:
            return [r for r in (_decode(row) for row in self.db.table("messages").search(query, limit=limit)) if r]

    # ------------------------------------------------------------------ replies and the outbox
    def add_reply(self, conversation_id: str, inbound_id: int | None, text: str, **fields: Any) -> int | None:
        """Store a bot reply and mark the message it answers as answered, in one transaction.

        The reply waits in the outbox (`delivered_at` empty) until its channel confirms delivery.
        """
        with self.tx():
            msg_id = self.add_message(conversation_id, "out", text, reply_to=inbound_id, **fields)
            if inbound_id is not None:
                self.db.execute("UPDATE messages SET answered = 1 WHERE id = ?", [inbound_id])
        return msg_id

    def find_inbound(self, external_id: str, *, conversation_id: str | None = None) -> dict[str, Any] | None:
        """The inbound message stored under a channel's message id (in one conversation if given)."""
        where, args = "external_id = ? AND direction = 'in'", [str(external_id)]
        if conversation_id is not None:
            where += " AND conversation_id = ?"
            args.append(conversation_id)
        with self._lock:
            rows = list(self.db.table("messages").rows_where(where, args, limit=1))
        return _decode(rows[0]) if rows else None

    def reply_for(self, inbound_id: int) -> dict[str, Any] | None:
        """The stored bot reply to an inbound message, or None."""
        with self._lock:
            rows = list(
                self.db.table("messages").rows_where(
                    "reply_to = ? AND direction = 'out'", [inbound_id], order_by="id", limit=1
                )
            )
        return _decode(rows[0]) if rows else None

    def mark_delivered(self, message_id: int) -> None:
        """The channel delivered this reply: take it out of the outbox."""
        with self.tx() as db:
            db.execute(
                "UPDATE messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL", [now_iso(), message_id]
            )
        if self.journal.size() > 1_000_000:
            self.apply_delivery_journal()

    def apply_delivery_journal(self, *, crashed: bool = False) -> dict[str, int]:
        """Fold the delivery journal (bot.store.journal) into the database; {"delivered": n, "interrupted": m}.

        With `crashed` (at start-up, when no send of this process is in flight) a reply whose send began but was
        never confirmed is marked `send_interrupted_at`, with the parts the channel did confirm in `sent_parts`.
        Otherwise (the journal grew in a running process) the notes of sends still in flight are kept.
        """
        notes = self.journal.take(keep_in_flight=not crashed)
        interrupted = notes.in_flight if crashed else set()
        ts = now_iso()
        with self.tx() as db:
            db.conn.executemany(
                "UPDATE messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                [(ts, i) for i in notes.delivered],
            )
            db.conn.executemany(
                "UPDATE messages SET send_interrupted_at = ?, sent_parts = max(coalesce(sent_parts, 0), ?) "
                "WHERE id = ? AND delivered_at IS NULL",
                [(ts, notes.parts.get(i, 0), i) for i in interrupted],
            )
        return {"delivered": len(notes.delivered), "interrupted": len(interrupted)}

    def undelivered(self, channel: str) -> list[dict[str, Any]]:
        """Replies on a channel that were stored but never confirmed delivered (the outbox), oldest first."""
        sql = (
            "SELECT m.*, c.chat_id AS chat_id FROM messages m JOIN conversations c ON c.id = m.conversation_id "
            "WHERE m.direction = 'out' AND m.reply_to IS NOT NULL AND m.delivered_at IS NULL AND c.channel = ? ORDER BY m.id"
        )
        with self._lock:
            return [r for r in (_decode(row) for row in self.db.query(sql, [channel])) if r]

    # ------------------------------------------------------------------ the Telegram inbox
    def inbox_put(self, updates: list[tuple[int, str | None, str]]) -> int:
        """Store fetched Telegram updates (update_id, chat_id, JSON) before they are acknowledged; returns new ones."""
        if not updates:
            return 0
        ts = now_iso()
        with self.tx() as db:
            before = db.conn.total_changes
            db.conn.executemany(
                "INSERT OR IGNORE INTO telegram_inbox (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)",
                [(uid, chat, payload, ts) for uid, chat, payload in updates],
            )
            return db.conn.total_changes - before

    def inbox_done(self, update_id: int) -> None:
        """An update was fully handled: forget its payload (it may hold personal data) and keep the id."""
        with self.tx() as db:
            db.execute(
                "UPDATE telegram_inbox SET done_at = ?, payload = NULL WHERE update_id = ?", [now_iso(), update_id]
            )

    def inbox_state(self, update_id: int) -> str | None:
        """None (never stored), "pending" or "done"."""
        with self._lock:
            row = self.db.execute("SELECT done_at FROM telegram_inbox WHERE update_id = ?", [update_id]).fetchone()
        return None if row is None else ("done" if row[0] else "pending")

    def inbox_pending(self) -> list[dict[str, Any]]:
        """Updates stored but not yet handled (a crash came in between), in arrival order."""
        with self._lock:
            return list(self.db.query("SELECT * FROM telegram_inbox WHERE done_at IS NULL ORDER BY update_id"))

    def inbox_prune(self, *, keep_days: float = 7.0) -> int:
        """Drop handled inbox rows older than `keep_days`."""
        cutoff = datetime.fromtimestamp(time.time() - keep_days * 86400, UTC).isoformat(timespec="milliseconds")
        with self.tx() as db:
            return db.execute("DELETE FROM telegram_inbox WHERE done_at IS NOT NULL AND done_at < ?", [cutoff]).rowcount

    # ------------------------------------------------------------------ orders, interactions, cases
    def orders_for(self, customer_id: str) -> list[dict[str, Any]]:
        """The customer's orders, newest first."""
        with self._lock:
            rows = self.db.table("orders").rows_where("customer_id = ?", [customer_id], order_by="date desc")
            return [r for r in (_decode(row) for row in rows) if r]

    def get_order(self, order_id: str) -> dict[str, Any] | None:
        """One order or None (callers must check it belongs to the asking customer)."""
        with self._lock:
            try:
                return _decode(self.db.table("orders").get(order_id))
            except NotFoundError:
                return None

    def all_orders(self) -> list[dict[str, Any]]:
        """Every order (segment calibration needs the whole population)."""
        with self._lock:
            return [r for r in (_decode(row) for row in self.db.table("orders").rows) if r]

    def recommendations_in(self, conversation_id: str) -> list[tuple[str, int]]:
        """(sku, bot turn number) of each recommendation shown in a conversation, oldest first."""
        with self._lock:
            rows = self.db.table("events").rows_where(
                "kind = 'rec_impression' AND conversation_id = ?", [conversation_id], order_by="id"
            )
            out = []
            for row in rows:
                data = json.loads(row["data"] or "{}")
                out.append((str(data.get("sku")), int(data.get("turn", 0))))
            return out

    def add_interaction(self, customer_id: str, sku: str, kind: str, *, rating: float | None = None) -> None:
        """Record a view, click, cart or purchase."""
        with self.tx() as db:
            db.table("interactions").insert(
                {"customer_id": customer_id, "sku": sku, "kind": kind, "ts": now_iso(), "rating": rating}
            )

    def interactions(self, customer_id: str | None = None) -> list[dict[str, Any]]:
        """Interactions, optionally of one customer."""
        with self._lock:
            where = ("customer_id = ?", [customer_id]) if customer_id else (None, [])
            return list(self.db.table("interactions").rows_where(where[0], where[1], order_by="id"))

    def create_case(
        self, *, conversation_id: str, customer_id: str, kind: str, summary: str, order_id: str | None = None
    ) -> int:
        """Open a case for staff (cancellations, refunds and returns are never done by the bot)."""
        with self.tx() as db:
            table = db.table("cases")
            table.insert(
                {
                    "conversation_id": conversation_id,
                    "customer_id": customer_id,
                    "kind": kind,
                    "order_id": order_id,
                    "status": "open",
                    "summary": summary,
                    "created_at": now_iso(),
                }
            )
            return int(table.last_pk or 0)

    def cases(self, *, status: str | None = None) -> list[dict[str, Any]]:
        """Staff cases, newest first."""
        with self._lock:
            return list(
                self.db.table("cases").rows_where(
                    "status = ?" if status else None, [status] if status else [], order_by="id desc"
                )
            )

    # ------------------------------------------------------------------ events, KB versions
    def event(
        self, kind: str, *, conversation_id: str | None = None, customer_id: str | None = None, **data: Any
    ) -> None:
        """Append an audit/analytics event."""
        with self.tx() as db:
            db.table("events").insert(
                {
                    "ts": now_iso(),
                    "kind": kind,
                    "conversation_id": conversation_id,
                    "customer_id": customer_id,
                    "data": json.dumps(data),
                }
            )

    def events(self, kind: str | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
        """Latest events first."""
        with self._lock:
            rows = self.db.table("events").rows_where(
                "kind = ?" if kind else None, [kind] if kind else [], order_by="id desc", limit=limit
            )
            return [r for r in (_decode(row) for row in rows) if r]

    def record_kb_version(self, version: str, **fields: Any) -> None:
        """Insert or update one knowledge-base version row."""
        with self.tx() as db:
            db.table("kb_versions").upsert({"version": version, **fields}, pk="version")

    def kb_versions(self) -> list[dict[str, Any]]:
        """Knowledge-base versions, newest first."""
        with self._lock:
            return list(self.db.table("kb_versions").rows_where(order_by="version desc"))

    # ------------------------------------------------------------------ demo seed
    def seed(self, seed_dir: Path) -> dict[str, int]:
        """Load demo customers, orders and interactions once (only into an empty database)."""
        counts = {"customers": 0, "orders": 0, "interactions": 0}
        if not seed_dir.is_dir() or self.db.table("customers").count > 0:
            return counts
        with self.tx() as db:
            for name, table, pk in (("customers", "customers", "id"), ("orders", "orders", "order_id")):
                rows = _seed_rows(seed_dir / f"{name}.jsonl")
                for row in rows:
                    for key, value in list(row.items()):
                        if isinstance(value, (dict, list)):
                            row[key] = json.dumps(value)
                        elif isinstance(value, bool):
                            row[key] = int(value)
                db.table(table).insert_all(rows, pk=pk, alter=True, ignore=True)
                counts[name] = len(rows)
            inter = [
                {
                    "customer_id": r["customer_id"],
                    "sku": r["sku"],
                    "kind": r.get("type") or r.get("kind"),
                    "ts": r.get("timestamp") or r.get("ts"),
                    "rating": r.get("rating"),
                }
                for r in _seed_rows(seed_dir / "interactions.jsonl")
            ]
            db.table("interactions").insert_all(inter)
            counts["interactions"] = len(inter)
        log.info("seeded demo data from %s: %s", seed_dir, counts)
        return counts


def _seed_rows(path: Path) -> list[dict[str, Any]]:
    """A seed file's records; a missing seed file simply seeds nothing."""
    return read_jsonl(path, allow_empty=True) if path.exists() else []
