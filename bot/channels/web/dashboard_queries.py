"""What the conversation pages show, read through the store: display names, search hits, a customer's conversations.

The list's SQL lives in bot/store/inbox_list.py; its names stay importable from here."""

from __future__ import annotations

import hashlib
from typing import Any

from bot.store import Store
from bot.store.inbox_list import (  # the list's SQL lives in the store; these names stay importable from here
    ATTENTION,
    FLAGS,
    NEEDS_HUMAN,
    VIEWS,
    ConversationFilter,
    counts,
    duration,
    fts_query,
    list_conversations,
    waited,
)

CHANNELS = ("web", "telegram", "api", "console")
__all__ = [
    "ATTENTION",
    "CHANNELS",
    "FLAGS",
    "NEEDS_HUMAN",
    "VIEWS",
    "ConversationFilter",
    "counts",
    "customer_conversations",
    "display_name",
    "duration",
    "fts_query",
    "list_conversations",
    "search_hits",
    "waited",
]


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
    """Matching messages, best first (the store's full-text search: FTS5 on SQLite, tsvector on PostgreSQL)."""
    keys = ("id", "conversation_id", "direction", "text", "created_at")
    return [{k: r.get(k) for k in keys} for r in store.search_messages(q, limit=limit)]


def customer_conversations(
    store: Store, customer_id: str, *, channel: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """One customer's conversations (optionally on one channel), most recently active first; flags as a list."""
    rows = store.list_conversations(customer_id=customer_id, channel=channel, limit=limit)
    for row in rows:
        if not isinstance(row.get("flags"), list):
            row["flags"] = []
    return rows
