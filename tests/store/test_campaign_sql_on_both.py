"""The campaign store's dialect-specific SQL on both backends: the reply window (strftime / interval arithmetic),
orders with their skus (group_concat), consent, blocked customers (LIKE), recipients' lifecycle."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.store import Store
from bot.store.campaign_store import CampaignStore


@pytest.fixture
def shop(db_url: str) -> Iterator[tuple[Store, CampaignStore]]:
    store = Store(db_url)
    yield store, CampaignStore(store)
    store.close()


def _iso(dt: datetime) -> str:
    return dt.isoformat(timespec="milliseconds")


def test_reply_window_orders_and_recipients(shop: tuple[Store, CampaignStore]) -> None:
    store, campaigns = shop
    for cid in ("c1", "c2", "c3"):
        store.ensure_customer(cid)
        campaigns.set_consent(cid, True, source="test")
    campaigns.set_consent("c3", False, source="test")
    assert campaigns.consented_customers() == {"c1", "c2"}
    camp = campaigns.create_campaign(
        {"name": "Spring", "goal": "sell", "channel": "web"}, [{"name": "A", "weight": 1.0}]
    )
    assert (
        campaigns.queue_recipients(camp, [{"customer_id": c, "variant": "A", "channel": "web"} for c in ("c1", "c2")])
        == 2
    )
    assert campaigns.queue_recipients(camp, [{"customer_id": "c1", "variant": "A", "channel": "web"}]) == 0  # once
    r1, r2 = (r["id"] for r in campaigns.recipients(camp))
    for rid in (r1, r2):
        assert campaigns.claim(rid) and not campaigns.claim(rid)
        campaigns.finish(rid, "sent")
    sent_at = datetime.now(UTC) - timedelta(days=10)
    store.db.execute("UPDATE campaign_recipients SET sent_at = ?", [_iso(sent_at)])
    # c1 replied 2 days after the message (inside the 7-day window), c2 replied 9 days after (outside)
    for cid, days in (("c1", 2), ("c2", 9)):
        conv = store.open_conversation(cid, "web")
        mid = store.add_message(conv["id"], "in", "hello")
        store.db.execute("UPDATE messages SET created_at = ? WHERE id = ?", [_iso(sent_at + timedelta(days=days)), mid])
    assert campaigns.refresh_replies(camp, days=7) == 2  # the UPDATE touches both sent rows ...
    replied = {r["customer_id"]: r["replied_at"] for r in campaigns.recipients(camp)}
    assert replied["c1"] is not None and replied["c2"] is None  # ... but only c1's reply is inside the window

    campaigns.upsert_order(
        {
            "order_id": "o1",
            "customer_id": "c1",
            "date": _iso(datetime.now(UTC)),
            "status": "paid",
            "total": 30.0,
            "items": [{"sku": "A-1", "qty": 1, "price": 10.0}, {"sku": "B-2", "qty": 2, "price": 10.0}],
        }
    )
    orders = campaigns.orders_since(_iso(datetime.now(UTC) - timedelta(days=1)))
    assert [(o["order_id"], sorted(o["skus"])) for o in orders] == [("o1", ["A-1", "B-2"])]
    store.flag_conversation(store.open_conversation("c2", "web")["id"], "handoff")
    assert campaigns.blocked_customers() == {"c2": "recent complaint or hand-off"}


def test_campaign_sender_lease_on_both(shop: tuple[Store, CampaignStore]) -> None:
    """The scheduler's lease (INSERT OR IGNORE + a conditional UPDATE) works the same on SQLite and PostgreSQL."""
    _, campaigns = shop
    assert campaigns.acquire_lease("campaign-sender", "host:1:serve", ttl_s=60)
    assert campaigns.acquire_lease("campaign-sender", "host:1:serve", ttl_s=60)  # renewing keeps it
    assert not campaigns.acquire_lease("campaign-sender", "host:2:telegram", ttl_s=60)  # held by a live process
    assert campaigns.lease("campaign-sender")["holder"] == "host:1:serve"  # type: ignore[index]
    assert campaigns.acquire_lease("campaign-sender", "host:2:telegram", ttl_s=60, dead=["host:1:serve"])
    assert campaigns.lease("campaign-sender")["holder"] == "host:2:telegram"  # type: ignore[index]
    campaigns.release_lease("campaign-sender", "host:2:telegram")
    assert campaigns.lease("campaign-sender") is None
