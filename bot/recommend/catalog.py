"""Reading products and interaction logs from JSON Lines (the demo store's format) or CSV."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from bot.jsonl import read_jsonl
from bot.recommend.interactions import DataFileError, Interactions, ItemText, read_interactions_csv
from bot.recommend.segments import Purchase

# how strongly each kind of event says "this customer wants this item" (implicit strength)
EVENT_WEIGHTS = {"view": 1.0, "click": 2.0, "cart": 3.0, "wishlist": 3.0, "purchase": 5.0, "order": 5.0}


def read_products(path: str | Path) -> list[dict[str, Any]]:
    """Product dicts from a catalogue JSONL file (each needs sku and name)."""
    products = read_jsonl(path)
    for n, p in enumerate(products, start=1):
        if not p.get("sku") or not p.get("name"):
            raise DataFileError(str(path), "product without sku or name", line=n)
    return products


def product_texts(products: list[dict[str, Any]]) -> list[ItemText]:
    """The text of each product that informs its item vector."""
    return [
        ItemText(
            str(p["sku"]),
            str(p["name"]),
            str(p.get("category", "")),
            " ".join(filter(None, [str(p.get("description", "")), " ".join(p.get("tags", []) or [])])),
        )
        for p in products
    ]


def _time(value: Any) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()


def read_event_log(path: str | Path, *, weights: dict[str, float] | None = None) -> Interactions:
    """Events `{customer_id, sku, type, timestamp[, rating]}` as implicit interactions weighted by type."""
    weights = weights or EVENT_WEIGHTS
    records = read_jsonl(path)
    users, items, strength, times = [], [], [], []
    for n, r in enumerate(records, start=1):
        user, item = r.get("customer_id", r.get("user")), r.get("sku", r.get("item"))
        if not user or not item:
            raise DataFileError(str(path), "record needs customer_id and sku", line=n)
        kind = str(r.get("type", "purchase"))
        if kind not in weights:
            raise DataFileError(str(path), f"unknown event type {kind!r}; known: {', '.join(weights)}", line=n)
        try:
            times.append(_time(r.get("timestamp", n)))
        except ValueError:
            raise DataFileError(str(path), f"bad timestamp {r.get('timestamp')!r}", line=n) from None
        users.append(str(user))
        items.append(str(item))
        strength.append(weights[kind])
    return Interactions(
        np.array(users, object), np.array(items, object), times=np.array(times), weights=np.array(strength, np.float32)
    )


def read_any_interactions(path: str | Path, *, ratings: bool = False) -> Interactions:
    """CSV (`user,item[,rating][,time]`) or JSON Lines event log, chosen by the file name."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return read_event_log(path)
    return read_interactions_csv(path, ratings=ratings)


def purchases_by_customer(path: str | Path) -> dict[str, set[str]]:
    """Customer -> items bought, from an event log's purchase events."""
    out: dict[str, set[str]] = {}
    for r in read_jsonl(path):
        if r.get("type") in ("purchase", "order"):
            out.setdefault(str(r.get("customer_id")), set()).add(str(r.get("sku")))
    return out


def purchases_from_orders(
    orders: list[dict[str, Any]], *, products: Sequence[dict[str, Any]] = ()
) -> dict[str, list[Purchase]]:
    """Customer -> Purchase list from order dicts (`customer_id, date, total, items[{sku}]`, optional discount/gift fields)."""
    category = {str(p.get("sku")): str(p.get("category", "")) for p in products}
    out: dict[str, list[Purchase]] = {}
    for n, o in enumerate(orders, start=1):
        if str(o.get("status", "")).lower() in ("cancelled", "canceled"):
            continue
        try:
            day = datetime.fromisoformat(str(o["date"]).replace("Z", "+00:00")).date()
            amount = float(
                o.get("total", sum(float(i.get("price", 0)) * float(i.get("qty", 1)) for i in o.get("items", [])))
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(
                "orders", f"order {o.get('order_id', n)!r} lacks a usable date or total: {exc}"
            ) from None
        cats = tuple(category.get(str(i.get("sku")), "") for i in o.get("items", []))
        discounted = any(o.get(k) for k in ("discount", "promo_code", "coupon")) or any(
            i.get("discount") for i in o.get("items", [])
        )
        gift = any(o.get(k) for k in ("gift", "gift_message", "gift_wrap"))
        out.setdefault(str(o.get("customer_id")), []).append(
            Purchase(day, amount, tuple(c for c in cats if c), bool(discounted), bool(gift))
        )
    return out
