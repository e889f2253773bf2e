"""Deterministic answers for structured questions (order status, price, stock, sizes, colours).

These values come straight from the orders table and the catalog, so they are rendered by templates
rather than written by a small model that may swap a digit or a yes for a no.
"""

from __future__ import annotations

import re
from typing import Any

PRICE = re.compile(r"\b(price|cost|costs|how much|expensive|cheap)\b", re.I)
STOCK = re.compile(r"\b(stock|available|availability|sold out|in my size|have it in|have them in|come in)\b", re.I)
SIZES = re.compile(r"\b(sizes?|fit)\b", re.I)
COLOURS = re.compile(r"\b(colou?rs?|shades?|in (black|white|blue|red|navy|grey|gray|green|brown|beige|pink))\b", re.I)


def _listing(items: list[str]) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def asks_structured_product(text: str) -> bool:
    """Whether the question is about price, stock, sizes or colours."""
    return bool(PRICE.search(text) or STOCK.search(text) or SIZES.search(text) or COLOURS.search(text))


def product_answer(product: dict[str, Any], text: str, *, size: str | None) -> str:
    """One or two sentences about the asked attributes of one product."""
    name = str(product["name"])
    price = f"{float(product.get('price') or 0):.2f} {product.get('currency', 'USD')}"
    stock = product.get("stock") if isinstance(product.get("stock"), dict) else None
    have = [s for s, q in (stock or {}).items() if int(q or 0) > 0]
    parts: list[str] = []
    if PRICE.search(text):
        parts.append(f"The {name} costs {price}.")
    if size is not None and stock is not None:
        match = next((s for s in stock if s.lower() == size.lower()), None)
        if match is None:
            parts.append(f"The {name} doesn't come in size {size}; it comes in sizes {_listing(list(stock))}.")
        elif int(stock[match] or 0) > 0:
            parts.append(f"Yes, the {name} is in stock in size {match}.")
        else:
            rest = f" It is in stock in sizes {_listing(have)}." if have else " It is currently sold out in every size."
            parts.append(f"Sorry, the {name} is out of stock in size {match}.{rest}")
    elif STOCK.search(text) or SIZES.search(text):
        if stock is not None:
            parts.append(f"The {name} is in stock in sizes {_listing(have)}." if have else f"Sorry, the {name} is out of stock in every size right now.")
        else:
            parts.append(f"The {name} is in stock." if product.get("in_stock", True) else f"Sorry, the {name} is out of stock right now.")
    if COLOURS.search(text) and product.get("colors"):
        parts.append(f"It comes in {_listing(list(product['colors']))}.")
    if not parts:
        parts.append(f"The {name} costs {price}" + (f" and is in stock in sizes {_listing(have)}." if have else "."))
    return " ".join(parts)


def order_answer(order: dict[str, Any]) -> str:
    """A sentence or two on where the order is."""
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    text = f"Your order {oid} from {str(order.get('date', ''))[:10]} is {status}."
    if order.get("carrier") and order.get("tracking_number"):
        text += f" It is with {order['carrier']}, tracking number {order['tracking_number']}."
    if order.get("delivered_date"):
        text += f" It was delivered on {order['delivered_date']}."
    elif order.get("estimated_delivery") and status not in ("cancelled", "returned"):
        text += f" Estimated delivery: {order['estimated_delivery']}."
    return text
