"""The paper's satisfaction and efficiency measures, per day and channel: CSAT, first response and resolution time
(bot and human), resolved by the bot alone, hand-off rate, who wrote the replies, and knowledge gaps.

Every figure is over the conversations *started* in the window (a conversation counts on the day it started)."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.store.store import Store

REOPEN_WINDOW = timedelta(hours=24)
AUTHORS = ("model", "template", "extractive", "canned")
# a gap is a question the bot could not answer well; an extractive answer the verifier kept is an answer, not a gap
GAP_FLAGS = ("low_confidence", "out_of_scope")
Daily = dict[str, dict[str, float | None]]  # channel -> day -> value


@dataclass
class InboxMetrics:
    """What the metrics page shows about satisfaction and efficiency."""

    days: list[str]
    conversations: int = 0
    csat_n: int = 0
    csat_asked: int = 0
    csat_avg: float | None = None
    csat_share: float | None = None  # ratings of 4 or 5 over all ratings
    csat_per_day: Daily = field(default_factory=dict)
    frt: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)  # bot/human -> (p50, p95) seconds
    frt_per_day: dict[str, list[float | None]] = field(default_factory=dict)  # bot/human -> p50 per day
    resolution: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    resolved: int = 0
    bot_alone: int = 0
    bot_alone_share: float | None = None
    bot_alone_per_day: Daily = field(default_factory=dict)
    handoffs: int = 0
    handoff_rate: float | None = None
    handoff_per_day: Daily = field(default_factory=dict)
    authors: dict[str, int] = field(default_factory=dict)
    author_shares: dict[str, float] = field(default_factory=dict)
    authors_per_day: dict[str, dict[str, int]] = field(default_factory=dict)  # author -> day -> replies
    gaps_per_day: dict[str, dict[str, int]] = field(default_factory=dict)  # channel -> day -> gap replies


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]


def _ts(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _secs(start: datetime | None, end: datetime | None) -> float | None:
    return (end - start).total_seconds() if start and end and end >= start else None


def flag_set(value: Any) -> set[str]:
    """A stored flags column (JSON list text, or already a list) as a set; anything else is no flags."""
    try:
        parsed = json.loads(value) if isinstance(value, str) else value
    except json.JSONDecodeError:
        return set()
    return set(parsed) if isinstance(parsed, list) else set()


def _load(
    store: Store, since: str
) -> tuple[
    list[dict[str, Any]], dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]], list[dict[str, Any]]
]:
    window = "SELECT id FROM conversations WHERE started_at >= :since"
    with store.tx() as db:
        convs = [
            dict(r)
            for r in db.query(
                "SELECT id, channel, started_at, status, flags FROM conversations WHERE started_at >= :since",
                {"since": since},
            )
        ]
        messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in db.query(
            "SELECT conversation_id, direction, created_at, flags, feedback, author FROM messages "
            f"WHERE conversation_id IN ({window}) ORDER BY id",
            {"since": since},
        ):
            messages[r["conversation_id"]].append(dict(r))
        events: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in db.query(
            "SELECT conversation_id, kind, ts, data FROM events WHERE kind IN ('handoff', 'takeover', 'status', 'reopened') "
            f"AND conversation_id IN ({window}) ORDER BY id",
            {"since": since},
        ):
            events[r["conversation_id"]].append(dict(r))
        csat = [dict(r) for r in db.query(f"SELECT * FROM csat WHERE conversation_id IN ({window})", {"since": since})]
    return convs, messages, events, csat


def _conversation(conv: dict[str, Any], msgs: list[dict[str, Any]], events: list[dict[str, Any]]) -> dict[str, Any]:
    """One conversation's facts: first responses, whether a person was needed, resolution and reopening."""
    first_in = next((_ts(m["created_at"]) for m in msgs if m["direction"] == "in"), None)
    outs = [
        t for t in (_ts(m["created_at"]) for m in msgs if m["direction"] == "out") if t and first_in and t >= first_in
    ]
    first_out = min(outs, default=None)
    asks = [_ts(e["ts"]) for e in events if e["kind"] in ("handoff", "takeover")]
    asks += [_ts(m["created_at"]) for m in msgs if m["direction"] == "out" and "handoff" in flag_set(m["flags"])]
    staff = [_ts(m["created_at"]) for m in msgs if m["direction"] == "staff"]
    handed = bool(asks or staff or "handoff" in flag_set(conv["flags"]))
    needed = min((a for a in asks if a), default=None) or (first_in if staff else None)
    first_staff = min((s for s in staff if s and needed and s >= needed), default=None)
    resolves = [
        _ts(e["ts"]) for e in events if e["kind"] == "status" and json.loads(e["data"] or "{}").get("to") == "resolved"
    ]
    reopens = [_ts(e["ts"]) for e in events if e["kind"] == "reopened"]
    reopened_soon = any(r and o and r <= o <= r + REOPEN_WINDOW for r in resolves for o in reopens)
    resolved = (conv["status"] or "open") == "resolved"
    negative = any(m["feedback"] == -1 for m in msgs)
    return {
        "frt_bot": _secs(first_in, first_out),
        "frt_human": _secs(needed, first_staff),
        "handed": handed,
        "resolved": resolved,
        "resolution": _secs(_ts(conv["started_at"]), max((r for r in resolves if r), default=None))
        if resolved
        else None,
        "bot_alone": resolved and not handed and not negative and not reopened_soon,
    }


