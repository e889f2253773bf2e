"""Last-touch attribution on real SQLite: offered product, click window, latest touch wins, outside the window nothing."""

from __future__ import annotations

from datetime import timedelta

from bot.campaigns.attribution import attribute_order
from bot.campaigns.orders import normalise_date
from tests.campaigns.conftest import NOW, add_customers


def _campaign(svc, name: str) -> int:
    return svc.campaign_store.create_campaign(
        {"name": name, "channel": "telegram", "target": {}, "offer": {"mode": "products", "skus": ["NT-JNS-0001"]}},
        [{"name": "A", "weight": 1, "tone": "friendly"}],
    )


def _sent(
    svc, cid: int, customer: str, *, sku: str, sent_days_ago: float, clicked_days_ago: float | None = None
) -> int:
    cs = svc.campaign_store
    cs.queue_recipients(
        cid,
        [
            {
                "customer_id": customer,
                "variant": "A",
                "segment": "all",
                "channel": "telegram",
                "sku": sku,
                "offered": [sku],
                "text": "x",
            }
        ],
    )
    rid = cs.recipients(cid)[-1]["id"]
    cs.claim(rid)
    cs.finish(rid, "sent")
    with cs.store.tx() as db:
        db.execute(
            "UPDATE campaign_recipients SET sent_at = ? WHERE id = ?",
            [(NOW - timedelta(days=sent_days_ago)).isoformat(timespec="milliseconds"), rid],
        )
    if clicked_days_ago is not None:
        cs.mark(rid, "clicked_at", when=(NOW - timedelta(days=clicked_days_ago)).isoformat(timespec="milliseconds"))
    return rid


def _order(customer: str, *skus: str, total: float = 50.0, oid: str = "O1") -> dict:
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": normalise_date(NOW.isoformat()),
        "items": [{"sku": s} for s in skus],
        "total": total,
    }


def test_offered_product_bought_within_the_window_counts(services):
    add_customers(services, 1)
    rid = _sent(services, _campaign(services, "a"), "c000", sku="NT-JNS-0001", sent_days_ago=3)
    assert attribute_order(services.campaign_store, _order("c000", "NT-JNS-0001"), days=7)
    r = services.campaign_store.recipient(rid)
    assert r["order_id"] == "O1" and r["revenue"] == 50.0 and r["purchased_at"]


def test_other_product_counts_only_after_a_click(services):
    add_customers(services, 2)
    cid = _campaign(services, "a")
    no_click = _sent(services, cid, "c000", sku="NT-JNS-0001", sent_days_ago=2)
    clicked = _sent(services, cid, "c001", sku="NT-JNS-0001", sent_days_ago=2, clicked_days_ago=1)
    cs = services.campaign_store
    assert not attribute_order(cs, _order("c000", "NT-BTS-0004"), days=7)
    assert attribute_order(cs, _order("c001", "NT-BTS-0004", oid="O2"), days=7)
    assert cs.recipient(no_click)["purchased_at"] is None and cs.recipient(clicked)["order_id"] == "O2"


def test_outside_the_window_nothing_counts(services):
    add_customers(services, 1)
    rid = _sent(services, _campaign(services, "a"), "c000", sku="NT-JNS-0001", sent_days_ago=9, clicked_days_ago=8)
    assert not attribute_order(services.campaign_store, _order("c000", "NT-JNS-0001"), days=7)
    assert services.campaign_store.recipient(rid)["purchased_at"] is None


def test_the_latest_touch_wins_and_revenue_adds_up(services):
    add_customers(services, 1)
    old = _sent(services, _campaign(services, "old"), "c000", sku="NT-JNS-0001", sent_days_ago=6)
    new = _sent(services, _campaign(services, "new"), "c000", sku="NT-BTS-0004", sent_days_ago=5, clicked_days_ago=0.5)
    cs = services.campaign_store
    assert attribute_order(
        cs, _order("c000", "NT-JNS-0001", total=40), days=7
    )  # offered by old, but the click on new is later
    assert attribute_order(cs, _order("c000", "NT-JNS-0002", total=10, oid="O2"), days=7)
    assert cs.recipient(old)["purchased_at"] is None
    r = cs.recipient(new)
    assert r["order_id"] == "O1" and r["revenue"] == 50.0


def test_recommendation_conversion_uses_the_same_rule(services):
    from bot.campaigns.orders import ingest, validate_order
    from bot.campaigns.report import recommendation_report

    add_customers(services, 3)
    store = services.store
    for cid in ("c000", "c001", "c002"):
        store.event("rec_impression", customer_id=cid, sku="NT-BTS-0004", turn=1)
    store.event("rec_click", customer_id="c001", sku="NT-BTS-0004")
    now = normalise_date(__import__("datetime").datetime.now(__import__("datetime").UTC).isoformat())
    ingest(
        services,
        [
            validate_order(
                {"order_id": "R1", "customer_id": "c000", "date": now, "items": [{"sku": "NT-BTS-0004"}]}
            ),  # bought it
            validate_order(
                {"order_id": "R2", "customer_id": "c001", "date": now, "items": [{"sku": "NT-JNS-0001"}]}
            ),  # clicked, bought other
            validate_order({"order_id": "R3", "customer_id": "c002", "date": now, "items": [{"sku": "NT-JNS-0001"}]}),
        ],  # neither
        source="test",
    )
    r = recommendation_report(store, days=7)
    assert (r["impressions"], r["clicks"], r["conversions"]) == (3, 1, 2)
    assert abs(r["click_rate"] - 1 / 3) < 1e-9 and abs(r["conversion_rate"] - 2 / 3) < 1e-9
