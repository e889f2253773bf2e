"""Orders coming in from the shop: validated, upserted with their items, attributed, fed to the recommender.

Accepted shapes (the HTTP API and `shopbot orders import`):

- JSON/JSONL, one order per object: `order_id`, `customer_id`, `date` (ISO 8601), `items` [{`sku`, `qty`, `price`, `name`?}],
  optional `status` (default `placed`), `total` (default the items' sum), `currency` (default USD), `shipping_method`,
  `tracking_number`, `carrier`, `estimated_delivery`, `customer_name`, `customer_email`, `marketing_consent` (true/false,
  recorded with source `order:<order_id>`).
- CSV, one row per item: the same column names (`sku`, `qty`, `price`, `name` per row); rows with the same `order_id` form one order.
"""

from __future__ import annotations

import csv
import io
import logging
import math
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.errors import DataFileError
from bot.jsonl import read_jsonl

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)

ORDER_FIELDS = (
    "order_id",
    "customer_id",
    "date",
    "status",
    "total",
    "currency",
    "shipping_method",
    "tracking_number",
    "carrier",
    "estimated_delivery",
)
MAX_ITEMS = 500
MAX_ORDERS = 50_000
CANCELLED = ("cancelled", "canceled", "refunded")


class OrderError(DataFileError):
    """An order that cannot be stored: which one and why."""


def normalise_date(value: Any) -> str:
    """Any ISO 8601 date/time as UTC 'YYYY-MM-DDTHH:MM:SS.mmm+00:00' (the store's format); a bare date is midnight UTC."""
    text = str(value or "").strip()
    if not text:
        raise ValueError("missing date")
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat(timespec="milliseconds")


def validate_order(raw: dict[str, Any], *, where: str = "order") -> dict[str, Any]:
    """One order dict, checked and normalised; raises OrderError naming the order and the problem."""
    oid = str(raw.get("order_id") or "").strip()
    name = f"{where} {oid!r}" if oid else where

    def bad(reason: str) -> OrderError:
        return OrderError(name, reason)

    if not oid or len(oid) > 100:
        raise bad("order_id is missing or longer than 100 characters")
    customer = str(raw.get("customer_id") or "").strip()
    if not customer or len(customer) > 100:
        raise bad("customer_id is missing or longer than 100 characters")
    try:
        date = normalise_date(raw.get("date"))
    except (TypeError, ValueError) as exc:
        raise bad(f"date is not ISO 8601 ({exc})") from None
    items = _items(raw.get("items"), bad)
    try:
        total = (
            float(raw["total"])
            if raw.get("total") not in (None, "")
            else round(sum(i["qty"] * i["price"] for i in items), 2)
        )
    except (TypeError, ValueError):
        raise bad("total must be a number") from None
    if total < 0 or not math.isfinite(total):
        raise bad("total must be a non-negative number")
    order: dict[str, Any] = {
        "order_id": oid,
        "customer_id": customer,
        "date": date,
        "status": str(raw.get("status") or "placed").lower()[:40],
        "items": items,
        "total": round(total, 2),
        "currency": str(raw.get("currency") or "USD").upper()[:10],
    }
    for key in ("shipping_method", "tracking_number", "carrier", "estimated_delivery"):
        if raw.get(key) not in (None, ""):
            order[key] = str(raw[key])[:200]
    extra = {
        "customer_name": raw.get("customer_name"),
        "customer_email": raw.get("customer_email"),
        "marketing_consent": _flag(raw.get("marketing_consent"), name),
    }
    return {"order": order, **{k: v for k, v in extra.items() if v not in (None, "")}}


def _items(items_in: Any, bad: Callable[[str], OrderError]) -> list[dict[str, Any]]:
    """An order's items, checked and normalised: sku, qty 1..10000, a non-negative price, the name if given."""
    if not isinstance(items_in, list) or not items_in:
        raise bad("items must be a non-empty list of {sku, qty, price}")
    if len(items_in) > MAX_ITEMS:
        raise bad(f"more than {MAX_ITEMS} items")
    items: list[dict[str, Any]] = []
    for n, it in enumerate(items_in, 1):
        if not isinstance(it, dict) or not str(it.get("sku") or "").strip():
            raise bad(f"item {n} has no sku")
        try:
            qty = int(it.get("qty", 1) or 1)
            price = float(it.get("price", 0) or 0)
        except (TypeError, ValueError):
            raise bad(f"item {n}: qty and price must be numbers") from None
        if qty <= 0 or qty > 10_000 or price < 0 or not math.isfinite(price):
            raise bad(f"item {n}: qty must be 1..10000 and price a non-negative number")
        item = {"sku": str(it["sku"]).strip()[:100], "qty": qty, "price": round(price, 2)}
        if it.get("name"):
            item["name"] = str(it["name"])[:300]
        items.append(item)
    return items


