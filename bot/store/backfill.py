"""Order lines backfilled from orders.items (JSON), in each dialect's JSON functions (m050 and the campaign store)."""

from __future__ import annotations

from typing import Any

from bot.store.dialect import POSTGRESQL, dialect_of

ORDER_ITEMS_BACKFILL = {  # order lines from orders.items (JSON), per dialect; {where} limits the orders
    "sqlite": "INSERT OR IGNORE INTO order_items (order_id, line, sku, name, qty, price) "
    "SELECT o.order_id, CAST(j.key AS INTEGER), json_extract(j.value, '$.sku'), json_extract(j.value, '$.name'), "
    "COALESCE(json_extract(j.value, '$.qty'), 1), json_extract(j.value, '$.price') "
    "FROM orders o, json_each(CASE WHEN json_valid(o.items) THEN o.items ELSE '[]' END) j {where}",
    POSTGRESQL: "INSERT INTO order_items (order_id, line, sku, name, qty, price) "
    "SELECT o.order_id, (j.n - 1)::int, j.item->>'sku', j.item->>'name', COALESCE((j.item->>'qty')::numeric::bigint, 1), "
    "(j.item->>'price')::double precision "
    "FROM orders o CROSS JOIN LATERAL jsonb_array_elements(shopbot_json_array(o.items)) WITH ORDINALITY AS j(item, n) "
    "{where} ON CONFLICT DO NOTHING",
}


def backfill_order_items(db: Any, where: str = "") -> int:
    """Fill order_items from the orders' JSON items (only orders matching `where`); returns rows added."""
    return int(db.execute(ORDER_ITEMS_BACKFILL[dialect_of(db)].format(where=where)).rowcount)
