"""Orders in (API shape and files), consent history, erasure, on real SQLite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.campaigns.orders import OrderError, ingest, read_orders_file, validate_order
from bot.errors import DataFileError
from tests.campaigns.conftest import add_customers, order


def test_orders_upsert_with_items_and_create_unknown_customers(services):
    entries = [validate_order(order("W-1", "new-1", "NT-JNS-0001", "NT-BTS-0004")) | {"customer_name": "Ana Diaz"}]
    result = ingest(services, entries, source="test")
    assert result["created"] == 1 and result["updated"] == 0
    assert services.store.get_customer("new-1")["name"] == "Ana Diaz"
    stored = services.store.get_order("W-1")
    assert [i["sku"] for i in stored["items"]] == ["NT-JNS-0001", "NT-BTS-0004"]
    assert stored["total"] == pytest.approx(119.8)
    again = validate_order(order("W-1", "new-1", "NT-JNS-0001") | {"status": "shipped"})
    result = ingest(services, [again], source="test")
    assert result == {"created": 0, "updated": 1, "attributed": 0, "purchases_learned": result["purchases_learned"]}
    rows = services.campaign_store._rows("SELECT sku FROM order_items WHERE order_id = 'W-1'")
    assert [r["sku"] for r in rows] == ["NT-JNS-0001"]
    assert services.store.get_order("W-1")["status"] == "shipped"
    purchases = [r for r in services.store.interactions("new-1") if r["kind"] == "purchase"]
    assert sorted(r["sku"] for r in purchases) == ["NT-BTS-0004", "NT-JNS-0001"]  # the repeat added no purchase


def test_new_purchase_updates_the_recommender_incrementally(services):
    add_customers(services, 3, consent=False)
    for cid, sku in (("c000", "NT-JNS-0001"), ("c001", "NT-JNS-0002"), ("c002", "NT-BTS-0004")):
        services.store.add_interaction(cid, sku, "view")
    rec = services.personaliser.recommender
    assert rec is not None
    before = rec.model.history("c000")
    result = ingest(services, [validate_order(order("W-9", "c000", "NT-BTS-0004"))], source="test")
    assert result["purchases_learned"] == 1
    assert "NT-BTS-0004" in rec.model.history("c000") and "NT-BTS-0004" not in before


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"customer_id": "c1", "date": "2026-01-01", "items": [{"sku": "A"}]}, "order_id"),
        ({"order_id": "X", "date": "2026-01-01", "items": [{"sku": "A"}]}, "customer_id"),
        ({"order_id": "X", "customer_id": "c1", "date": "yesterday", "items": [{"sku": "A"}]}, "ISO 8601"),
        ({"order_id": "X", "customer_id": "c1", "date": "2026-01-01", "items": []}, "non-empty"),
        ({"order_id": "X", "customer_id": "c1", "date": "2026-01-01", "items": [{"sku": "A", "qty": -1}]}, "qty"),
        (
            {"order_id": "X", "customer_id": "c1", "date": "2026-01-01", "items": [{"sku": "A", "price": "abc"}]},
            "numbers",
        ),
        (
            {
                "order_id": "X",
                "customer_id": "c1",
                "date": "2026-01-01",
                "items": [{"sku": "A"}],
                "marketing_consent": "maybe",
            },
            "true or false",
        ),
    ],
)
def test_bad_orders_get_one_line_errors(bad, message):
    with pytest.raises(OrderError, match=message):
        validate_order(bad)


def test_orders_files_csv_and_jsonl(tmp_path: Path):
    csv_file = tmp_path / "orders.csv"
    csv_file.write_text(
        "order_id,customer_id,date,sku,qty,price,marketing_consent\nA1,c1,2026-11-01,NT-JNS-0001,2,59.9,yes\nA1,c1,2026-11-01,NT-BTS-0004,1,120,yes\n"
        "A2,c2,2026-11-02T10:00:00Z,NT-JNS-0002,1,89,\n",
        encoding="utf-8",
    )
    orders = read_orders_file(csv_file)
    assert [o["order"]["order_id"] for o in orders] == ["A1", "A2"]
    assert orders[0]["order"]["total"] == pytest.approx(239.8) and orders[0]["marketing_consent"] is True
    assert "marketing_consent" not in orders[1]
    jl = tmp_path / "orders.jsonl"
    jl.write_text(json.dumps(order("J1", "c1", "NT-JNS-0001")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"orders.jsonl:2.*invalid JSON"):
        read_orders_file(jl)
    junk = tmp_path / "orders.csv"
    junk.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(DataFileError, match="UTF-8"):
        read_orders_file(junk)
    with pytest.raises(DataFileError, match="use a .csv"):
        read_orders_file(tmp_path / "orders.xlsx")


def test_consent_history_latest_wins_and_erasure_removes_it(services):
    add_customers(services, 1, consent=False)
    cs = services.campaign_store
    assert cs.consent("c000") is False  # no record: no consent
    cs.set_consent("c000", True, source="checkout")
    cs.set_consent("c000", False, source="telegram:/stop")
    assert cs.consent("c000") is False
    assert [(h["granted"], h["source"]) for h in cs.consent_history("c000")] == [(1, "checkout"), (0, "telegram:/stop")]
    cs.set_consent("c000", True, source="web")
    assert cs.consented_customers() == {"c000"}
    services.erase_customer("c000")
    assert cs.consent_history("c000") == [] and cs.consented_customers() == set()


def test_consent_from_an_order_is_recorded_with_its_source(services):
    ingest(services, [validate_order(order("K1", "k1", "NT-JNS-0001") | {"marketing_consent": True})], source="test")
    assert services.campaign_store.consent_history("k1")[0]["source"] == "order:K1"
