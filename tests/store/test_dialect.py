"""The SQL dialect seam: SQLite's spelling translated for PostgreSQL, database URLs, connection errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import StoreError
from bot.store import Store
from bot.store.dialect import to_postgres
from bot.store.store import parse_database_url, redact_url


@pytest.mark.parametrize(
    ("sqlite", "postgres"),
    [
        ("SELECT * FROM t WHERE a = ? AND b IN (?, ?)", "SELECT * FROM t WHERE a = %s AND b IN (%s, %s)"),
        ("SELECT 'what?' , ? FROM [my table]", "SELECT 'what?' , %s FROM \"my table\""),
        (
            "SELECT * FROM t WHERE flags LIKE '%handoff%' AND x = ?",
            "SELECT * FROM t WHERE flags ILIKE '%%handoff%%' AND x = %s",
        ),
        ("INSERT OR IGNORE INTO t (a) VALUES (?);", "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"),
        ("SELECT IFNULL(a, 0) % 2 FROM t", "SELECT COALESCE(a, 0) %% 2 FROM t"),
        ("SELECT 'it''s [not] an ident ?'", "SELECT 'it''s [not] an ident ?'"),
        ("SELECT a::int FROM t WHERE b = :name AND c = ':x'", "SELECT a::int FROM t WHERE b = %(name)s AND c = ':x'"),
        (
            "SELECT * FROM (SELECT * FROM (SELECT 1) WHERE y) WHERE z",
            "SELECT * FROM (SELECT * FROM (SELECT 1) AS _sub1_23 WHERE y) AS _sub1_47 WHERE z",
        ),
        ("SELECT * FROM (SELECT 1) q", "SELECT * FROM (SELECT 1) q"),
    ],
)
def test_sqlite_spelling_becomes_postgres(sqlite: str, postgres: str) -> None:
    assert to_postgres(sqlite) == postgres


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("var/shopbot.db", ("sqlite", "var/shopbot.db")),
        ("sqlite:///var/shopbot.db", ("sqlite", "var/shopbot.db")),
        ("sqlite:////srv/shop/shopbot.db", ("sqlite", "/srv/shop/shopbot.db")),
        ("postgresql://shop:pw@db:5432/shop", ("postgresql", "postgresql://shop:pw@db:5432/shop")),
        ("postgres://db/shop", ("postgresql", "postgres://db/shop")),
    ],
)
def test_database_urls(target: str, expected: tuple[str, str]) -> None:
    assert parse_database_url(target) == expected


def test_unknown_scheme_and_password_never_shown() -> None:
    with pytest.raises(StoreError, match="unsupported database URL 'mysql://u:\\*\\*\\*@h/db'"):
        parse_database_url("mysql://u:hunter2@h/db")
    assert redact_url("postgresql://shop:hunter2@db:5432/x") == "postgresql://shop:***@db:5432/x"
    assert redact_url("postgresql://db/x") == "postgresql://db/x"


def test_unreachable_postgres_is_a_one_line_store_error() -> None:
    with pytest.raises(StoreError) as info:
        Store("postgresql://shop:hunter2@127.0.0.1:1/shop")
    text = str(info.value)
    assert text.startswith("cannot open the database postgresql://shop:***@127.0.0.1:1/shop: ")
    assert "hunter2" not in text and "\n" not in text


def test_postgres_full_text_search_stems_and_ignores_syntax(pg_url: str) -> None:
    """tsvector over English: 'parcels' finds 'parcel'; operators and quotes in a query are not errors."""
    store = Store(pg_url)
    store.ensure_customer("c1")
    conv = store.open_conversation("c1", "web")
    a = store.add_message(conv["id"], "in", "My parcel never arrived")
    store.add_message(conv["id"], "in", "Thanks, bye")
    assert [m["id"] for m in store.search_messages("parcels")] == [a]
    assert store.search_messages('"unclosed OR -( AND') == []
    store.db.execute("SET enable_seqscan = off")  # with the table this small, only a matching index avoids a scan
    sql = "EXPLAIN SELECT * FROM messages WHERE to_tsvector('english'::regconfig, coalesce(\"text\", '')) @@ websearch_to_tsquery('english', 'parcel')"
    plan = " ".join(r[0] for r in store.db.execute(sql))
    assert "Bitmap Index Scan on messages_fts" in plan  # the search's expression is the GIN index's expression
    store.close()


def test_sqlite_default_needs_no_driver(tmp_path: Path) -> None:
    """The embedded default never loads psycopg (a shop on SQLite does not need it configured)."""
    import subprocess
    import sys

    code = f"import sys; from bot.store import Store; Store({str(tmp_path / 'x.db')!r}).close(); print('psycopg' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
