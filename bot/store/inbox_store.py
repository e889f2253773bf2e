"""Every SQL statement of the staff inbox's workflow: status, assignment, labels, priority, reads, canned replies,
@mentions, CSAT and who is online (the conversation list's query is in `inbox_list`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.errors import StoreError
from bot.store.store import Store, now_iso

STATUSES = ("open", "waiting", "snoozed", "resolved")
STATUS_LABELS = {"open": "Open", "waiting": "Waiting on shopper", "snoozed": "Snoozed", "resolved": "Resolved"}
PRIORITIES = ("low", "normal", "high", "urgent")
_LABEL = re.compile(r"^[a-z0-9][a-z0-9 _-]{0,31}$")
_SHORTCUT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.-]{1,64})")
MAX_CANNED = 4000


def clean_label(text: str) -> str:
    """A label as stored: lower case, 1-32 letters, digits, spaces, '-' or '_'; raises StoreError otherwise."""
    label = " ".join(text.strip().lower().split())
    if not _LABEL.match(label):
        raise StoreError("a label is 1-32 letters, digits, spaces, '-' or '_'")
    return label


def clean_shortcut(text: str) -> str:
    """A canned reply's shortcut without its slash: lower case, 1-32 letters, digits, '-' or '_'."""
    shortcut = text.strip().lower().removeprefix("/")
    if not _SHORTCUT.match(shortcut):
        raise StoreError("a shortcut is / then 1-32 lower-case letters, digits, '-' or '_' (e.g. /returns)")
    return shortcut


def mentioned_names(text: str) -> list[str]:
    """The @names written in a note, in order, without repeats."""
    return list(dict.fromkeys(_MENTION.findall(text)))


