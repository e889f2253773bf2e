"""The inbox workflow's own SQL (bot/store/inbox_store.py, inbox_list.auto_resolve, inbox_metrics) on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store import StaffStore
from bot.store import Store
from bot.store.inbox_list import ConversationFilter, auto_resolve, list_conversations
from bot.store.inbox_metrics import compute_inbox
from bot.store.inbox_store import InboxStore


def test_status_assignment_labels_reads_canned_mentions_and_ratings(db_url: str) -> None:
    store = Store(db_url)
    staff = StaffStore(store)
    staff.add("ann", "a long enough password 1")
    staff.add("bo", "a long enough password 2")
    staff.create_session("ann")
    staff.create_session("bo")
    inbox = InboxStore(store)
    inbox.touch("ann")
    inbox.touch("bo")
    store.ensure_customer("c1")
    conv = store.open_conversation("c1", "web")["id"]
    q = store.add_message(conv, "in", "my parcel is damaged")
    store.add_reply(conv, q, "I'll get a colleague.", flags=["handoff"], author="canned")

    assert inbox.online(minutes=10) == ["ann", "bo"]
    assert inbox.auto_assign(conv, online_minutes=10) == "ann" and inbox.auto_assign(conv, online_minutes=10) is None
    assert inbox.assign(conv, "bo", by="ann") and not inbox.assign(conv, "nobody", by="ann")
    assert inbox.add_label(conv, "Damaged", by="bo") == "damaged" and inbox.labels() == ["damaged"]
    inbox.set_priority(conv, "urgent")
    inbox.save_canned("/returns", "Send it back within the return window.", by="ann")
    assert [c["shortcut"] for c in inbox.canned()] == ["returns"]
    _, names = inbox.add_note(conv, "@ann can you approve?", author="bo")
    assert names == ["ann"] and inbox.unseen_mentions("ann") == 1
    rows = list_conversations(store, ConversationFilter(view="mine", label="damaged", priority="urgent"), staff="bo")
    assert [(r["id"], r["unread"], r["labels"]) for r in rows] == [(conv, 1, ["damaged"])]
    inbox.mark_read(conv, "ann")
    assert inbox.unseen_mentions("ann") == 0

    assert inbox.set_status(conv, "resolved", staff="bo") == "open"
    assert inbox.csat_ask(conv) is not None and inbox.csat_ask(conv) is None
    assert inbox.csat_pending(conv) and inbox.csat_answer(conv, "c1", 5) and not inbox.csat_answer(conv, "c1", 1)
    store.add_message(conv, "in", "thanks!")  # reopens
    assert store.get_conversation(conv)["status"] == "open"
    assert auto_resolve(store, idle_hours=1) == []  # the shopper wrote last, just now

    m = compute_inbox(store, days=[datetime.now(UTC).date().isoformat()])
    assert (m.conversations, m.handoffs, m.resolved, m.csat_n, m.csat_avg) == (1, 1, 0, 1, 5.0)
    assert m.authors == {"canned": 1}
    store.close()
