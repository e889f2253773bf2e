"""What the shop's data says beside a refused promise: for "guarantee my chinos by Friday" the order holding them
(its estimate) and whether its speed can still change; for "promise the X is back before Christmas" the product's
stock; for "refund it without me sending it back" the order, the customer's return window counted from its date.
Every value comes from the orders table, the catalog or a quoted policy sentence."""

from __future__ import annotations

import re
from typing import Any

from bot.core.answers import product_answer
from bot.core.catalog import parse_constraints
from bot.core.facts import MONTHS
from bot.core.lookups import SkuMap, asked_size, find_products
from bot.core.order_questions import NOT_SHIPPED, refund_answer, refund_policy, speed_policy
from bot.core.ports import KnowledgePort
from bot.core.refund_figures import refund_figures
from bot.core.return_window import read_windows
from bot.core.turn import Turn, hit_source, order_source

# the customer's own orders a promise can be about: on their way (a date), or sent (a return)
ON_ITS_WAY = ("placed", "processing", "shipped", "out for delivery")
SENT = ("delivered", "shipped", "out for delivery")
MONTH_SAID = {"may": "(?:in|from|since|of) may"}  # "may I ..." names no month


def matching_order(orders: list[dict[str, Any]], text: str, catalog: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The order whose items best fit the words of the text (kind, brand, colour, name words), newest first among
    equals; None when the text names a kind of product that none of the orders holds."""
    if not orders:
        return None
    said = parse_constraints(text, catalog)
    by_sku = SkuMap(catalog)  # through the per-version SKU index, not a map of the whole catalog
    low = text.lower()
    months = {n for name, n in MONTHS.items() if re.search(rf"\b{MONTH_SAID.get(name, name)}\b", low)}  # "from august"

    def score(o: dict[str, Any]) -> int:
        best = 0
        for i in o.get("items") or []:
            p = by_sku.get(str(i.get("sku")), {})
            s = 3 * (str(p.get("category", "")) in said.categories) + 2 * (str(p.get("brand", "")) in said.brands)
            s += int(str(i.get("color", "")).lower() in said.colours)
            s += sum(
                1 for w in set(re.findall(r"[a-z]{4,}", str(i.get("name", "")).lower())) if re.search(rf"\b{w}", low)
            )
            best = max(best, s)
        return best + (2 if best and _month(o) in months else 0)

    ranked = sorted(orders, key=lambda o: (score(o), str(o.get("date", ""))), reverse=True)
    if (said.categories or said.brands) and score(ranked[0]) == 0:
        return None
    return ranked[0]


def _month(order: dict[str, Any]) -> int:
    date = str(order.get("date", ""))
    return int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 0


def own_orders(store: Any, turn: Turn, statuses: tuple[str, ...]) -> list[dict[str, Any]]:
    if not turn.known_customer or not turn.customer.get("id"):
        return []
    return [o for o in store.orders_for(turn.customer["id"]) if str(o.get("status")) in statuses]


def delivery_speed(kb: KnowledgePort, order: dict[str, Any]) -> list[str]:
    """Whether the order's delivery speed can still change: the shop's upgrade rule before or after it ships."""
    policy, _hits = speed_policy(kb)
    rule = policy.get("speed_before" if str(order.get("status")) in NOT_SHIPPED else "speed_after")
    return [f"Faster delivery: {rule}"] if rule else []


def restock_detail(kb: KnowledgePort, text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The named product's stock (in the size asked), from the catalog."""
    products = find_products(text, kb.products())
    if not products:
        return [], []
    p = products[0]
    said = re.sub(r"^Yes, t", "T", product_answer(p, "is it in stock", size=asked_size(text)))  # no "Yes" after a no
    return [said], [{"title": str(p.get("name")), "source": "catalog", "doc_id": f"product:{p.get('sku')}"}]


def keep_detail(kb: KnowledgePort, store: Any, turn: Turn, text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The order the item came in and the customer's return window counted from its date."""
    catalog = kb.products()  # the item came: a delivered order first, then one still on its way
    order = matching_order(own_orders(store, turn, ("delivered",)), text, catalog)
    order = order or matching_order(own_orders(store, turn, SENT), text, catalog)
    if order is None:
        return [], []
    tier = str(turn.customer.get("membership") or "guest").lower() or "guest"
    bought = str(order.get("date", ""))[:10]
    parts = [f"Your order {order['order_id']} was placed on {bought} and is {order.get('status')}."]
    windows, hit = read_windows(kb)  # the same reading of the returns table as "can I still return it?"
    sources = [order_source(order)]
    if tier in windows:
        who = "shopper" if tier == "guest" else "member"
        parts.append(
            f"As a {tier.capitalize()} {who}, your return window is {windows[tier].words}, counted from the purchase date."
        )
        sources.append(hit_source(hit))
    return parts, sources


def price_detail(kb: KnowledgePort, text: str) -> tuple[list[str], list[dict[str, str]]]:
    """The named product's price today, from the catalog."""
    products = find_products(text, kb.products())
    if not products:
        return [], []
    p = products[0]
    return [f"Today the {p['name']} costs {float(p.get('price') or 0):.2f} {p.get('currency', 'USD')}."], [
        {"title": str(p.get("name")), "source": "catalog", "doc_id": f"product:{p.get('sku')}"}
    ]


def refund_detail(
    kb: KnowledgePort, store: Any, turn: Turn, text: str, *, figures: bool = False
) -> tuple[list[str], list[dict[str, str]]]:
    """A refund asked to be approved (or promised by a day): the customer's cancelled or returned order (the one
    the text names, else the newest) and what its status means in the shop's table, with `figures` what the refund
    comes to and where it goes; nothing when the chat has no such order."""
    settled = own_orders(store, turn, ("cancelled", "returned"))
    order = matching_order(sorted(settled, key=lambda o: str(o.get("date", "")), reverse=True), text, kb.products())
    if order is None:
        return [], []
    policy, hits = refund_policy(kb)
    lines = [refund_answer(order, policy)]
    if figures and (worked := refund_figures(order, turn.customer, kb)[0]):
        lines.append(worked)
    return lines, [order_source(order), *(hit_source(h) for h in hits[:1])]
