"""The staff inbox's schema migrations (m080-m089), registered on the shared `migrations` list."""

from __future__ import annotations

from sqlite_utils import Database

from bot.store.migrations import migrations


@migrations()
def m080_inbox_workflow(db: Database) -> None:
    """The staff inbox: status, snooze, priority, labels, per-agent reads, canned replies, @mentions, CSAT, who is online."""
    conversations = db.table("conversations")
    for name, default in (("status", "open"), ("priority", "normal")):
        if name not in conversations.columns_dict:
            conversations.add_column(name, str, not_null_default=default)
    for name in ("snoozed_until", "status_changed_at", "resolved_at", "assigned_at"):
        if name not in conversations.columns_dict:
            conversations.add_column(name, str)
    conversations.create_index(["status", "updated_at"], if_not_exists=True)
    conversations.create_index(["assigned_to"], if_not_exists=True)
    db.table("conversation_labels").create(
        {"conversation_id": str, "label": str, "added_by": str, "added_at": str},
        pk=("conversation_id", "label"),
        if_not_exists=True,
    )
    db.table("conversation_labels").create_index(["label"], if_not_exists=True)
    db.table("conversation_reads").create(
        {"conversation_id": str, "staff": str, "last_read_id": int, "read_at": str},
        pk=("conversation_id", "staff"),
        if_not_exists=True,
    )
    db.table("canned_replies").create(
        {"shortcut": str, "text": str, "updated_by": str, "updated_at": str}, pk="shortcut", if_not_exists=True
    )
    db.table("mentions").create(
        {
            "id": int,
            "conversation_id": str,
            "message_id": int,
            "staff": str,
            "author": str,
            "created_at": str,
            "seen_at": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("mentions").create_index(["staff", "seen_at"], if_not_exists=True)
    db.table("csat").create(
        {"conversation_id": str, "customer_id": str, "channel": str, "asked_at": str, "score": int, "answered_at": str},
        pk="conversation_id",
        if_not_exists=True,
    )
    db.table("staff_presence").create(
        {"name": str, "last_seen_at": str, "last_assigned_at": str}, pk="name", if_not_exists=True
    )
