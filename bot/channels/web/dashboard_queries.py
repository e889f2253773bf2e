"""Read-side queries behind the conversation list: filters by flag, channel and date, plus FTS5 search."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.store import Store

FLAGS = ("handoff", "low_confidence", "negative_feedback", "fallback_used", "complaint", "out_of_scope", "injection")
CHANNELS = ("web", "telegram", "api", "console")


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
        return {k: v for k, v in (("flag", self.flag), ("channel", self.channel), ("since", self.since), ("until", self.until), ("q", self.q)) if v}


def fts_query(text: str) -> str:
    """Quote each word so user input is matched literally, never parsed as FTS5 syntax."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words)


def list_conversations(store: Store, filt: ConversationFilter) -> list[dict[str, Any]]:
    """Conversations matching the filter, most recently active first, with the last message and the customer's name."""
    where: list[str] = []
    args: list[Any] = []
    if filt.flag == "any":
        where.append("c.flagged = 1")
    elif filt.flag:
        where.append("EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(c.flags) THEN c.flags ELSE '[]' END) WHERE value = ?)")
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
        where.append("c.id IN (SELECT m.conversation_id FROM messages m JOIN messages_fts f ON f.rowid = m.rowid WHERE messages_fts MATCH ?)")
        args.append(match)
    sql = (
        "SELECT c.*, cu.name AS customer_name, "
        "(SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.direction != 'note' ORDER BY m.id DESC LIMIT 1) AS last_text, "
        "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS n_messages "
        "FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.updated_at DESC LIMIT ?"
    )
    args.append(max(1, min(filt.limit, 500)))
    with store.tx() as db:
        rows = [dict(r) for r in db.query(sql, args)]
    for row in rows:
        row["flags"] = _json_list(row.get("flags"))
    return rows


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


def customer_conversations(store: Store, customer_id: str, *, channel: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """One customer's conversations (optionally on one channel), most recently active first."""
    sql = "SELECT * FROM conversations WHERE customer_id = ?" + (" AND channel = ?" if channel else "") + " ORDER BY updated_at DESC LIMIT ?"
    args: list[Any] = [customer_id, *([channel] if channel else []), limit]
    with store.tx() as db:
        rows = [dict(r) for r in db.query(sql, args)]
    for row in rows:
        row["flags"] = _json_list(row.get("flags"))
    return rows
