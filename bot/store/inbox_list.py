"""The conversation list's query: filters, status and views, derived needs-a-human reasons, who waited longest,
per-agent unread counts and mentions, labels, and the counts per status and view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain import Flag
from bot.store.inbox_store import STATUSES, InboxStore
from bot.store.store import Store

FLAGS = (
    Flag.HANDOFF,
    Flag.LOW_CONFIDENCE,
    Flag.NEGATIVE_FEEDBACK,
    Flag.FALLBACK_USED,
    Flag.COMPLAINT,
    Flag.OUT_OF_SCOPE,
    Flag.INJECTION,
)  # the ones staff filter by
NEEDS_HUMAN = "needs_human"  # the list's "needs a human" view (derived, see ATTENTION)
VIEWS = ("mine", "unassigned", NEEDS_HUMAN)

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
    "(SELECT coalesce(max(r.id), 0) FROM messages r WHERE r.conversation_id = c.id AND r.direction IN ('out', 'staff'))) AS waiting_since, "
    # waiting for a person since: the first hand-off request, or the first question the bot passed on, after the last staff message
    "(SELECT min(t) FROM (SELECT e.ts AS t FROM events e WHERE e.kind = 'handoff' AND e.conversation_id = c.id AND e.ts > "
    + _LAST_STAFF_TS
    + " UNION ALL SELECT i.created_at FROM messages o JOIN messages i ON i.id = o.reply_to WHERE o.conversation_id = c.id "
    "AND o.direction = 'out' AND o.id > "
    + _LAST_STAFF_ID
    + " AND (o.flags LIKE '%\"handoff\"%' OR o.flags LIKE '%\"low_confidence\"%' OR o.flags LIKE '%\"complaint\"%' "
    "OR o.feedback = -1))) AS human_since"
)
_STATUS_NOW = (
    "CASE WHEN coalesce(c.status, 'open') = 'snoozed' AND coalesce(c.snoozed_until, '') <= :now THEN 'open' "
    "ELSE coalesce(c.status, 'open') END"
)
_NEEDS = "(att_handoff OR att_low_confidence OR att_negative_feedback OR att_complaint OR (waiting_since IS NOT NULL AND waiting_since <= :cutoff))"
_ACTIVE = "status_now IN ('open', 'waiting')"  # resolved and snoozed conversations wait for nobody


@dataclass(slots=True)
class ConversationFilter:
    """What the staff asked the list to show."""

    flag: str = ""  # "" (all), "any" (any flag), NEEDS_HUMAN or one flag name
    channel: str = ""
    since: str = ""  # YYYY-MM-DD, inclusive
    until: str = ""  # YYYY-MM-DD, inclusive
    q: str = ""  # full-text query over messages
    status: str = ""  # "" (all) or one of STATUSES
    view: str = ""  # "" (all), "mine" or "unassigned"
    label: str = ""
    priority: str = ""
    limit: int = 100

    def as_query(self) -> dict[str, str]:
        """The non-empty filters, for links and the live-refresh URL."""
        keys = ("flag", "channel", "since", "until", "q", "status", "view", "label", "priority")
        return {k: str(getattr(self, k)) for k in keys if getattr(self, k)}


def fts_query(text: str) -> str:
    """Quote each word so user input is matched literally, never parsed as FTS5 syntax."""
    words = [w.replace('"', '""') for w in text.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words)


def _where(store: Store, filt: ConversationFilter, args: dict[str, Any]) -> list[str]:
    where: list[str] = []
    if filt.flag == "any":
        where.append("c.flagged = 1")
    elif filt.flag and filt.flag != NEEDS_HUMAN:
        where.append(
            "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(c.flags) THEN c.flags ELSE '[]' END) WHERE value = :flag)"
        )
        args["flag"] = filt.flag
    for key, sql, value in (
        ("channel", "c.channel = :channel", filt.channel),
        ("since", "c.updated_at >= :since", filt.since[:10]),
        ("until", "substr(c.started_at, 1, 10) <= :until", filt.until[:10]),
        ("priority", "coalesce(c.priority, 'normal') = :priority", filt.priority),
        (
            "label",
            "EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = :label)",
            filt.label,
        ),
    ):
        if value:
            where.append(sql)
            args[key] = value
    if filt.view == "mine":
        where.append("c.assigned_to = :staff")
    elif filt.view == "unassigned":
        where.append("coalesce(c.assigned_to, '') = ''")
    if filt.q.split():  # the store's full-text search, on SQLite or PostgreSQL
        sql, params = store.message_match_sql(filt.q)
        where.append(f"c.id IN ({sql})")
        args.update(params)
    return where


def _rows_sql(where: list[str]) -> str:
    inner = (
        "SELECT c.*, " + _STATUS_NOW + " AS status_now, cu.name AS customer_name, "
        "(SELECT m.text FROM messages m WHERE m.conversation_id = c.id AND m.direction != 'note' ORDER BY m.id DESC LIMIT 1) AS last_text, "
        "(SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) AS n_messages, "
        "(SELECT count(*) FROM messages u WHERE u.conversation_id = c.id AND u.direction = 'in' AND u.id > coalesce("
        "(SELECT r.last_read_id FROM conversation_reads r WHERE r.conversation_id = c.id AND r.staff = :staff), 0)) AS unread, "
        "(SELECT count(*) FROM mentions mn WHERE mn.conversation_id = c.id AND mn.staff = :staff AND mn.seen_at IS NULL) AS mentions, "
        "(SELECT group_concat(l.label, ',') FROM conversation_labels l WHERE l.conversation_id = c.id) AS labels, "
        + _ATTENTION_SQL
        + " FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id"
        + (" WHERE " + " AND ".join(where) if where else "")
    )
    return (
        "SELECT *, CASE WHEN NOT "
        + _ACTIVE
        + " THEN NULL WHEN att_handoff OR att_low_confidence OR att_negative_feedback "
        "OR att_complaint THEN coalesce(human_since, waiting_since) ELSE waiting_since END AS wait_clock, "
        + _NEEDS
        + " AND "
        + _ACTIVE
        + " AS needs FROM ("
        + inner
        + ")"
    )


def list_conversations(
    store: Store,
    filt: ConversationFilter,
    *,
    staff: str = "",
    unanswered_minutes: float = 5.0,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Conversations matching the filter, who has waited longest first (then most recently active), with the last
    message, the customer's name, `status_now` (a snooze that ran out is open), `wait_clock` (waiting since),
    `unread` and `mentions` for `staff`, `labels`, and `attention`: why it needs a human now (empty when it does not)."""
    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(minutes=max(0.0, unanswered_minutes))).isoformat(timespec="milliseconds")
    args: dict[str, Any] = {"now": now.isoformat(timespec="milliseconds"), "cutoff": cutoff, "staff": staff}
    sql = "SELECT * FROM (" + _rows_sql(_where(store, filt, args)) + ")"
    outer: list[str] = []
    if filt.flag == NEEDS_HUMAN:
        outer.append("needs")
    if filt.status in STATUSES:
        outer.append("status_now = :status")
        args["status"] = filt.status
    if outer:
        sql += " WHERE " + " AND ".join(outer)
    sql += " ORDER BY wait_clock IS NULL, wait_clock, updated_at DESC LIMIT :limit"
    args["limit"] = max(1, min(filt.limit, 500))
    with store.tx() as db:
        rows = [dict(r) for r in db.query(sql, args)]
    for row in rows:
        row["flags"] = _json_list(row.get("flags"))
        row["labels"] = sorted((row.get("labels") or "").split(",")) if row.get("labels") else []
        row["attention"] = _attention(row, cutoff, now) if row["status_now"] in ("open", "waiting") else []
    return rows


