"""`shopbot db migrate` and `shopbot db copy` against a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.store import Store
from bot.store.campaign_store import CampaignStore
from bot.store.copy import tables_to_copy

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def _source(path: Path) -> Store:
    """A shop with every kind of row: seed data, conversations, replies, FTS text, consent, a campaign, an erasure."""
    store = Store(path)
    store.seed(REPO / "knowledge" / "_seed")
    campaigns = CampaignStore(store)
    campaigns.sync_order_items()
    conv = store.open_conversation("c001", "web")
    first = store.add_message(conv["id"], "in", "where is my parcel?", external_id="w1")
    store.add_reply(conv["id"], first, "It ships tomorrow.", sources=[{"title": "Shipping"}])
    store.inbox_put([(7001, "42", '{"update_id": 7001}')])
    store.create_case(conversation_id=conv["id"], customer_id="c001", kind="refund", summary="refund please")
    campaigns.set_consent("c002", True, source="test")
    campaigns.create_campaign({"name": "Spring", "goal": "sell", "channel": "web"}, [{"name": "A", "weight": 1.0}])
    store.erase_customer("c003")
    return store


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    for table in tables_to_copy(store, store):
        pks = [p for p in store.db.table(table).pks if p != "rowid"]
        cols = sorted(store.db.table(table).columns_dict)
        rows = store.db.query(f'SELECT * FROM "{table}" ORDER BY {", ".join(pks)}')
        out[table] = [tuple(r[c] for c in cols) for r in rows]
    return out


def test_db_migrate_applies_then_reports_up_to_date(db_url: str) -> None:
    first = run("db", "migrate", "--database", db_url)
    assert first.exit_code == 0, first.output
    assert "applied" in first.output and "m001_initial" in first.output and "m070_login_attempt_trusted" in first.output
    again = run("db", "migrate", "--database", db_url)
    assert again.exit_code == 0 and "already up to date" in again.output


def test_db_copy_sqlite_to_postgres_and_back_is_complete_and_idempotent(tmp_path: Path, pg_url: str) -> None:
    src_path = tmp_path / "shop.db"
    source = _source(src_path)
    before = _dump(source)
    source.close()
    assert (
        sum(len(rows) for rows in before.values()) > 2000
        and 1900 < len(before["interactions"]) < 2000
        and before["order_items"]
        and before["erasures"]
    )

    result = run("db", "copy", "--from", f"sqlite:///{src_path}", "--to", pg_url, "--batch", "500")
    assert result.exit_code == 0, result.output
    n_inter = len(before["interactions"])
    assert f"interactions: {n_inter}/{n_inter} rows" in result.output  # progress per table
    target = Store(pg_url)
    assert _dump(target) == before  # every row of every table, value for value
    assert [m["text"] for m in target.search_messages("parcels")] == ["where is my parcel?"]  # tsvector index
    conv_id = target.open_conversation("c001", "web")["id"]
    new_id = target.add_message(conv_id, "in", "and my refund?")  # ids continue after the copied ones
    assert new_id is not None and new_id > max(r[0] for r in before["messages"])
    target.close()

    # a second run duplicates nothing and brings over a change made in the source meanwhile
    source = Store(src_path)
    source.update_customer("c001", city="Lisbon")
    source.close()
    again = run("db", "copy", "--from", str(src_path), "--to", pg_url)
    assert again.exit_code == 0, again.output
    target = Store(pg_url)
    assert len(target.messages(conv_id)) == 3  # the two copied and the one added on PostgreSQL
    assert (target.get_customer("c001") or {})["city"] == "Lisbon"
    target.close()

    back = tmp_path / "back.db"
    result = run("db", "copy", "--from", pg_url, "--to", f"sqlite:///{back}")
    assert result.exit_code == 0, result.output
    restored = Store(back)
    assert [m["text"] for m in restored.search_messages("refund")] == ["and my refund?"]  # FTS5 filled by its triggers
    assert len(_dump(restored)["interactions"]) == n_inter
    restored.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--from", "sqlite:////nonexistent/shop.db", "--to", "sqlite:////tmp/x.db"],
            "no SQLite database at /nonexistent/shop.db",
        ),
        (
            ["--from", "{src}", "--to", "postgresql://shopbot:secret@127.0.0.1:1/x"],
            "cannot open the database postgresql://shopbot:***@127.0.0.1:1/x",
        ),
        (["--from", "{src}", "--to", "{src}"], "the source and the target are the same database"),
        (["--from", "mysql://x/y", "--to", "{src}"], "unsupported database URL"),
    ],
)
def test_db_copy_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    src = tmp_path / "s.db"
    Store(src).close()
    result = run("db", "copy", *[a.replace("{src}", str(src)) for a in args])
    assert result.exit_code == 1
    assert message in result.output and "secret" not in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) <= 2
