"""Copy every row of one shopbot database into another (SQLite to PostgreSQL, or back): `shopbot db copy`.

Both ends are opened as stores first, so both are migrated to the same schema. Rows are upserted by primary key
in batches (INSERT ... ON CONFLICT (pk) DO UPDATE, which SQLite and PostgreSQL both spell the same way), parents
before children so foreign keys hold, one transaction per batch. Running it again changes nothing, or brings over
what changed in the source since. PostgreSQL's identity sequences are moved past the copied ids afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.errors import StoreError
from bot.store.dialect import POSTGRESQL
from bot.store.store import Store

log = logging.getLogger(__name__)

# parents first: rows of later tables reference rows of earlier ones
_FIRST = ["customers", "conversations", "messages", "orders", "campaigns"]
_SKIP_PREFIXES = ("_sqlite_migrations", "sqlite_")


def tables_to_copy(source: Store, target: Store) -> list[str]:
    """The shared tables in foreign-key order (SQLite's full-text shadow tables are rebuilt by the target, not copied)."""
    names = [t for t in source.db.table_names() if not t.startswith(_SKIP_PREFIXES) and "_fts" not in t]
    missing = sorted(set(names) - set(target.db.table_names()))
    if missing:
        raise StoreError(
            f"the target has no table {', '.join(missing)}: it was migrated by an older shopbot (run `shopbot db migrate` with this version)"
        )
    return sorted(names, key=lambda t: (_FIRST.index(t) if t in _FIRST else len(_FIRST), t))


def copy_database(
    source: Store, target: Store, *, batch: int = 1000, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, int]:
    """Upsert every row of `source` into `target`; returns rows copied per table. `progress(table, done, total)`."""
    if source.dialect == target.dialect and source.path == target.path:
        raise StoreError("the source and the target are the same database")
    source.apply_delivery_journal()  # deliveries noted but not yet folded in (SQLite) travel too
    counts: dict[str, int] = {}
    for table in tables_to_copy(source, target):
        counts[table] = _copy_table(source, target, table, batch, progress)
    if target.dialect == POSTGRESQL:
        _advance_sequences(target, list(counts))
    return counts


def _copy_table(
    source: Store, target: Store, table: str, batch: int, progress: Callable[[str, int, int], None] | None
) -> int:
    src, dst = source.db.table(table), target.db.table(table)
    pks = [p for p in src.pks if p != "rowid"]
    if not pks:
        raise StoreError(f"table {table} has no primary key: it cannot be copied idempotently")
    src_cols = list(src.columns_dict)
    have = dst.columns_dict
    with target.tx():
        for col in src_cols:  # columns a seed added to the source (sqlite-utils alter=True) are added to the target
            if col not in have:
                dst.add_column(col, src.columns_dict[col])
    total, done = src.count, 0
    cols = ", ".join(f'"{c}"' for c in src_cols)
    marks = ", ".join("?" * len(src_cols))
    rest = [c for c in src_cols if c not in pks]
    action = "DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in rest) if rest else "DO NOTHING"
    order = ", ".join(f'"{p}"' for p in pks)
    sql = f'INSERT INTO "{table}" ({cols}) VALUES ({marks}) ON CONFLICT ({order}) {action}'
    while done < total:
        with source._lock:  # noqa: SLF001 - the source's connection is used from this thread only while copying
            rows: list[dict[str, Any]] = list(
                source.db.query(f'SELECT {cols} FROM "{table}" ORDER BY {order} LIMIT {int(batch)} OFFSET {done}')
            )
        if not rows:
            break
        with target.tx() as db:
            db.conn.executemany(sql, [[r[c] for c in src_cols] for r in rows])
        done += len(rows)
        if progress:
            progress(table, done, total)
    return done


def _advance_sequences(target: Store, tables: list[str]) -> None:
    """After explicit ids were inserted, the next generated id must come after the largest one."""
    with target.tx() as db:
        for table in tables:
            for col in db.table(table).pks:
                row = db.execute("SELECT pg_get_serial_sequence(?, ?)", [f'"{table}"', col]).fetchone()
                if row and row[0]:
                    db.execute(
                        f'SELECT setval(?, COALESCE((SELECT MAX("{col}") FROM "{table}"), 0) + 1, false)', [row[0]]
                    )
