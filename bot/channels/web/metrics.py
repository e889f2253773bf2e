"""Dashboard metrics computed from the store: volume, resolution, hand-offs, feedback, fallbacks, latency, intents, gaps, CTR."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.store import Store, metrics_rows
from bot.store.inbox_metrics import flag_set

GAP_FLAGS = ("low_confidence", "out_of_scope")  # what makes a reply a gap (or 👎)
REASON_FLAGS = (*GAP_FLAGS, "fallback_used")  # shown beside a gap as what else happened


@dataclass
class Metrics:
    """Everything the metrics page shows, for one window of days."""

    days: list[str]
    per_day: dict[str, dict[str, int]]  # channel -> day -> conversations
    conversations: int = 0
    resolved_share: float | None = None
    handoff_rate: float | None = None
    feedback_up: int = 0
    feedback_down: int = 0
    fallback_rate: float | None = None
    replies: int = 0
    latency_p50: float | None = None
    latency_p95: float | None = None
    latency_per_day: dict[str, tuple[float, float]] = field(default_factory=dict)
    top_intents: list[tuple[str, int]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    rec_impressions: int = 0
    rec_clicks: int = 0

    @property
    def feedback_ratio(self) -> float | None:
        """Share of 👍 among all feedback."""
        total = self.feedback_up + self.feedback_down
        return self.feedback_up / total if total else None

    @property
    def ctr(self) -> float | None:
        """Recommendation click-through rate."""
        return self.rec_clicks / self.rec_impressions if self.rec_impressions else None


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def compute(store: Store, *, days: int = 14, today: datetime | None = None) -> Metrics:
    """Metrics over the last `days` days (UTC)."""
    end = (today or datetime.now(UTC)).date()
    day_list = [(end - timedelta(days=i)).isoformat() for i in range(days - 1, -1, -1)]
    since = day_list[0]
    convs, takeovers, outs, intents, recs, gap_rows = metrics_rows(store, since)
    m = Metrics(days=day_list, per_day=defaultdict(lambda: dict.fromkeys(day_list, 0)))
    for c in convs:
        if c["day"] in day_list:
            m.per_day[c["channel"] or "unknown"][c["day"]] += 1
    m.per_day = dict(m.per_day)
    m.conversations = len(convs)
    if convs:
        handed = [c for c in convs if "handoff" in flag_set(c["flags"]) or c["id"] in takeovers]
        m.handoff_rate = len(handed) / len(convs)
        m.resolved_share = 1 - m.handoff_rate
    m.replies = len(outs)
    m.feedback_up = sum(1 for o in outs if o["feedback"] == 1)
    m.feedback_down = sum(1 for o in outs if o["feedback"] == -1)
    if outs:
        m.fallback_rate = sum(1 for o in outs if "fallback_used" in flag_set(o["flags"])) / len(outs)
    latencies = [float(o["total_s"]) for o in outs if o["total_s"] is not None]
    m.latency_p50, m.latency_p95 = percentile(latencies, 50), percentile(latencies, 95)
    by_day: dict[str, list[float]] = defaultdict(list)
    for o in outs:
        if o["total_s"] is not None:
            by_day[o["day"]].append(float(o["total_s"]))
    m.latency_per_day = {d: (percentile(v, 50) or 0.0, percentile(v, 95) or 0.0) for d, v in sorted(by_day.items())}
    m.top_intents = [(r["intent"], r["n"]) for r in intents]
    m.rec_impressions, m.rec_clicks = recs.get("rec_impression", 0), recs.get("rec_click", 0)
    m.gaps = knowledge_gaps(gap_rows)
    return m


def knowledge_gaps(rows: list[dict[str, Any]], *, limit: int = 20) -> list[dict[str, Any]]:
    """Questions with no good answer, grouped by their normalised text, most frequent first."""
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        question = (row.get("question") or "").strip()
        if not question:
            continue
        key = " ".join(question.lower().split())
        reasons = {f for f in flag_set(row["flags"]) if f in REASON_FLAGS}
        if row.get("feedback") == -1:
            reasons.add("negative_feedback")
        g = groups.setdefault(
            key,
            {
                "question": question,
                "count": 0,
                "reasons": Counter(),
                "conversation_id": row["conversation_id"],
                "last": row["created_at"],
            },
        )
        g["count"] += 1
        g["reasons"].update(reasons)
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["question"]))[:limit]
    for g in ranked:
        g["reasons"] = ", ".join(f"{k} ×{v}" if v > 1 else k for k, v in g["reasons"].most_common())
    return ranked
