"""Orders, interactions, cases, events, knowledge-base versions and the demo seed."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlite_utils.db import NotFoundError

from bot.jsonl import read_jsonl
from bot.store.base import StoreBase, _decode, now_iso

log = logging.getLogger(__name__)


class RecordStore(StoreBase):
    """Shop records the assistant reads and the analytics it appends."""

    # ------------------------------------------------------------------ orders, interactions, cases
    def orders_for(self, customer_id: str) -> list[dict[str, Any]]:
        """The customer's orders, newest first."""
        with self._lock:
            rows = self.db.table("orders").rows_where("customer_id = ?", [customer_id], order_by="date desc")
            return [r for r in (_decode(row) for row in rows) if r]

    def get_order(self, order_id: str) -> dict[str, Any] | None:
        """One order or None (callers must check it belongs to the asking customer)."""
        with self._lock:
            try:
                return _decode(self.db.table("orders").get(order_id))
            except NotFoundError:
                return None

    def all_orders(self) -> list[dict[str, Any]]:
        """Every order (segment calibration needs the whole population)."""
        with self._lock:
            return [r for r in (_decode(row) for row in self.db.table("orders").rows) if r]

    def recommendations_in(self, conversation_id: str) -> list[tuple[str, int]]:
        """(sku, bot turn number) of each recommendation shown in a conversation, oldest first."""
        with self._lock:
            rows = self.db.table("events").rows_where(
                "kind = 'rec_impression' AND conversation_id = ?", [conversation_id], order_by="id"
            )
            out = []
            for row in rows:
                data = json.loads(row["data"] or "{}")
                out.append((str(data.get("sku")), int(data.get("turn", 0))))
            return out

    def add_interaction(self, customer_id: str, sku: str, kind: str, *, rating: float | None = None) -> None:
        """Record a view, click, cart or purchase."""
        with self.tx() as db:
            db.table("interactions").insert(
                {"customer_id": customer_id, "sku": sku, "kind": kind, "ts": now_iso(), "rating": rating}
            )

    def interactions(self, customer_id: str | None = None) -> list[dict[str, Any]]:
        """Interactions, optionally of one customer."""
        with self._lock:
            where = ("customer_id = ?", [customer_id]) if customer_id else (None, [])
            return list(self.db.table("interactions").rows_where(where[0], where[1], order_by="id"))

    def create_case(
        self, *, conversation_id: str, customer_id: str, kind: str, summary: str, order_id: str | None = None
    ) -> int:
        """Open a case for staff (cancellations, refunds and returns are never done by the bot)."""
        with self.tx() as db:
            table = db.table("cases")
            table.insert(
                {
                    "conversation_id": conversation_id,
                    "customer_id": customer_id,
                    "kind": kind,
                    "order_id": order_id,
                    "status": "open",
                    "summary": summary,
                    "created_at": now_iso(),
                }
            )
            return int(table.last_pk or 0)

    def cases(self, *, status: str | None = None) -> list[dict[str, Any]]:
        """Staff cases, newest first."""
        with self._lock:
            return list(
                self.db.table("cases").rows_where(
                    "status = ?" if status else None, [status] if status else [], order_by="id desc"
                )
            )

    # ------------------------------------------------------------------ events, KB versions
    def event(
        self, kind: str, *, conversation_id: str | None = None, customer_id: str | None = None, **data: Any
    ) -> None:
        """Append an audit/analytics event."""
        with self.tx() as db:
            db.table("events").insert(
                {
                    "ts": now_iso(),
                    "kind": kind,
                    "conversation_id": conversation_id,
                    "customer_id": customer_id,
                    "data": json.dumps(data),
                }
            )

    def events(self, kind: str | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
        """Latest events first."""
        with self._lock:
            rows = self.db.table("events").rows_where(
                "kind = ?" if kind else None, [kind] if kind else [], order_by="id desc", limit=limit
            )
            return [r for r in (_decode(row) for row in rows) if r]

    def record_kb_version(self, version: str, **fields: Any) -> None:
        """Insert or update one knowledge-base version row."""
        with self.tx() as db:
            db.table("kb_versions").upsert({"version": version, **fields}, pk="version")

    def kb_versions(self) -> list[dict[str, Any]]:
        """Knowledge-base versions, newest first."""
        with self._lock:
            return list(self.db.table("kb_versions").rows_where(order_by="version desc"))

    # ------------------------------------------------------------------ demo seed
    def seed(self, seed_dir: Path) -> dict[str, int]:
        """Load demo customers, orders and interactions once (only into an empty database)."""
        counts = {"customers": 0, "orders": 0, "interactions": 0}
        if not seed_dir.is_dir() or self.db.table("customers").count > 0:
            return counts
        with self.tx() as db:
            for name, table, pk in (("customers", "customers", "id"), ("orders", "orders", "order_id")):
                rows = _seed_rows(seed_dir / f"{name}.jsonl")
                for row in rows:
                    for key, value in list(row.items()):
                        if isinstance(value, (dict, list)):
                            row[key] = json.dumps(value)
                        elif isinstance(value, bool):
                            row[key] = int(value)
                db.table(table).insert_all(rows, pk=pk, alter=True, ignore=True)
                counts[name] = len(rows)
            inter = [
                {
                    "customer_id": r["customer_id"],
                    "sku": r["sku"],
                    "kind": r.get("type") or r.get("kind"),
                    "ts": r.get("timestamp") or r.get("ts"),
                    "rating": r.get("rating"),
                }
                for r in _seed_rows(seed_dir / "interactions.jsonl")
            ]
            db.table("interactions").insert_all(inter)
            counts["interactions"] = len(inter)
        log.info("seeded demo data from %s: %s", seed_dir, counts)
        return counts


def _seed_rows(path: Path) -> list[dict[str, Any]]:
    """A seed file's records; a missing seed file simply seeds nothing."""
    return read_jsonl(path, allow_empty=True) if path.exists() else []
