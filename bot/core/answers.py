"""Deterministic answers for structured questions (order status, price, stock, sizes, colours).

These values come straight from the orders table and the catalog, so they are rendered by templates
rather than written by a small model that may swap a digit or a yes for a no.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.core.care_index import care_lines
from bot.core.catalog.liked import liked_answer
from bot.core.order_questions import count_answer, refund_answer, speed_answer
from bot.core.shop_day import shop_today

PRICE = re.compile(r"\b(price|cost|costs|how much|expensive|cheap)\b", re.I)
STOCK = re.compile(r"\b(stock|available|availability|sold out|in my size|have it in|have them in|come in)\b", re.I)
SIZES = re.compile(r"\b(sizes?|fit)\b", re.I)
COLOURS = re.compile(r"\b(colou?rs?|shades?|in (black|white|blue|red|navy|grey|gray|green|brown|beige|pink))\b", re.I)


def _listing(items: list[str]) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


# "is the York overcoat more than $100?", "under 100 bucks?": a price asked against the shopper's figure
THRESHOLD = re.compile(
    r"\b(?:(?P<over>more(?: expensive)?|pricier|dearer|over|above)|(?P<under>less(?: expensive)?|cheaper|under|below|within))(?: than)?\s*"
    r"(?:\$\s?(?P<a>\d{1,5}(?:\.\d{1,2})?)|(?P<b>\d{1,5}(?:\.\d{1,2})?)\s?(?:usd|dollars?|bucks))",
    re.I,
)


def asks_structured_product(text: str) -> bool:
    """Whether the question is about price, stock, sizes or colours."""
    return bool(
        PRICE.search(text) or THRESHOLD.search(text) or STOCK.search(text) or SIZES.search(text) or COLOURS.search(text)
    )


def _price_sentence(name: str, price: float, shown: str, text: str) -> str:
    """ "The X costs 99.00 USD."; against a figure the shopper names, led by the yes or no it answers (the figure
    itself is theirs, not repeated)."""
    asked = THRESHOLD.search(text)
    if asked is None:
        return f"The {name} costs {shown}."
    figure = float(asked.group("a") or asked.group("b"))
    yes = price > figure if asked.group("over") else price <= figure
    verb = "cost" if re.search(r"[^s]s$", name) else "costs"  # "the ... Slim Chinos cost", "the ... Dress costs"
    return f"{'Yes' if yes else 'No'}, the {name} {verb} {shown}."


def product_answer(product: dict[str, Any], text: str, *, size: str | None) -> str:
    """One or two sentences about the asked attributes of one product."""
    name = str(product["name"])
    price = f"{float(product.get('price') or 0):.2f} {product.get('currency', 'USD')}"
    stock = product.get("stock") if isinstance(product.get("stock"), dict) else None
    have = [s for s, q in (stock or {}).items() if int(q or 0) > 0]
    parts: list[str] = []
    if PRICE.search(text) or THRESHOLD.search(text):
        parts.append(_price_sentence(name, float(product.get("price") or 0), price, text))
    if size is not None and stock is not None:
        match = next((s for s in stock if s.lower() == size.lower()), None)
        if match is None:
            parts.append(f"The {name} doesn't come in size {size}; it comes in sizes {_listing(list(stock))}.")
        elif int(stock[match] or 0) > 0:  # "is the S sold out?" gets a no, "is S in stock?" a yes
            lead = "No, it isn't sold out:" if re.search(r"\bsold out\b|\bout of stock\b", text, re.I) else "Yes,"
            parts.append(f"{lead} the {name} is in stock in size {match}.")
        else:
            rest = f" It is in stock in sizes {_listing(have)}." if have else " It is currently sold out in every size."
            parts.append(f"Sorry, the {name} is out of stock in size {match}.{rest}")
    elif STOCK.search(text) or SIZES.search(text):
        if stock is not None:
            gone = [s for s, q in stock.items() if int(q or 0) <= 0]
            parts.append(
                f"The {name} is in stock in sizes {_listing(have)}"
                + (f"; {_listing(gone)} {'is' if len(gone) == 1 else 'are'} sold out." if gone else ".")
                if have
                else f"Sorry, the {name} is out of stock in every size right now."
            )
        else:
            parts.append(
                f"The {name} is in stock."
                if product.get("in_stock", True)
                else f"Sorry, the {name} is out of stock right now."
            )
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
        text += f" Estimated delivery: {order['estimated_delivery']}." + late_note(order)
    return text


def late_note(order: dict[str, Any], today: dt.date | None = None) -> str:
    """ " That date has passed, ..." for an order still on its way after its estimated delivery date, else ''."""
    if str(order.get("status")) not in ("shipped", "out for delivery") or order.get("delivered_date"):
        return ""
    try:
        due = dt.date.fromisoformat(str(order.get("estimated_delivery") or "")[:10])
    except ValueError:
        return ""
    if due >= (today or shop_today()):
        return ""
    return " That date has passed, so it is running late; a person from our team can check with the carrier."


MATERIAL = re.compile(r"\b(made (?:out )?of|made from|material|fabric|what is it made|cotton|wool|leather)\b", re.I)
RATING = re.compile(r"\b(rating|rated|reviews?|stars?)\b", re.I)


def _without_name(text: str, name: str) -> str:
    """The question with the product's own name words taken out: "Wool" in "Wool Winter Jacket" asks nothing."""
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9']+", name) if len(w) > 2}
    return re.sub(r"[A-Za-z0-9']+", lambda m: " " if m.group(0).lower() in words else m.group(0), text)


