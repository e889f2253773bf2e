"""The staff dashboard's queries (the inbox list and its counts, search, metrics, staff accounts) on both backends.

The list's SQL (bot/store/inbox_list.py) and the SQL still in bot/channels/web/ (metrics.py, staff_store.py) reach
PostgreSQL through the store's dialect layer; the searches go through the store's own full-text search.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.channels.web import dashboard_queries as dq
from bot.channels.web import metrics
from bot.store import StaffStore
from bot.store import Store

REPO = Path(__file__).resolve().parents[2]


def test_dashboard_metrics_and_staff_sql_run_on_both_backends(db_url: str) -> None:
    store = Store(db_url)
    store.seed(REPO / "knowledge" / "_seed")
    conv = store.open_conversation("c001", "web")
    q = store.add_message(conv["id"], "in", "where is my parcel?")
    store.add_reply(conv["id"], q, "It ships tomorrow.", flags=["low_confidence"], timings={"total_s": 1.5})
    store.flag_conversation(conv["id"], "handoff")
    quiet = store.open_conversation("c002", "telegram")
    store.add_message(quiet["id"], "in", "hello")

    rows = dq.list_conversations(store, dq.ConversationFilter())
    assert {r["id"] for r in rows} == {conv["id"], quiet["id"]}
    flagged = dq.list_conversations(store, dq.ConversationFilter(flag="handoff"))
    assert [r["id"] for r in flagged] == [conv["id"]]
    needs = dq.list_conversations(store, dq.ConversationFilter(flag=dq.NEEDS_HUMAN), unanswered_minutes=0)
    by_id = {r["id"]: r["attention"] for r in needs}
    assert dq.ATTENTION["low_confidence"] in by_id[conv["id"]]
    assert by_id[quiet["id"]] and by_id[quiet["id"]][0].startswith(dq.ATTENTION["unanswered"])
    assert [r["id"] for r in dq.customer_conversations(store, "c001")] == [conv["id"]]
    assert [r["id"] for r in dq.list_conversations(store, dq.ConversationFilter(q="parcels"))] == [conv["id"]]
    assert [h["conversation_id"] for h in dq.search_hits(store, "parcel")] == [conv["id"]]
    assert dq.search_hits(store, '"NEAR( OR') == []
    tabs = dq.counts(store, staff="ann", unanswered_minutes=0)
    assert (tabs["open"], tabs["all"], tabs["unassigned"], tabs[dq.NEEDS_HUMAN]) == (2, 2, 2, 2)

    m = metrics.compute(store, today=datetime.now(UTC))
    assert (m.conversations, m.replies, m.latency_p50) == (2, 1, 1.5)

    staff = StaffStore(store)
    staff.add("ann", "a long enough password 1")
    assert staff.verify("ann", "a long enough password 1") is not None
    token = staff.create_session("ann")
    user = staff.session_user(token)
    assert user is not None and user.name == "ann"
    store.close()
