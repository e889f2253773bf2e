"""The orders SQL of marketing: upsert with items (POST /api/orders, `shopbot orders import`), the items backfill and
the orders attribution reads (a mixin of CampaignStore)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any, cast

from bot.errors import StoreError
from bot.store.backfill import backfill_order_items
from bot.store.store import Store


def json_text(value: Any) -> Any:
    """A dict or list as JSON text (for a TEXT column); anything else as it is."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


class OrderSql:
    """Needs the host's `store` and `_rows` (CampaignStore)."""

    store: Store

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def upsert_order(self, order: dict[str, Any]) -> tuple[bool, list[str]]:
        """Insert or replace an order and its items; returns (was new, skus newly purchased by it)."""
        items = list(order.get("items") or [])
        row = {k: json_text(v) for k, v in order.items()}
        try:
            with self.store.tx() as db:
                old = db.execute("SELECT status FROM orders WHERE order_id = ?", [order["order_id"]]).fetchone()
                old_skus = {
                    r[0]
                    for r in db.execute(
                        "SELECT sku FROM order_items WHERE order_id = ?", [order["order_id"]]
                    ).fetchall()
                }
                db.table("orders").upsert(row, pk="order_id", alter=True)
                db.execute("DELETE FROM order_items WHERE order_id = ?", [order["order_id"]])
                for n, it in enumerate(items):
                    db.table("order_items").insert(
                        {
                            "order_id": order["order_id"],
                            "line": n,
                            "sku": it.get("sku"),
                            "name": it.get("name"),
                            "qty": int(it.get("qty") or 1),
                            "price": it.get("price"),
                        }
                    )
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"order {order.get('order_id')!r}: {exc}") from exc
        new_skus = [str(it["sku"]) for it in items if it.get("sku") and it["sku"] not in old_skus]
        return old is None, new_skus

    def sync_order_items(self) -> int:
        """Fill order_items for orders stored without them (the demo seed); returns rows added."""
        with self.store.tx() as db:
            return backfill_order_items(cast(Any, db), "WHERE o.order_id NOT IN (SELECT order_id FROM order_items)")

    def orders_since(self, since: str) -> list[dict[str, Any]]:
        """Orders dated at or after `since`, with their skus (attribution), oldest first."""
        rows = self._rows(
            "SELECT o.order_id, o.customer_id, o.date, o.total, o.status, GROUP_CONCAT(i.sku) AS skus FROM orders o "
            "LEFT JOIN order_items i ON i.order_id = o.order_id WHERE o.date >= ? GROUP BY o.order_id ORDER BY o.date",
            [since],
        )
        for r in rows:
            r["skus"] = [s for s in (r["skus"] or "").split(",") if s]
        return rows