def product_fact_answer(product: dict[str, Any], text: str, *, size: str | None, colours: list[str]) -> str | None:
    """The asked attributes of one product (price, stock, sizes, colours, material, rating), or None if none is asked."""
    name = str(product["name"])
    text = _without_name(text, name)
    parts: list[str] = []
    if colours:
        have = [str(c) for c in product.get("colors") or []]
        match = [h for h in have if any(re.search(rf"\b{re.escape(c)}\b", h.lower()) for c in colours)]
        if match:
            parts.append(f"Yes, the {name} comes in {_listing(match)}.")
        elif have:
            parts.append(f"No, the {name} doesn't come in {' or '.join(colours)}; it comes in {_listing(have)}.")
    if MATERIAL.search(text) and product.get("material"):
        parts.append(f"The {name} is made of {product['material']}.")
    if liked := liked_answer(product, text):  # "do customers like it?": the rating, and the listing's own words
        parts.append(liked)
    elif RATING.search(text) and product.get("rating"):
        parts.append(f"The {name} is rated {float(product['rating']):.1f} out of 5.")
    # "Do you have it in L?" names a size: that is a stock question even without the word "stock"
    structured = (asks_structured_product(text) or size is not None) and not (
        colours and not PRICE.search(text) and not STOCK.search(text) and size is None and not SIZES.search(text)
    )
    if structured:
        base = product_answer(product, text, size=size)
        if colours and base.startswith("It comes in"):
            base = ""
        parts.append(re.sub(r"\s*It comes in [^.]*\.", "", base) if colours else base)
    text_out = " ".join(p for p in parts if p).strip()
    return text_out or None


# ----------------------------------------------------------------------------------------------- orders

ACTIVE = ("placed", "processing", "shipped", "out for delivery")
MORE_ASPECTS: dict[str, Callable[[dict[str, Any], dict[str, str]], str]] = {
    "count": lambda order, _policy: count_answer(order),
    "refund": refund_answer,
    "speed": speed_answer,
}


def _items(order: dict[str, Any]) -> str:
    out = []
    for i in order.get("items") or []:
        extra = ", ".join(str(i[k]) for k in ("size", "color") if i.get(k))
        out.append(f"{i.get('qty', 1)} x {i.get('name') or i.get('sku')}" + (f" ({extra})" if extra else ""))
    return _listing(out)


