"""The store on both backends (SQLite file, real PostgreSQL server): schema, de-duplication, erasure, full-text
search, demo seed. Every test that takes `store` or `db_url` runs once per backend."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import StoreError
from bot.store import Store
from bot.store.migrations import migrations

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()


def test_schema_wal_and_foreign_keys(store: Store) -> None:
    tables = set(store.db.table_names())
    assert {
        "customers",
        "conversations",
        "messages",
        "orders",
        "kb_versions",
        "events",
        "interactions",
        "cases",
    } <= tables
    if store.dialect == "sqlite":
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    else:
        assert store.db.execute("SHOW server_version_num").fetchone()[0] >= "150000"
    with pytest.raises(sqlite3.IntegrityError, match="(?i)foreign key"), store.tx() as db:
        db["conversations"].insert({"id": "x", "customer_id": "nobody", "channel": "web"})


def test_migrations_are_applied_once(db_url: str) -> None:
    Store(db_url).close()
    again = Store(db_url)
    names = [r["name"] for r in again.db["_sqlite_migrations"].rows]
    assert names == sorted(set(names)) == [m.name for m in migrations._migrations]  # every migration, once each
    again.close()


def test_duplicate_external_ids_are_dropped(store: Store) -> None:
    store.ensure_customer("c1")
    conv = store.open_conversation("c1", "telegram")
    first = store.add_message(conv["id"], "in", "hello", external_id="tg:42")
    assert first is not None
    assert store.add_message(conv["id"], "in", "hello", external_id="tg:42") is None
    assert [m["text"] for m in store.messages(conv["id"])] == ["hello"]


def test_messages_keep_sources_flags_and_timings(store: Store) -> None:
    store.ensure_customer("c1")
    conv = store.open_conversation("c1", "web")
    msg_id = store.add_message(
        conv["id"],
        "out",
        "Returns are free.",
        intent="returns_refunds",
        confidence=0.9,
        sources=[{"title": "Returns"}],
        flags={"fallback_used"},
        timings={"total": 1.2},
    )
    assert msg_id is not None
    row = store.get_message(msg_id)
    assert row is not None
    assert (row["sources"], row["flags"], row["timings"]) == ([{"title": "Returns"}], ["fallback_used"], {"total": 1.2})


def test_unanswered_and_full_text_search(store: Store) -> None:
    store.ensure_customer("c1")
    conv = store.open_conversation("c1", "web")
    a = store.add_message(conv["id"], "in", "my parcel never arrived")
    b = store.add_message(conv["id"], "in", "thanks a lot")
    assert a is not None and b is not None
    store.mark_answered(b)
    assert [m["id"] for m in store.unanswered()] == [a]
    assert [m["id"] for m in store.search_messages("parcel")] == [a]
    assert [m["id"] for m in store.search_messages("parcels")] == [a]  # stemmed on both (porter / english)
    for hostile in ('"unclosed', '"', "OR -( AND", "parcel*", "NEAR(", "col:x", "^", "refund)", ""):
        assert isinstance(store.search_messages(hostile), list)  # search syntax is never an error
    sql, args = store.message_match_sql("parcel arrived")
    assert [r["conversation_id"] for r in store.db.query(sql, args)] == [conv["id"]]


def test_erase_customer_removes_everything(store: Store) -> None:
    store.ensure_customer("c1", name="Ann")
    store.ensure_customer("c2", name="Bob")
    conv = store.open_conversation("c1", "web")
    store.add_message(conv["id"], "in", "secret question")
    store.add_interaction("c1", "SKU-1", "purchase")
    store.create_case(conversation_id=conv["id"], customer_id="c1", kind="refund", summary="refund please")
    store.event("feedback", conversation_id=conv["id"], customer_id="c1", value=1)
    other = store.open_conversation("c2", "web")
    store.add_message(other["id"], "in", "keep me")
    store.erase_customer("c1")
    assert store.get_customer("c1") is None
    for table in ("conversations", "interactions", "events", "cases"):
        assert store.db.execute(f"SELECT count(*) FROM {table} WHERE customer_id = 'c1'").fetchone()[0] == 0
    assert store.search_messages("secret") == []
    assert [m["text"] for m in store.messages(other["id"])] == ["keep me"]


def test_flags_and_modes(store: Store) -> None:
    store.ensure_customer("c1")
    conv = store.open_conversation("c1", "web")
    store.flag_conversation(conv["id"], "handoff")
    store.flag_conversation(conv["id"], "low_confidence", "handoff")
    store.set_mode(conv["id"], "staff", staff="alice")
    row = store.get_conversation(conv["id"])
    assert row is not None
    assert (row["flags"], row["flagged"], row["mode"], row["assigned_to"]) == (
        ["handoff", "low_confidence"],
        1,
        "staff",
        "alice",
    )
    assert [c["id"] for c in store.list_conversations(flagged=True)] == [conv["id"]]


def test_seed_loads_the_demo_store_once(store: Store) -> None:
    counts = store.seed(REPO / "knowledge" / "_seed")
    assert counts["customers"] >= 50 and counts["orders"] >= 150 and counts["interactions"] >= 1000
    order = store.orders_for("c001")[0]
    assert order["customer_id"] == "c001" and isinstance(order["items"], list)
    assert store.seed(REPO / "knowledge" / "_seed") == {"customers": 0, "orders": 0, "interactions": 0}


def test_seed_backfills_order_items(store: Store) -> None:
    """m050's JSON backfill (json_each on SQLite, jsonb_array_elements on PostgreSQL) fills order lines."""
    from bot.store.campaign_store import CampaignStore

    store.seed(REPO / "knowledge" / "_seed")
    added = CampaignStore(store).sync_order_items()
    n_items = sum(len(o["items"]) for o in store.all_orders())
    assert added == n_items > 150
    assert CampaignStore(store).sync_order_items() == 0
    rows = list(store.db.query("SELECT sku, qty, price FROM order_items ORDER BY order_id, line LIMIT 1"))
    first = store.all_orders()
    assert rows[0]["sku"] and rows[0]["qty"] >= 1 and isinstance(rows[0]["price"], float)
    assert first


def test_unreadable_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(bad)