def _flag(value: Any, name: str) -> bool | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "y"):
        return True
    if text in ("0", "false", "no", "n"):
        return False
    raise OrderError(name, f"marketing_consent must be true or false, not {value!r}")


def read_orders_file(path: str | Path) -> list[dict[str, Any]]:
    """Orders from a .csv (one row per item) or .jsonl/.json file, validated; errors name the file and the line or order."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = _read_csv(path)
    elif suffix in (".jsonl", ".ndjson"):
        raw = [(f"{path}:{n}", row) for n, row in enumerate(read_jsonl(path), 1)]
    else:
        raise DataFileError(str(path), "use a .csv (one row per item) or .jsonl (one order per line) file")
    if len(raw) > MAX_ORDERS:
        raise DataFileError(str(path), f"more than {MAX_ORDERS} orders in one file; split it")
    return [validate_order(row, where=where) for where, row in raw]


def _read_csv(path: Path) -> list[tuple[str, dict[str, Any]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise DataFileError(str(path), "file not found") from None
    except UnicodeDecodeError:
        raise DataFileError(str(path), "not valid UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text))
    need = {"order_id", "customer_id", "date", "sku"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise DataFileError(str(path), f"CSV header must include {', '.join(sorted(need))}", line=1)
    orders: dict[str, tuple[str, dict[str, Any]]] = {}
    for line, row in enumerate(reader, 2):
        oid = (row.get("order_id") or "").strip()
        if not oid:
            raise DataFileError(str(path), "empty order_id", line=line)
        where, order = orders.setdefault(
            oid,
            (
                f"{path}:{line}",
                {k: v for k, v in row.items() if k in ORDER_FIELDS or k.startswith(("customer_", "marketing"))},
            ),
        )
        order.setdefault("items", []).append(
            {"sku": row.get("sku"), "qty": row.get("qty") or 1, "price": row.get("price") or 0, "name": row.get("name")}
        )
    if not orders:
        raise DataFileError(str(path), "file has no records")
    return list(orders.values())


def ingest(services: Services, entries: Iterable[dict[str, Any]], *, source: str) -> dict[str, Any]:
    """Upsert validated orders: create unknown customers, record consent, attribute purchases, update the recommender."""
    from bot.campaigns.attribution import attribute_order

    cstore = services.campaign_store
    store = services.store
    created = updated = 0
    purchases: list[tuple[str, str]] = []
    attributed = 0
    for entry in entries:
        order = entry["order"]
        cid = order["customer_id"]
        if store.get_customer(cid) is None:
            store.ensure_customer(cid, name=entry.get("customer_name"), email=entry.get("customer_email"))
        new, skus = cstore.upsert_order(order)
        created += new
        updated += not new
        if entry.get("marketing_consent") is not None:
            cstore.set_consent(cid, bool(entry["marketing_consent"]), source=f"order:{order['order_id']}")
        if order["status"] in CANCELLED:
            continue
        purchases += [(cid, sku) for sku in skus]
        if new and attribute_order(cstore, order, days=services.settings.campaign_attribution_days):
            attributed += 1
    learned = record_purchases(services, purchases)
    log.info(
        "orders from %s: %d new, %d updated, %d attributed to campaigns, %d purchases learned",
        source,
        created,
        updated,
        attributed,
        learned,
    )
    return {"created": created, "updated": updated, "attributed": attributed, "purchases_learned": learned}


def record_purchases(services: Services, purchases: list[tuple[str, str]]) -> int:
    """Store purchase interactions and update the recommender incrementally (its public update API), then publish it."""
    if not purchases:
        return 0
    for cid, sku in purchases:
        services.store.add_interaction(cid, sku, "purchase")
    if not services.settings.recommend:
        return 0
    from bot.errors import ModelError
    from bot.recommend.artifact import publish

    personaliser = services.personaliser
    rec = personaliser.recommender
    if rec is None:
        return 0
    known = [(c, s) for c, s in purchases if s in rec.model.item_index]
    if len(known) < len(purchases):
        log.warning(
            "%d purchased skus are not in the recommender's catalogue; they wait for the next training",
            len(purchases) - len(known),
        )
    if not known:
        return 0
    try:
        rec.model.update([c for c, _ in known], [s for _, s in known])
        publish(rec.model, personaliser.root)
    except ModelError as exc:
        log.warning("recommender update failed (%s); purchases are stored and used at the next training", exc)
        return 0
    return len(known)
