"""Read-side queries behind the conversation list: filters by flag, channel and date, plus FTS5 search."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain import Flag
from bot.store import Store

FLAGS = (
    Flag.HANDOFF,
    Flag.LOW_CONFIDENCE,
    Flag.NEGATIVE_FEEDBACK,
    Flag.FALLBACK_USED,
    Flag.COMPLAINT,
    Flag.OUT_OF_SCOPE,
    Flag.INJECTION,
)  # the ones staff filter by
CHANNELS = ("web", "telegram", "api", "console")
NEEDS_HUMAN = "needs_human"  # the list's "needs a human" view (derived, see ATTENTION)

# Why a conversation needs a person, derived from what happened since the last staff message (a staff reply clears
# the first four), never from `fallback_used`: a normal answer, extractive or written by the model, marks nothing.
ATTENTION = {
    "handoff": "Asked for a person",
    "low_confidence": "Bot unsure, no answer given",
    "negative_feedback": "Thumbs down (not helpful)",
    "complaint": "Complaint",
    "unanswered": "No reply",  # + how long; a shopper message with no bot or staff reply after the setting's minutes
}
_LAST_STAFF_ID = (
    "(SELECT coalesce(max(s.id), 0) FROM messages s WHERE s.conversation_id = c.id AND s.direction = 'staff')"
)
_LAST_STAFF_TS = (
    "(SELECT coalesce(max(s.created_at), '') FROM messages s WHERE s.conversation_id = c.id AND s.direction = 'staff')"
)
_OUT_SINCE_STAFF = (
    "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'out' AND m.id > "
    + _LAST_STAFF_ID
)
_ATTENTION_SQL = (
    "(EXISTS (SELECT 1 FROM events e WHERE e.kind = 'handoff' AND e.conversation_id = c.id AND e.ts > "
    + _LAST_STAFF_TS
    + ") OR "
    + _OUT_SINCE_STAFF
    + " AND m.intent = 'human_agent' AND m.flags LIKE '%\"handoff\"%')) AS att_handoff, "
    + _OUT_SINCE_STAFF
    + " AND m.flags LIKE '%\"low_confidence\"%') AS att_low_confidence, "
    + _OUT_SINCE_STAFF
    + " AND m.feedback = -1) AS att_negative_feedback, "
    + _OUT_SINCE_STAFF
    + " AND m.flags LIKE '%\"complaint\"%') AS att_complaint, "
    # the oldest shopper message after the last bot or staff message: the shopper has waited since then
    "(SELECT min(w.created_at) FROM messages w WHERE w.conversation_id = c.id AND w.direction = 'in' AND w.id > "
    "(SELECT coalesce(max(r.id), 0) FROM messages r WHERE r.conversation_id = c.id AND r.direction IN ('out', 'staff'))) AS waiting_since"
)


@dataclass(slots=True)
class ConversationFilter:
    """What the staff asked the list to show."""

    flag: str = ""  # "" (all), "any" (any flag) or one flag name
    channel: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive
    q: str = ""  # full-text query over messages
    limit: int = 100

    def as_query(self) -> dict[str, str]:
        """The non-empty filters, for links and the live-refresh URL."""
        return {
            k: v
            for k, v in (
                ("flag", self.flag),
                ("channel", self.channel),
                ("since", self.since),
                ("until", self.until),
                ("q", self.q),
            )
            if v
        }


def fts_query(text: str) -> str:
    """Quote each word so user input is matched literally, never parsed as FTS5 syntax."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words)


