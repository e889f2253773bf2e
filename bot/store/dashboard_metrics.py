"""The rows behind the dashboard's volume metrics (bot/channels/web/metrics.py computes the figures from them)."""

from __future__ import annotations

from typing import Any

from bot.store.store import Store


def metrics_rows(
    store: Store, since: str
) -> tuple[list[Any], set[str], list[Any], list[Any], dict[str, int], list[Any]]:
    """What the dashboard's volume metrics are computed from, since a day (YYYY-MM-DD): conversations, take-overs,
    replies, top intents, recommendation events and the replies that may be knowledge gaps."""
    with store.tx() as db:
        convs = list(
            db.query(
                "SELECT id, channel, substr(started_at, 1, 10) AS day, flags FROM conversations WHERE started_at >= ?",
                [since],
            )
        )
        takeovers = {
            r["conversation_id"]
            for r in db.query(
                "SELECT DISTINCT conversation_id FROM events WHERE kind = 'takeover' AND ts >= ?", [since]
            )
        }
        outs = list(
            db.query(
                "SELECT id, conversation_id, substr(created_at, 1, 10) AS day, flags, feedback, json_extract(timings, '$.total_s') AS total_s "
                "FROM messages WHERE direction = 'out' AND created_at >= ?",
                [since],
            )
        )
        intents = list(
            db.query(
                "SELECT intent, count(*) AS n FROM messages WHERE direction = 'in' AND intent IS NOT NULL AND intent != '' AND created_at >= ? "
                "GROUP BY intent ORDER BY n DESC LIMIT 10",
                [since],
            )
        )
        recs = {
            r["kind"]: r["n"]
            for r in db.query(
                "SELECT kind, count(*) AS n FROM events WHERE kind IN ('rec_impression', 'rec_click') AND ts >= ? GROUP BY kind",
                [since],
            )
        }
        gap_rows = list(
            db.query(
                "SELECT o.id, o.conversation_id, o.flags, o.feedback, o.created_at, (SELECT i.text FROM messages i WHERE i.conversation_id = o.conversation_id "
                "AND i.direction = 'in' AND i.id < o.id ORDER BY i.id DESC LIMIT 1) AS question FROM messages o WHERE o.direction = 'out' "
                "AND o.created_at >= ? AND (o.feedback = -1 OR o.flags LIKE '%low_confidence%' "
                "OR o.flags LIKE '%out_of_scope%') ORDER BY o.id DESC LIMIT 500",
                [since],
            )
        )
    return convs, takeovers, outs, intents, recs, gap_rows
