"""Schema migrations, applied in order on every open (sqlite-utils Migrations)."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from bot.store import migrations_tables as tables
from bot.store.backfill import backfill_order_items

# Migrations are written once, against sqlite-utils' Database API; on PostgreSQL `db` is the facade in
# bot/store/pg.py, which builds PostgreSQL DDL from the same calls (create, create_index, add_column,
# enable_fts) and translates raw SQL (bot/store/dialect.py). Raw SQL that has no translation takes a
# `dialect_of(db) == POSTGRESQL` branch (bot/store/dialect.py), as m050's backfill does (bot/store/backfill.py).
migrations = Migrations("shopbot")


@migrations()
def m001_initial(db: Database) -> None:
    """Customers, conversations, messages, orders, KB versions and events."""
    tables.create_customers(db)
    tables.create_conversations(db)
    tables.create_messages(db)
    tables.create_orders_versions_events(db)


@migrations()
def m002_personalisation_and_cases(db: Database) -> None:
    """Interactions for the recommender and cases for staff (cancel, refund, return requests)."""
    db.table("interactions").create(
        {"id": int, "customer_id": str, "sku": str, "kind": str, "ts": str, "rating": float},
        pk="id",
        foreign_keys=[("customer_id", "customers", "id")],
    )
    db.table("interactions").create_index(["customer_id"])
    db.table("cases").create(
        {
            "id": int,
            "conversation_id": str,
            "customer_id": str,
            "kind": str,  # cancel | refund | return | exchange | change
            "order_id": str,
            "status": str,  # open | done
            "summary": str,
            "created_at": str,
        },
        pk="id",
    )


@migrations()
def m010_staff(db: Database) -> None:
    """Staff users (argon2 hashes), dashboard sessions and login attempts for rate limiting."""
    db.table("staff_users").create(
        {"name": str, "password_hash": str, "role": str, "created_at": str, "disabled": int},
        pk="name",
        defaults={"disabled": 0},
    )
    db.table("staff_sessions").create({"id": str, "name": str, "created_at": str, "expires_at": str}, pk="id")
    db.table("staff_sessions").create_index(["name"])
    db.table("login_attempts").create({"id": int, "name": str, "ip": str, "ts": str, "ok": int}, pk="id")
    db.table("login_attempts").create_index(["ts"])


@migrations()
def m030_inbox_outbox_erasures(db: Database) -> None:
    """Crash safety and erasure: Telegram updates stored on receipt, an outbox of replies, erasure tombstones."""
    db.table("messages").add_column("reply_to", int)  # an outbound message: the inbound message it answers
    db.table("messages").add_column(
        "delivered_at", str
    )  # an outbound message: when the channel confirmed delivery (outbox)
    db.table("messages").create_index(["reply_to"])
    db.table("telegram_inbox").create(
        {"update_id": int, "chat_id": str, "payload": str, "received_at": str, "done_at": str},
        pk="update_id",
    )
    db.table("telegram_inbox").create_index(["done_at"])
    db.table("erasures").create({"key": str, "requested_at": str, "completed_at": str}, pk="key")


@migrations()
def m040_message_dedupe_per_conversation(db: Database) -> None:
    """A client's message id is unique within its conversation, not across all of them (one client cannot silence another)."""
    for index in db.table("messages").indexes:
        if index.unique and index.columns == ["external_id"]:
            db.execute(f"DROP INDEX [{index.name}]")
    db.table("messages").create_index(["conversation_id", "external_id"], unique=True, if_not_exists=True)


@migrations()
def m041_login_attempt_state(db: Database) -> None:
    """Login attempts: 'state' pending/ok/failed/refused, so a burst is counted before any password is checked."""
    db.table("login_attempts").add_column("state", str)
    db.table("login_attempts").create_index(["name", "ts"], if_not_exists=True)
    db.table("login_attempts").create_index(["ip", "ts"], if_not_exists=True)


@migrations()
def m050_campaigns(db: Database) -> None:
    """Marketing: consent history, campaigns with variants and copy, a log row per recipient, an audit log, order items."""
    tables.create_campaigns(db)
    tables.create_campaign_recipients(db)
    tables.create_audit_and_order_items(db)
    backfill_order_items(db)


@migrations()
def m060_conversation_state(db: Database) -> None:
    """Conversation state (the product or order under discussion, stated constraints) as JSON per conversation."""
    if "state" not in db.table("conversations").columns_dict:
        db.table("conversations").add_column("state", str)


@migrations()
def m070_login_attempt_trusted(db: Database) -> None:
    """Login attempts made from a browser that signed in to that account before (a device cookie) are counted apart."""
    if "trusted" not in db.table("login_attempts").columns_dict:
        db.table("login_attempts").add_column("trusted", int)


# The inbox migrations (m080-m089) live in their own module (this one's size limit); imported here, in name order.
from bot.store import migrations_inbox  # noqa: E402, F401 - registers them on `migrations`


@migrations()
def m090_knowledge_learning(db: Database) -> None:
    """The bot learns from staff: KB edits (audit), FAQ drafts from staff answers, corrections, shopper attachments."""
    _kb_edits_and_drafts(db)
    _corrections_and_attachments(db)


def _kb_edits_and_drafts(db: Database) -> None:
    db.table("kb_edits").create(
        {
            "id": int,
            "ts": str,
            "actor": str,  # staff name
            "action": str,  # edit | create | publish_draft
            "path": str,  # relative to the knowledge folder
            "status": str,  # saved | rejected
            "reason": str,  # why it was rejected, or the warnings of a saved edit
            "version": str,  # the knowledge-base version that serves the edit
            "sha_before": str,
            "sha_after": str,
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("kb_edits").create_index(["path", "id"], if_not_exists=True)
    db.table("faq_drafts").create(
        {
            "id": int,
            "created_at": str,
            "created_by": str,
            "conversation_id": str,  # where the staff answer was given (erasure removes the draft with it)
            "message_id": int,  # the staff message
            "question": str,
            "answer": str,
            "status": str,  # draft | published | discarded
            "path": str,  # the published file, relative to the knowledge folder
            "decided_at": str,
            "decided_by": str,
        },
        pk="id",
        defaults={"status": "draft"},
        if_not_exists=True,
    )
    db.table("faq_drafts").create_index(["status", "id"], if_not_exists=True)


def _corrections_and_attachments(db: Database) -> None:
    db.table("corrections").create(
        {
            "id": int,
            "created_at": str,
            "created_by": str,
            "conversation_id": str,
            "message_id": int,  # the corrected bot reply
            "question": str,
            "grounding": str,  # JSON list of the reply's sources ({doc_id, title, source})
            "bot_answer": str,
            "corrected_answer": str,
            "must_include": str,  # JSON list of phrases the right answer holds
            "must_not_include": str,  # JSON list of phrases of the wrong answer
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("attachments").create(
        {
            "id": int,
            "created_at": str,
            "conversation_id": str,
            "customer_id": str,
            "message_id": int,
            "channel": str,
            "mime": str,  # from the file's magic bytes, never from the client
            "size": int,
            "sha256": str,
            "path": str,  # relative to the attachments folder
        },
        pk="id",
        if_not_exists=True,
    )
    db.table("attachments").create_index(["conversation_id"], if_not_exists=True)
    db.table("attachments").create_index(["message_id"], if_not_exists=True)


# The Telegram outbox's migration (m127), the campaign ones from m100 on and the replies' from m130 on live in their
# own modules (this one's size limit); imported last, in name order.
from bot.store import migrations_campaigns, migrations_outbox, migrations_replies  # noqa: E402, F401 - registers them
