"""Conversations, messages, the outbox of replies and the Telegram inbox."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from datetime import UTC, datetime
from typing import Any, cast

from sqlite_utils.db import NotFoundError

from bot.domain.ids import valid_conversation_id
from bot.errors import StoreError
from bot.store.base import StoreBase, _decode, now_iso
from bot.store.conversation_touch import after_message
from bot.store.dialect import SQLITE


class ConversationStore(StoreBase):
    """The conversation and message tables: one turn's reads and writes."""

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
        return self._insert_conversation(new_id, customer_id, channel, chat_id)

    def new_conversation(self, customer_id: str, channel: str, *, chat_id: str | None = None) -> dict[str, Any]:
        """Always start a new conversation (e.g. /reset)."""
        new_id = f"conv-{uuid.uuid4().hex[:12]}"
        return self._insert_conversation(new_id, customer_id, channel, chat_id)

    def _insert_conversation(self, new_id: str, customer_id: str, channel: str, chat_id: str | None) -> dict[str, Any]:
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
        self,
        *,
        flagged: bool | None = None,
        channel: str | None = None,
        customer_id: str | None = None,
        limit: int = 100,
    ) -> list[dict[str, Any]]:
        """Latest conversations first (most recently active), optionally one customer's or one channel's."""
        where: list[str] = []
        args: list[Any] = []
        if customer_id is not None:
            where.append("customer_id = ?")
            args.append(customer_id)
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
                after_message(
                    cast(Any, db), conversation_id, row["created_at"], direction=direction
                )  # updated_at; reopen
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
        """One message row or None (an id past SQLite's 64-bit integers, from a client, too)."""
        if not -(2**63) <= message_id < 2**63:
            return None
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
        """Full-text search over transcripts, best first (FTS5 on SQLite, the tsvector index on PostgreSQL).

        Words are matched as words: quotes, operators and other search syntax in `query` are never an error.
        """
        words = query.split()
        if not words:
            return []
        if self.dialect == SQLITE:  # each word an FTS5 string, so no input is ever parsed as FTS5 syntax
            query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        with self._lock:
            rows = self.db.table("messages").search(query, limit=limit)
            return [r for r in (_decode(row) for row in rows) if r]

    def message_match_sql(self, query: str, *, name: str = "match") -> tuple[str, dict[str, str]]:
        """A subquery selecting `conversation_id` of messages matching `query`, with its one named parameter
        (`:name`), for use in a larger query (`... WHERE c.id IN (<sql>)`): the same search as `search_messages`,
        on either database."""
        if self.dialect == SQLITE:
            words = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            sql = "SELECT m.conversation_id FROM messages m JOIN messages_fts f ON f.rowid = m.rowid WHERE messages_fts MATCH"
            return f"{sql} :{name}", {name: words}
        sql = (
            "SELECT m.conversation_id FROM messages m WHERE to_tsvector('english'::regconfig, coalesce(m.\"text\", '')) "
            "@@ websearch_to_tsquery('english', "
        )
        return f"{sql}:{name})", {name: query}

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
        self.journal.remove_folded(notes.folded)  # only once their notes are stored
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
            cur = db.conn.executemany(
                "INSERT OR IGNORE INTO telegram_inbox (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)",
                [(uid, chat, payload, ts) for uid, chat, payload in updates],
            )
            return int(cur.rowcount)

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

    def inbox_pending(self, *, chat_id: str | None = None, before: int | None = None) -> list[dict[str, Any]]:
        """Updates stored but not yet handled (a crash came in between, or another worker holds them), in arrival
        order; only one chat's and only those older than update `before` when given."""
        sql, args = "SELECT * FROM telegram_inbox WHERE done_at IS NULL", list[Any]()
        if chat_id is not None:
            sql, args = sql + " AND chat_id = ?", [*args, chat_id]
        if before is not None:
            sql, args = sql + " AND update_id < ?", [*args, before]
        with self._lock:
            return list(self.db.query(sql + " ORDER BY update_id", args))

    def inbox_prune(self, *, keep_days: float = 7.0) -> int:
        """Drop handled inbox rows older than `keep_days`."""
        cutoff = datetime.fromtimestamp(time.time() - keep_days * 86400, UTC).isoformat(timespec="milliseconds")
        with self.tx() as db:
            return db.execute("DELETE FROM telegram_inbox WHERE done_at IS NOT NULL AND done_at < ?", [cutoff]).rowcount