def list_conversations(
    store: Store, filt: ConversationFilter, *, unanswered_minutes: float = 5.0, now: datetime | None = None
) -> list[dict[str, Any]]:
    """Conversations matching the filter, most recently active first, with the last message, the customer's name and
    `attention`: the reasons (ATTENTION labels) the conversation needs a human now, empty when it does not."""
    where: list[str] = []
    args: list[Any] = []
    if filt.flag == "any":
        where.append("c.flagged = 1")
    elif filt.flag and filt.flag != NEEDS_HUMAN:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(c.flags) THEN c.flags ELSE '[]' END) WHERE value = ?)"
        )
        args.append(filt.flag)
    if filt.channel:
        where.append("c.channel = ?")
        args.append(filt.channel)
    if filt.since:
        where.append("c.updated_at >= ?")
        args.append(filt.since[:10])
    if filt.until:
        where.append("substr(c.started_at, 1, 10) <= ?")
        args.append(filt.until[:10])
    match = fts_query(filt.q)
    if match:
        where.append(
            "c.id IN (SELECT m.conversation_id FROM messages m JOIN messages_fts f ON f.rowid = m.rowid WHERE messages_fts MATCH ?)"
        )
        args.append(match)
    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(minutes=max(0.0, unanswered_minutes))).isoformat(timespec="milliseconds")
    inner = (
        "SELECT c.*, cu.name AS customer_name, "
        "(SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.direction != 'note' ORDER BY m.id DESC LIMIT 1) AS last_text, "
        "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS n_messages, "
        + _ATTENTION_SQL
        + " FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    outer = "SELECT * FROM (" + inner + ")"
    if filt.flag == NEEDS_HUMAN:
        outer += (
            " WHERE att_handoff OR att_low_confidence OR att_negative_feedback OR att_complaint OR waiting_since <= ?"
        )
        args.append(cutoff)
    sql = outer + " ORDER BY updated_at DESC LIMIT ?"
    args.append(max(1, min(filt.limit, 500)))
    with store.tx() as db:
        rows = [dict(r) for r in db.query(sql, args)]
    for row in rows:
        row["flags"] = _json_list(row.get("flags"))
        row["attention"] = _attention(row, cutoff, now)
    return rows


def _attention(row: dict[str, Any], cutoff: str, now: datetime) -> list[str]:
    reasons = [label for key, label in ATTENTION.items() if key != "unanswered" and row.get(f"att_{key}")]
    waiting = row.get("waiting_since")
    if waiting and waiting <= cutoff:
        try:
            minutes = int((now - datetime.fromisoformat(waiting)).total_seconds() // 60)
        except (TypeError, ValueError):
            minutes = 0
        reasons.append(f"{ATTENTION['unanswered']} for {_duration(minutes)}")
    return reasons


def _duration(minutes: int) -> str:
    if minutes < 1:
        return "under a minute"
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def display_name(customer_id: Any, name: Any = None, channel: Any = None) -> str:
    """What staff see for a shopper: their name (Telegram first name, or a name the shop knows), else a stable
    friendly label such as "Visitor 4821 (web)" derived from the id, never the raw `u-5c03…` id."""
    if isinstance(name, str) and name.strip():
        return name.strip()[:80]
    cid = str(customer_id or "")
    if not cid:
        return "Unknown shopper"
    where = str(channel or ("telegram" if cid.startswith("tg-") else "web"))
    number = int(hashlib.sha256(cid.encode("utf-8", "replace")).hexdigest()[:8], 16) % 10000
    return f"Visitor {number} ({where})"


def search_hits(store: Store, q: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Matching messages with highlighted snippets (the snippet markers are added by the template, not SQLite)."""
    match = fts_query(q)
    if not match:
        return []
    with store.tx() as db:
        return [
            dict(r)
            for r in db.query(
                "SELECT m.id, m.conversation_id, m.direction, m.text, m.created_at FROM messages m JOIN messages_fts f ON f.rowid = m.rowid "
                "WHERE messages_fts MATCH ? ORDER BY rank LIMIT ?",
                [match, limit],
            )
        ]


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    try:
        parsed = json.loads(value or "[]")
    except (TypeError, json.JSONDecodeError):
        return []
    return parsed if isinstance(parsed, list) else []


def customer_conversations(
    store: Store, customer_id: str, *, channel: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """One customer's conversations (optionally on one channel), most recently active first."""
    sql = (
        "SELECT * FROM conversations WHERE customer_id = ?"
        + (" AND channel = ?" if channel else "")
        + " ORDER BY updated_at DESC LIMIT ?"
    )
    args: list[Any] = [customer_id, *([channel] if channel else []), limit]
    with store.tx() as db:
        rows = [dict(r) for r in db.query(sql, args)]
    for row in rows:
        row["flags"] = _json_list(row.get("flags"))
    return rows