def _total(order: dict[str, Any]) -> str:
    """The items' amount and the shipping cost as the record has them, and what was paid in all when shipping was."""
    cur = order.get("currency", "USD")
    text = f"The items in your order {order['order_id']} came to {float(order.get('total') or 0):.2f} {cur}"
    if order.get("shipping_cost") is not None:
        cost = float(order["shipping_cost"] or 0)
        text += f", and shipping ({order.get('shipping_method') or 'shipping'}) cost {cost:.2f} {cur}"
        if cost > 0:
            text += f", so the order came to {float(order.get('total') or 0) + cost:.2f} {cur} in all"
    return text + "."


def order_label(order: dict[str, Any]) -> str:
    """ "ORD-13225 from 2026-11-17 (shipped): Dover Leather Gloves, ..." for a which-one question."""
    names = [str(i.get("name") or i.get("sku")) for i in order.get("items") or []]
    return f"{order['order_id']} from {str(order.get('date', ''))[:10]} ({order.get('status')}): {_listing(names)}"


def _tracking(order: dict[str, Any]) -> str:
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    if order.get("carrier") and order.get("tracking_number"):
        said = f"Your order {oid} is with {order['carrier']}; the tracking number is {order['tracking_number']}."
        if late := late_note(order):  # on its way past its date: that it is late, not the number alone
            said += f" It is {status}, and its estimated delivery date was {order.get('estimated_delivery')}.{late}"
        return said
    if status == "cancelled":
        return f"Your order {oid} is cancelled; a cancelled order is not shipped, so it has no tracking number."
    return f"Your order {oid} is {status} and hasn't been handed to a carrier yet, so there is no tracking number yet."


def order_aspect_answer(
    order: dict[str, Any], aspect: str, *, membership: str = "", policy: dict[str, str] | None = None
) -> str:
    """One or two sentences on one aspect of one order; policy holds quoted sentences for address and cancellation."""
    policy = policy or {}
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    shipped = status in ("shipped", "out for delivery", "delivered")
    if aspect in MORE_ASPECTS:
        return MORE_ASPECTS[aspect](order, policy)
    if aspect == "contents":
        return f"Your order {oid} from {str(order.get('date', ''))[:10]} contains {_items(order)}."
    if aspect == "total":
        return _total(order)
    if aspect == "tracking":
        return _tracking(order)
    if aspect == "delivery":
        if order.get("delivered_date"):
            return f"Your order {oid} was delivered on {order['delivered_date']}."
        if status in ("cancelled", "returned"):
            return f"Your order {oid} is {status}, so it won't be delivered."
        if order.get("estimated_delivery"):
            due = order["estimated_delivery"]
            return f"Your order {oid} is {status}; its estimated delivery date is {due}.{late_note(order)}"
        return order_answer(order)
    if aspect == "pay_change":  # the payment-method rule, and whether this order's state still allows it
        return _pay_change(order, policy.get("pay_change", ""))
    if aspect == "payment":
        method = order.get("payment_method")
        return f"Your order {oid} was paid by {method}." if method else order_answer(order)
    if aspect in ("address", "cancel", "add_item"):
        if status in ("cancelled", "returned"):
            return f"Your order {oid} is already {status}."
        if not shipped:
            key = f"{aspect}_before"
        elif aspect == "cancel":
            key = "cancel_guest" if membership in ("", "guest") else "cancel_member"
        else:
            key = f"{aspect}_after"
        quote = policy.get(key)
        head = f"Your order {oid} is {status}."
        if quote and key == "add_item_after":
            quote += _level_applies(quote, membership)
        if quote:
            after = (
                "A person from our team can help you with what to do next."
                if key in ("address_after", "cancel_guest", "add_item_after")
                else (
                    "A person from our team can make the change for you."
                    if aspect == "address"
                    else "A person from our team can do this for you."
                )
            )
            return f"{head} Our policy: {quote} {after}"
        return f"{head} A person from our team can tell you what can still be changed."
    return order_answer(order)