def counts(store: Store, *, staff: str, unanswered_minutes: float = 5.0, now: datetime | None = None) -> dict[str, int]:
    """How many conversations have each status, and how many active (open or waiting) ones are mine, unassigned,
    or need a human: the numbers next to the list's tabs."""
    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(minutes=max(0.0, unanswered_minutes))).isoformat(timespec="milliseconds")
    args = {"now": now.isoformat(timespec="milliseconds"), "cutoff": cutoff, "staff": staff}
    sql = (
        "SELECT status_now, count(*) AS n, sum(assigned_to = :staff) AS mine, "
        "sum(coalesce(assigned_to, '') = '') AS unassigned, sum(needs) AS needs FROM ("
        + _rows_sql([])
        + ") GROUP BY status_now"
    )
    out = dict.fromkeys((*STATUSES, "all", *VIEWS), 0)
    with store.tx() as db:
        for row in db.query(sql, args):
            status = row["status_now"] if row["status_now"] in STATUSES else "open"
            out[status] += int(row["n"])
            out["all"] += int(row["n"])
            if status in ("open", "waiting"):
                out["mine"] += int(row["mine"] or 0)
                out["unassigned"] += int(row["unassigned"] or 0)
                out[NEEDS_HUMAN] += int(row["needs"] or 0)
    return out


def _attention(row: dict[str, Any], cutoff: str, now: datetime) -> list[str]:
    reasons = [label for key, label in ATTENTION.items() if key != "unanswered" and row.get(f"att_{key}")]
    waiting = row.get("waiting_since")
    if waiting and waiting <= cutoff:
        reasons.append(f"{ATTENTION['unanswered']} for {duration(_minutes_since(waiting, now))}")
    return reasons


def _minutes_since(ts: str, now: datetime) -> int:
    try:
        return int((now - datetime.fromisoformat(ts)).total_seconds() // 60)
    except (TypeError, ValueError):
        return 0


def duration(minutes: int) -> str:
    """A wait in words: 'under a minute', '12 min', '3 h', '2 days'."""
    if minutes < 1:
        return "under a minute"
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def waited(ts: str | None, *, now: datetime | None = None) -> str:
    """How long since `ts`, in words ('' when there is no clock)."""
    return duration(_minutes_since(ts, now or datetime.now(UTC))) if ts else ""


def _json_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    try:
        parsed = json.loads(value or "[]")
    except (TypeError, json.JSONDecodeError):
        return []
    return parsed if isinstance(parsed, list) else []


def auto_resolve(store: Store, *, idle_hours: float, now: datetime | None = None) -> list[str]:
    """Resolve open or waiting conversations idle for `idle_hours` whose last message is a bot or staff reply and
    that need no human: the bot (or staff) answered and the shopper did not come back. Returns their ids."""
    if idle_hours <= 0:
        return []
    now = now or datetime.now(UTC)
    args = {"now": now.isoformat(timespec="milliseconds"), "cutoff": "", "staff": ""}
    args["idle"] = (now - timedelta(hours=idle_hours)).isoformat(timespec="milliseconds")
    sql = (
        "SELECT x.id FROM (" + _rows_sql([]) + ") x WHERE " + _ACTIVE + " AND NOT needs AND x.updated_at < :idle "
        "AND (SELECT m.direction FROM messages m WHERE m.conversation_id = x.id AND m.direction != 'note' "
        "ORDER BY m.id DESC LIMIT 1) IN ('out', 'staff') LIMIT 500"
    )
    with store.tx() as db:
        ids = [r["id"] for r in db.query(sql, args)]
    inbox = InboxStore(store)
    for conv_id in ids:
        inbox.set_status(conv_id, "resolved", staff="auto")
    return ids
