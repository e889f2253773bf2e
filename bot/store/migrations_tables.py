"""The tables that m001_initial and m050_campaigns create, one function per group, called by them in this order.

Part of the append-only migrations: never change what these create; add a new migration instead.
"""

from __future__ import annotations

from sqlite_utils import Database


def create_customers(db: Database) -> None:
    db.table("customers").create(
        {
            "id": str,
            "name": str,
            "email": str,
            "phone": str,
            "membership": str,
            "city": str,
            "country": str,
            "language": str,
            "first_seen": str,
            "personalization": int,
            "telegram_id": str,
            "web_cookie": str,
            "profile": str,  # JSON: stated preferences, segment tags
            "created_at": str,
        },
        pk="id",
        defaults={"personalization": 1, "profile": "{}"},
    )
    db.table("customers").create_index(["telegram_id"], unique=True)
    db.table("customers").create_index(["web_cookie"], unique=True)


def create_conversations(db: Database) -> None:
    db.table("conversations").create(
        {
            "id": str,
            "customer_id": str,
            "channel": str,
            "chat_id": str,  # the channel's own chat id (Telegram chat, web session)
            "started_at": str,
            "updated_at": str,
            "mode": str,  # bot | staff
            "assigned_to": str,
            "flags": str,  # JSON list: handoff, low_confidence, negative_feedback, fallback_used
            "flagged": int,
        },
        pk="id",
        foreign_keys=[("customer_id", "customers", "id")],
        defaults={"mode": "bot", "flags": "[]", "flagged": 0},
    )
    db.table("conversations").create_index(["customer_id"])
    db.table("conversations").create_index(["updated_at"])


def create_messages(db: Database) -> None:
    db.table("messages").create(
        {
            "id": int,
            "conversation_id": str,
            "direction": str,  # in | out | staff | note
            "text": str,
            "intent": str,
            "confidence": float,
            "sources": str,  # JSON
            "flags": str,  # JSON
            "timings": str,  # JSON
            "external_id": str,  # channel message/update id, for de-duplication
            "answered": int,
            "feedback": int,  # +1 / -1 / null
            "author": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("conversation_id", "conversations", "id")],
        defaults={"sources": "[]", "flags": "[]", "timings": "{}", "answered": 0},
    )
    db.table("messages").create_index(["conversation_id", "id"])
    db.table("messages").create_index(["external_id"], unique=True)
    db.table("messages").enable_fts(["text"], create_triggers=True, tokenize="porter")


def create_orders_versions_events(db: Database) -> None:
    db.table("orders").create(
        {
            "order_id": str,
            "customer_id": str,
            "date": str,
            "status": str,
            "items": str,  # JSON
            "total": float,
            "currency": str,
            "shipping_method": str,
            "tracking_number": str,
            "carrier": str,
            "estimated_delivery": str,
        },
        pk="order_id",
        foreign_keys=[("customer_id", "customers", "id")],
    )
    db.table("orders").create_index(["customer_id"])
    db.table("kb_versions").create(
        {
            "version": str,
            "created_at": str,
            "documents": int,
            "chunks": int,
            "embedded": int,
            "build_seconds": float,
            "status": str,  # active | previous | failed
            "error": str,
        },
        pk="version",
    )
    db.table("events").create(
        {"id": int, "ts": str, "kind": str, "conversation_id": str, "customer_id": str, "data": str},
        pk="id",
    )
    db.table("events").create_index(["kind", "ts"])


def create_campaigns(db: Database) -> None:
    if "timezone" not in db.table("customers").columns_dict:
        db.table("customers").add_column("timezone", str)  # IANA name, e.g. Europe/Paris; quiet hours use it when known
    db.table("marketing_consent").create(
        {"id": int, "customer_id": str, "granted": int, "source": str, "ts": str, "note": str},
        pk="id",
    )
    db.table("marketing_consent").create_index(["customer_id", "id"])
    db.table("campaigns").create(
        {
            "id": int,
            "name": str,
            "goal": str,
            "status": str,  # draft | approved | sending | done | cancelled
            "channel": str,  # telegram | web
            "target": str,  # JSON: segments, categories, last order window
            "offer": str,  # JSON: mode (products | recommend), skus, discount, free_shipping, ends
            "tone": str,
            "schedule_at": str,
            "created_by": str,
            "created_at": str,
            "updated_at": str,
            "approved_by": str,
            "approved_at": str,
            "started_at": str,
            "finished_at": str,
        },
        pk="id",
        defaults={"status": "draft", "target": "{}", "offer": "{}"},
    )
    db.table("campaign_variants").create(
        {"id": int, "campaign_id": int, "name": str, "weight": float, "tone": str},
        pk="id",
        foreign_keys=[("campaign_id", "campaigns", "id")],
    )
    db.table("campaign_variants").create_index(["campaign_id", "name"], unique=True)
    db.table("campaign_copies").create(
        {
            "id": int,
            "campaign_id": int,
            "variant": str,
            "segment": str,
            "text": str,  # with {first_name} and {product} placeholders
            "source": str,  # model | template | staff
            "verdict": str,  # JSON: ok, reasons
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("campaign_id", "campaigns", "id")],
    )
    db.table("campaign_copies").create_index(["campaign_id", "variant", "segment"], unique=True)


def create_campaign_recipients(db: Database) -> None:
    db.table("campaign_recipients").create(
        {
            "id": int,
            "campaign_id": int,
            "customer_id": str,
            "variant": str,
            "segment": str,
            "channel": str,
            "chat_id": str,
            "sku": str,  # the offered product shown to this customer
            "offered": str,  # JSON list of every offered sku (attribution)
            "status": str,  # queued | sending | sent | failed | skipped
            "reason": str,  # why failed or skipped
            "text": str,
            "not_before": str,  # quiet hours: not sent before this UTC time
            "queued_at": str,
            "claimed_at": str,
            "sent_at": str,
            "opened_at": str,
            "clicked_at": str,
            "replied_at": str,
            "purchased_at": str,
            "order_id": str,
            "revenue": float,
            "opted_out_at": str,
        },
        pk="id",
        foreign_keys=[("campaign_id", "campaigns", "id")],
        defaults={"status": "queued"},
    )
    db.table("campaign_recipients").create_index(["campaign_id", "customer_id"], unique=True)
    db.table("campaign_recipients").create_index(["campaign_id", "status"])
    db.table("campaign_recipients").create_index(["customer_id", "sent_at"])


def create_audit_and_order_items(db: Database) -> None:
    db.table("audit_log").create(
        {"id": int, "ts": str, "actor": str, "action": str, "target": str, "data": str},
        pk="id",
    )
    db.table("audit_log").create_index(["target", "id"])
    db.table("order_items").create(
        {"order_id": str, "line": int, "sku": str, "name": str, "qty": int, "price": float},
        pk=("order_id", "line"),
    )
    db.table("order_items").create_index(["sku"])