def _pay_change(order: dict[str, Any], rule: str) -> str:
    """ "can I change the card on my order?": its state, how it was paid, the payment-method rule and a person."""
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    paid = f" It was paid by {order['payment_method']}." if order.get("payment_method") else ""
    if status in ("cancelled", "returned"):
        return f"Your order {oid} is already {status}."
    if status == "delivered":
        future = re.search(r"[^.]*\bfuture orders only\.", rule)
        tail = f" Our policy: {future.group(0).strip()}" if future else ""
        return f"Your order {oid} is delivered, so its payment method can no longer be changed.{paid}{tail}"
    if not rule:
        return f"Your order {oid} is {status}.{paid} A person from our team can tell you whether the payment method can still be changed."
    if status not in ("shipped", "out for delivery"):
        return (
            f"Your order {oid} is {status} (not yet shipped), so the payment method can still be changed.{paid} "
            f"Our policy: {rule} A person from our team can make the change for you."
        )
    return (
        f"Your order {oid} is {status} (on its way).{paid} Our policy: {rule} A person from our team can check "
        "whether it is out for delivery yet and make the change if it isn't."
    )


def _level_applies(quote: str, membership: str) -> str:
    """ " Your account is at the Silver level, so that applies to you." when the quoted rule names the account's
    level among those it is for ("Silver and Gold members can ..."), what it says for "everyone else" otherwise."""
    level = membership.strip().lower() or "guest"
    named = re.search(r"\b((?:\w+, )*\w+ (?:and|or) \w+|\w+) members can\b([^.;]+)", quote, re.I)
    rest = re.search(r"\beveryone else can ([^.;]+)", quote, re.I)
    if named and re.search(rf"\b{re.escape(level)}\b", named.group(1), re.I):
        return f" Your account is at the {level.capitalize()} level, so that applies to you."
    if named and rest:
        return f" Your account is at the {level.capitalize()} level, so you can {rest.group(1).strip()}."
    return ""


def matching_orders(
    orders: list[dict[str, Any]], hint: str, catalog_by_sku: Mapping[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The customer's orders holding an item that fits the hint (a kind, brand or colour), newest first."""
    words = [w for w in hint.lower().split() if w]
    if not words:
        return orders
    out = []
    for o in orders:
        for i in o.get("items") or []:
            p = catalog_by_sku.get(str(i.get("sku")), {})
            hay = " ".join(
                [str(i.get("name", "")), str(p.get("category", "")), str(p.get("brand", "")), str(i.get("color", ""))]
            ).lower()
            if all(w.rstrip("s") in hay for w in words):
                out.append(o)
                break
    return out


CARE_LINE = re.compile(r"\bCare: ([^.]+)\.")


def care_line(product: dict[str, Any]) -> str:
    """The care instruction in a product's description ("hand wash cold or dry clean, dry flat"), or ''."""
    m = CARE_LINE.search(str(product.get("description") or ""))
    if not m:
        return ""
    return re.sub(r";\s*(?:fits true to size|true to size).*$", "", m.group(1)).strip()


def material_care_answer(
    materials: list[str], categories: list[str], catalog: list[dict[str, Any]], *, min_share: float = 0.6
) -> tuple[str, list[dict[str, Any]]] | None:
    """How to care for a material ("how do I wash merino?"), from the care lines of the products made of it.

    Answers only when most of those products (min_share of the ones with a care line) say the same; the reply
    names the products it read. None when no product of that material has a care line, or they disagree.
    """
    if not materials:
        return None
    by_care = care_lines(catalog, materials, categories)  # the per-version index: no scan of the catalog
    if not by_care:
        return None
    counts = {c: count for c, (count, _) in by_care.items()}
    total = sum(counts.values())  # the products of that material with a care line
    best = max(counts, key=lambda c: counts[c])
    if counts[best] / total < min_share:
        return None
    shown = [catalog[i] for i in by_care[best][1]]
    what = " ".join(materials) + (f" {categories[0]}" if categories else "")
    names = _listing([str(p["name"]) for p in shown])
    text = f"The care line on our {what} pieces reads: {best[0].upper() + best[1:]}."
    text += f" That is what the {names} say" + (
        "." if counts[best] == total else f"; {total - counts[best]} other {what} item(s) differ, so check the label."
    )
    return text, shown
