"""A charge the shopper thinks was taken twice for an item (#9): "You charged me twice for the black Gap slip dress
this month!!" gets the separate orders their record shows holding that item (number, day placed, what was paid:
items and shipping as the order has them), so they can see whether they placed it twice; the payment itself is
still for a person to check (order_desk.complaint says so). Orders placed in the last 31 days first: a double
charge is recent ("this month" said on the 1st still means the orders of the weeks before); when only one of them
holds it, once, the orders before it that hold it too ("why did you charge me twice for the brown dover gloves??":
ORD-13157 in November and ORD-12482 in October)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from bot.core.ordered_items import item_words, match_orders, words_of
from bot.core.shop_day import shop_today

RECENT_DAYS = 31


def billed_orders_line(
    text: str,
    orders: Sequence[dict[str, Any]],
    by_sku: Mapping[str, dict[str, Any]],
    today: dt.date | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """ "Our records show 2 separate orders with the ...: ORD-1, placed 2026-11-10, 213.50 USD in all; and ..."
    and those orders; ('', []) when the message names no item of theirs."""
    own = sorted(orders, key=lambda o: str(o.get("date", "")), reverse=True)
    found = match_orders(text, own, by_sku)
    if not found or not found[0]:
        return "", []
    fits = [o for o in found[0] if str(o.get("status")) != "cancelled"] or found[0]
    since = (today or shop_today()) - dt.timedelta(days=RECENT_DAYS)
    recent = [o for o in fits if str(o.get("date", ""))[:10] >= since.isoformat()]
    said = set(words_of(text))
    # one order this month with one of it: the orders before it that hold it too ("charged twice" may be those)
    single = len(recent) == 1 and int(_best(recent[0], said, by_sku).get("qty") or 1) == 1
    picked = (fits if single else recent or fits)[:3]
    name = _item_name(picked[0], said, by_sku)
    listed = "; ".join(_one(o, said, by_sku) for o in reversed(picked))
    many = f"{len(picked)} separate orders" if len(picked) > 1 else "one order"
    return f"Our records show {many} with the {name}: {listed}.", picked


def _best(order: dict[str, Any], said: set[str], by_sku: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The order's line the message's words name best."""
    lines = list(order.get("items") or [])
    return max(lines, key=lambda i: len(said & item_words(i, by_sku.get(str(i.get("sku")), {}))), default={})


def _item_name(order: dict[str, Any], said: set[str], by_sku: Mapping[str, dict[str, Any]]) -> str:
    best = _best(order, said, by_sku)
    colour = f" ({best['color']})" if best.get("color") else ""
    return f"{best.get('name') or best.get('sku') or 'item'}{colour}"


def _one(order: dict[str, Any], said: set[str], by_sku: Mapping[str, dict[str, Any]]) -> str:
    best = _best(order, said, by_sku)
    qty = int(best.get("qty") or 1)
    pieces = f" with {qty} of them at {float(best.get('price') or 0):.2f} each" if qty > 1 else ""
    cur = order.get("currency", "USD")
    paid = float(order.get("total") or 0) + float(order.get("shipping_cost") or 0)
    status = str(order.get("status") or "")
    return f"{order['order_id']}, placed {str(order.get('date', ''))[:10]} ({status}){pieces}, {paid:.2f} {cur} in all"