def compute_inbox(store: Store, *, days: list[str]) -> InboxMetrics:
    """The measures over conversations started on `days` (YYYY-MM-DD, oldest first)."""
    m = InboxMetrics(days=days)
    convs, messages, events, csat = _load(store, days[0])
    facts = {c["id"]: _conversation(c, messages[c["id"]], events[c["id"]]) for c in convs}
    day_of = {c["id"]: str(c["started_at"])[:10] for c in convs}
    channel_of = {c["id"]: c["channel"] or "unknown" for c in convs}
    m.conversations = len(convs)
    _rates(m, convs, facts, day_of, channel_of)
    _times(m, facts, day_of)
    _csat(m, csat, day_of, channel_of)
    _replies(m, messages, day_of, channel_of)
    return m


def _rates(
    m: InboxMetrics,
    convs: list[dict[str, Any]],
    facts: dict[str, dict[str, Any]],
    day_of: dict[str, str],
    channel_of: dict[str, str],
) -> None:
    m.handoffs = sum(1 for f in facts.values() if f["handed"])
    m.resolved = sum(1 for f in facts.values() if f["resolved"])
    m.bot_alone = sum(1 for f in facts.values() if f["bot_alone"])
    if convs:
        m.handoff_rate, m.bot_alone_share = m.handoffs / len(convs), m.bot_alone / len(convs)
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for cid, f in facts.items():
        cell = totals[(channel_of[cid], day_of[cid])]
        cell[0] += 1
        cell[1] += int(f["handed"])
        cell[2] += int(f["bot_alone"])
    for (channel, day), (n, handed, alone) in totals.items():
        m.handoff_per_day.setdefault(channel, {})[day] = handed / n
        m.bot_alone_per_day.setdefault(channel, {})[day] = alone / n


def _times(m: InboxMetrics, facts: dict[str, dict[str, Any]], day_of: dict[str, str]) -> None:
    for who in ("bot", "human"):
        values = [f[f"frt_{who}"] for f in facts.values() if f[f"frt_{who}"] is not None]
        m.frt[who] = (percentile(values, 50), percentile(values, 95))
        per_day: dict[str, list[float]] = defaultdict(list)
        for cid, f in facts.items():
            if f[f"frt_{who}"] is not None:
                per_day[day_of[cid]].append(f[f"frt_{who}"])
        m.frt_per_day[who] = [percentile(per_day.get(d, []), 50) for d in m.days]
        spans = [
            f["resolution"] for f in facts.values() if f["resolution"] is not None and f["handed"] == (who == "human")
        ]
        m.resolution[who] = (percentile(spans, 50), percentile(spans, 95))


def _csat(m: InboxMetrics, rows: list[dict[str, Any]], day_of: dict[str, str], channel_of: dict[str, str]) -> None:
    m.csat_asked = len(rows)
    scores = [int(r["score"]) for r in rows if r["score"] is not None]
    m.csat_n = len(scores)
    if scores:
        m.csat_avg = sum(scores) / len(scores)
        m.csat_share = sum(1 for s in scores if s >= 4) / len(scores)
    cells: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in rows:
        if r["score"] is not None and r["conversation_id"] in day_of:
            cells[(channel_of[r["conversation_id"]], day_of[r["conversation_id"]])].append(int(r["score"]))
    for (channel, day), values in cells.items():
        m.csat_per_day.setdefault(channel, {})[day] = sum(values) / len(values)


def _replies(
    m: InboxMetrics, messages: dict[str, list[dict[str, Any]]], day_of: dict[str, str], channel_of: dict[str, str]
) -> None:
    authors: Counter[str] = Counter()
    for cid, msgs in messages.items():
        for msg in msgs:
            if msg["direction"] != "out":
                continue
            day = str(msg["created_at"])[:10]
            author = msg["author"] if msg["author"] in AUTHORS else "unrecorded"
            authors[author] += 1
            m.authors_per_day.setdefault(author, {}).setdefault(day, 0)
            m.authors_per_day[author][day] += 1
            if msg["feedback"] == -1 or flag_set(msg["flags"]) & set(GAP_FLAGS):
                m.gaps_per_day.setdefault(channel_of[cid], {}).setdefault(day, 0)
                m.gaps_per_day[channel_of[cid]][day] += 1
    m.authors = dict(authors)
    total = sum(authors.values())
    m.author_shares = {a: n / total for a, n in authors.items()} if total else {}