class InboxStore:
    """The inbox tables behind the same connection and writer lock as `Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _rows(self, sql: str, args: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self.store.tx() as db:
            return [dict(r) for r in db.query(sql, args if isinstance(args, dict) else list(args))]

    # ------------------------------------------------------------------ status and priority
    def set_status(self, conversation_id: str, status: str, *, staff: str, until: str | None = None) -> str | None:
        """Move a conversation to `status` (snoozed needs `until`, an ISO time); returns the previous status, or
        None when there is no such conversation. The change is an event (metrics: resolution time, reopen rate)."""
        if status not in STATUSES:
            raise StoreError(f"status is one of {', '.join(STATUSES)}")
        if status == "snoozed" and not until:
            raise StoreError("snoozing needs a time to wake up")
        ts = now_iso()
        with self.store.tx() as db:
            row = db.execute("SELECT status FROM conversations WHERE id = ?", [conversation_id]).fetchone()
            if row is None:
                return None
            fields: dict[str, Any] = {
                "status": status,
                "status_changed_at": ts,
                "snoozed_until": until if status == "snoozed" else None,
            }
            if status == "resolved":
                fields["resolved_at"] = ts
            db.table("conversations").update(conversation_id, fields)
            self._event(db, "status", conversation_id, ts, {"from": row[0] or "open", "to": status, "staff": staff})
        return str(row[0] or "open")

    def set_priority(self, conversation_id: str, priority: str) -> None:
        """Set low, normal, high or urgent."""
        if priority not in PRIORITIES:
            raise StoreError(f"priority is one of {', '.join(PRIORITIES)}")
        with self.store.tx() as db:
            db.execute("UPDATE conversations SET priority = ? WHERE id = ?", [priority, conversation_id])

    @staticmethod
    def _event(db: Any, kind: str, conversation_id: str, ts: str, data: dict[str, Any]) -> None:
        db.table("events").insert(
            {"ts": ts, "kind": kind, "conversation_id": conversation_id, "data": json.dumps(data)}
        )

    # ------------------------------------------------------------------ presence and assignment
    def touch(self, name: str) -> None:
        """Record that a member of staff did something now (online = a live session and recent activity)."""
        with self.store.tx() as db:
            db.execute(
                "INSERT INTO staff_presence (name, last_seen_at) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET last_seen_at = excluded.last_seen_at",
                [name, now_iso()],
            )

    def online(self, *, minutes: float, now: datetime | None = None) -> list[str]:
        """Staff with a live session who did something in the last `minutes`, by name."""
        now = now or datetime.now(UTC)
        cutoff = (now - timedelta(minutes=minutes)).isoformat(timespec="milliseconds")
        rows = self._rows(
            "SELECT u.name FROM staff_users u JOIN staff_presence p ON p.name = u.name WHERE u.disabled = 0 "
            "AND p.last_seen_at >= ? AND EXISTS (SELECT 1 FROM staff_sessions s WHERE s.name = u.name AND s.expires_at > ?) "
            "ORDER BY u.name",
            [cutoff, now.isoformat()],
        )
        return [r["name"] for r in rows]

    def staff_names(self) -> list[str]:
        """Every enabled member of staff (assignment menu, @mention completion)."""
        return [r["name"] for r in self._rows("SELECT name FROM staff_users WHERE disabled = 0 ORDER BY name")]

    def assign(self, conversation_id: str, staff: str | None, *, by: str) -> bool:
        """Assign to a member of staff (None: unassign); False when the conversation or the staff name does not exist."""
        ts = now_iso()
        with self.store.tx() as db:
            if db.execute("SELECT 1 FROM conversations WHERE id = ?", [conversation_id]).fetchone() is None:
                return False
            if (
                staff is not None
                and db.execute("SELECT 1 FROM staff_users WHERE name = ? AND disabled = 0", [staff]).fetchone() is None
            ):
                return False
            db.execute(
                "UPDATE conversations SET assigned_to = ?, assigned_at = ? WHERE id = ?",
                [staff, ts if staff else None, conversation_id],
            )
            self._event(db, "assigned", conversation_id, ts, {"to": staff, "by": by})
        return True

    def auto_assign(self, conversation_id: str, *, online_minutes: float) -> str | None:
        """Round-robin: give an unassigned conversation to the online member of staff assigned longest ago.
        Returns the name, or None (already assigned, nobody online, no such conversation)."""
        now = datetime.now(UTC)
        cutoff = (now - timedelta(minutes=online_minutes)).isoformat(timespec="milliseconds")
        ts = now.isoformat(timespec="milliseconds")
        with self.store.tx() as db:
            row = db.execute("SELECT assigned_to FROM conversations WHERE id = ?", [conversation_id]).fetchone()
            if row is None or row[0]:
                return None
            pick = db.execute(
                "SELECT u.name FROM staff_users u JOIN staff_presence p ON p.name = u.name WHERE u.disabled = 0 "
                "AND p.last_seen_at >= ? AND EXISTS (SELECT 1 FROM staff_sessions s WHERE s.name = u.name AND s.expires_at > ?) "
                "ORDER BY coalesce(p.last_assigned_at, ''), u.name LIMIT 1",
                [cutoff, now.isoformat()],
            ).fetchone()
            if pick is None:
                return None
            name = str(pick[0])
            db.execute(
                "UPDATE conversations SET assigned_to = ?, assigned_at = ? WHERE id = ?", [name, ts, conversation_id]
            )
            # Round-robin order needs strictly increasing marks: two assignments in the same millisecond would tie,
            # and the tie (broken by name) would give both to the same person.
            last = db.execute("SELECT max(last_assigned_at) FROM staff_presence").fetchone()[0]
            mark = ts if not last or ts > last else _after(str(last))
            db.execute("UPDATE staff_presence SET last_assigned_at = ? WHERE name = ?", [mark, name])
            self._event(db, "assigned", conversation_id, ts, {"to": name, "by": "round-robin"})
        return name

    # ------------------------------------------------------------------ labels
    def add_label(self, conversation_id: str, label: str, *, by: str) -> str:
        """Add a label (cleaned; see clean_label); returns it as stored."""
        label = clean_label(label)
        with self.store.tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO conversation_labels (conversation_id, label, added_by, added_at) VALUES (?, ?, ?, ?)",
                [conversation_id, label, by, now_iso()],
            )
        return label

    def remove_label(self, conversation_id: str, label: str) -> None:
        """Take a label off."""
        with self.store.tx() as db:
            db.execute(
                "DELETE FROM conversation_labels WHERE conversation_id = ? AND label = ?", [conversation_id, label]
            )

    def labels(self, conversation_id: str | None = None) -> list[str]:
        """One conversation's labels, or every label in use."""
        if conversation_id is None:
            return [r["label"] for r in self._rows("SELECT DISTINCT label FROM conversation_labels ORDER BY label")]
        rows = self._rows(
            "SELECT label FROM conversation_labels WHERE conversation_id = ? ORDER BY label", [conversation_id]
        )
        return [r["label"] for r in rows]

    # ------------------------------------------------------------------ reads and mentions
    def mark_read(self, conversation_id: str, staff: str) -> None:
        """The member of staff has seen every message of the conversation so far, and its mentions of them."""
        ts = now_iso()
        with self.store.tx() as db:
            last = db.execute(
                "SELECT coalesce(max(id), 0) FROM messages WHERE conversation_id = ?", [conversation_id]
            ).fetchone()[0]
            db.execute(
                "INSERT INTO conversation_reads (conversation_id, staff, last_read_id, read_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(conversation_id, staff) DO UPDATE SET last_read_id = excluded.last_read_id, read_at = excluded.read_at",
                [conversation_id, staff, last, ts],
            )
            db.execute(
                "UPDATE mentions SET seen_at = ? WHERE conversation_id = ? AND staff = ? AND seen_at IS NULL",
                [ts, conversation_id, staff],
            )

    def add_note(self, conversation_id: str, text: str, *, author: str) -> tuple[int | None, list[str]]:
        """Store an internal note and a mention for each existing member of staff it @names; (message id, names)."""
        msg_id = self.store.add_message(conversation_id, "note", text, author=author)
        wanted = {n.lower() for n in mentioned_names(text)}
        names = [n for n in self.staff_names() if n.lower() in wanted]
        if names and msg_id is not None:
            ts = now_iso()
            with self.store.tx() as db:
                db.conn.executemany(
                    "INSERT INTO mentions (conversation_id, message_id, staff, author, created_at) VALUES (?, ?, ?, ?, ?)",
                    [(conversation_id, msg_id, n, author, ts) for n in names],
                )
        return msg_id, names

    def mentions(self, staff: str, *, unseen_only: bool = False, limit: int = 100) -> list[dict[str, Any]]:
        """Notes that @mention this member of staff, newest first, with the note's text."""
        return self._rows(
            "SELECT mn.*, m.text FROM mentions mn LEFT JOIN messages m ON m.id = mn.message_id WHERE mn.staff = ? "
            + ("AND mn.seen_at IS NULL " if unseen_only else "")
            + "ORDER BY mn.id DESC LIMIT ?",
            [staff, limit],
        )

    def unseen_mentions(self, staff: str) -> int:
        """How many mentions of this member of staff are unseen (the header's badge)."""
        rows = self._rows("SELECT count(*) AS n FROM mentions WHERE staff = ? AND seen_at IS NULL", [staff])
        return int(rows[0]["n"])

    # ------------------------------------------------------------------ canned replies
    def canned(self) -> list[dict[str, Any]]:
        """Every canned reply, by shortcut."""
        return self._rows("SELECT * FROM canned_replies ORDER BY shortcut")

    def save_canned(self, shortcut: str, text: str, *, by: str) -> str:
        """Create or replace a canned reply; returns the cleaned shortcut."""
        shortcut = clean_shortcut(shortcut)
        text = text.strip()
        if not text or len(text) > MAX_CANNED:
            raise StoreError(f"a canned reply's text is 1-{MAX_CANNED} characters")
        with self.store.tx() as db:
            db.execute(
                "INSERT INTO canned_replies (shortcut, text, updated_by, updated_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(shortcut) DO UPDATE SET text = excluded.text, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                [shortcut, text, by, now_iso()],
            )
        return shortcut

    def delete_canned(self, shortcut: str) -> bool:
        """Remove a canned reply; False when there was none."""
        with self.store.tx() as db:
            return db.execute("DELETE FROM canned_replies WHERE shortcut = ?", [shortcut]).rowcount > 0

    # ------------------------------------------------------------------ CSAT
    def csat_ask(self, conversation_id: str) -> dict[str, Any] | None:
        """Record that the shopper is asked to rate the conversation; the conversation row the first time, else None
        (at most one question per conversation, however often it is resolved)."""
        with self.store.tx() as db:
            conv = db.execute(
                "SELECT id, customer_id, channel, chat_id FROM conversations WHERE id = ?", [conversation_id]
            ).fetchone()
            if conv is None:
                return None
            cur = db.execute(
                "INSERT OR IGNORE INTO csat (conversation_id, customer_id, channel, asked_at) VALUES (?, ?, ?, ?)",
                [conv[0], conv[1], conv[2], now_iso()],
            )
            if cur.rowcount == 0:
                return None
        return {"id": conv[0], "customer_id": conv[1], "channel": conv[2], "chat_id": conv[3]}

    def csat_answer(self, conversation_id: str, customer_id: str, score: int) -> bool:
        """Store the shopper's 1-5 rating once; False when not asked, already answered, or not their conversation."""
        if not 1 <= score <= 5:
            raise StoreError("a rating is 1 to 5")
        with self.store.tx() as db:
            cur = db.execute(
                "UPDATE csat SET score = ?, answered_at = ? WHERE conversation_id = ? AND customer_id = ? AND score IS NULL",
                [score, now_iso(), conversation_id, customer_id],
            )
            return cur.rowcount > 0

    def csat_pending(self, conversation_id: str) -> bool:
        """True when the shopper was asked to rate the conversation and has not answered."""
        rows = self._rows("SELECT score FROM csat WHERE conversation_id = ?", [conversation_id])
        return bool(rows) and rows[0]["score"] is None

    def csat_of(self, conversation_id: str) -> dict[str, Any] | None:
        """The conversation's rating row, if the shopper was asked."""
        rows = self._rows("SELECT * FROM csat WHERE conversation_id = ?", [conversation_id])
        return rows[0] if rows else None


def _after(iso: str) -> str:
    """The ISO timestamp one millisecond after `iso` (same format), for a strictly increasing round-robin mark."""
    return (datetime.fromisoformat(iso) + timedelta(milliseconds=1)).isoformat(timespec="milliseconds")
