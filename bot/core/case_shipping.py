"""The shipping rule applied to the case under discussion: "how much to ship that to Canada?" after the $203.50
parka, "if I get 2 pairs is shipping free?" after the $47.99 trousers, "would shipping be free if I order another
one?" after the shopper's last order.

The message asks what shipping costs (or whether it is free) and states no amount of its own, so on its own the
answer is the general rule ("free on orders of $75 or more"), true but not an answer. The conversation's case
holds the price: the one product just shown (its catalog price), or the one item of the order under discussion
(bought again: a new order of that item). The shipping page's own threshold and fee decide, for the place the
message names, else the known customer's country, else the US. A place the page does not ship to gets the shop's
no and the places it ships to (not the item's listing). Nothing is said when the case is not one product, or the
option asked has no free-shipping threshold (overnight, economy): the question goes the usual way.

The reply states the catalog price (never a computed sum: "two at $47.99 each come to $75 or more")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.catalog import parse_constraints
from bot.core.catalog.named import really_named
from bot.core.lookups import SkuMap, find_products
from bot.core.places import places_in
from bot.core.policy_tables import free_from, money
from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import DUTIES, ShippingPages, asked_method, read_pages, refused_lines, stated_amount
from bot.core.turn import Turn, hit_source, order_source, product_source
from bot.domain import Author, Flag, Intent, Reply, Request, RequestKind

GetOrder = Callable[[str], dict[str, Any] | None]

SHIP_ASKED = re.compile(
    r"\b(?:ship|ships|shipped|shipping|postage|delivery|deliver)\b|\bsend (?:it|them|that|this|these|those|one)\b", re.I
)
COST_ASKED = re.compile(r"\b(?:how much|cost|costs|price|fee|charge|charged|free|pay)\b", re.I)
# a question of its own: the rule in general, a return's shipping, a time, or an amount the message states
NOT_THE_CASE = re.compile(
    r"\b(?:in general|generally|usually|normally|always|typically|return\w*|refund\w*|exchange\w*|how long|how fast|"
    r"when will|arrive|take|orders|any order)\b|\b(?:over|under|above|below|at least|more than|less than)\s+\$?\d",
    re.I,
)
REFERENT = re.compile(r"\b(?:on|for|with|of) (?:it|that|this|them|those|these|that one|this one)\b", re.I)
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "a couple of": 2, "both": 2}
COUNT = r"(?P<n>[2-9]|two|three|four|five|a couple of)"
QUANTITY = re.compile(
    rf"\b{COUNT}\s+(?:more\s+)?(?:pairs?|of (?:them|those|these|it)|units?|pieces?|ones?)\b"
    rf"|\b(?:get|buy|order|take|grab|got|bought)\s+{COUNT.replace('?P<n>', '?P<m>')}\b(?!\s*(?:%|\.\d|dollars|bucks|usd|inch))",
    re.I,
)
MORE = re.compile(rf"\b{COUNT}\s+more\b", re.I)
ANOTHER = re.compile(r"\b(?:another|one more|a second|an extra|a 2nd|again)\b", re.I)
US_NAMES = ("united states", "usa", "us", "u.s.", "america")


def _count(word: str) -> int:
    return int(word) if word.isdigit() else WORD_NUMBERS.get(word.lower(), 1)


def quantity(text: str, *, base: int) -> int:
    """How many of the item the shopper asks about: "2 pairs" -> 2, "3 more" -> base + 3, "another one" ->
    base + 1, else 1 (`base` is 1 for a product being looked at, 0 for one already bought: a new order)."""
    if m := MORE.search(text):
        return base + _count(m.group("n"))
    if m := QUANTITY.search(text):
        return _count(m.group("n") or m.group("m"))
    if ANOTHER.search(text):
        return base + 1
    return 1


def asks_case_shipping(text: str) -> bool:
    """A question about what shipping costs (or whether it is free), or about shipping "that" to a place ("shipping
    to canada on that?"), that states no amount and asks no rule of its own (returns, times, "in general")."""
    return bool(
        SHIP_ASKED.search(text)
        and (COST_ASKED.search(text) or (REFERENT.search(text) and places_in(text)))
        and stated_amount(text) is None
        and not NOT_THE_CASE.search(text)
        and len(re.findall(r"\w+", text)) <= 20
    )


def case_item(
    turn: Turn, catalog: Sequence[dict[str, Any]], get_order: GetOrder | None, *, again: bool = True
) -> tuple[dict[str, Any], int, dict[str, Any] | None] | None:
    """The case's one item: (catalog product, base quantity, the order it was bought in or None); None when the
    conversation is not about one product or one order holding one kind of item. After an answer about an order
    its item is the case only when the message buys it `again` ("if I order another one", "2 more", "on that"):
    "is shipping free?" after an order status asks the rule, not that order's price."""
    state = turn.state
    by_sku = SkuMap(catalog)  # the per-version index, not a map of the whole catalog built on a turn
    order = None
    if state.order_id and get_order is not None and turn.known_customer:
        found = get_order(state.order_id)
        if found and found.get("customer_id") == turn.customer.get("id"):
            order = found
    bought = {str(i.get("sku")) for i in (order or {}).get("items") or []}
    if state.last_kind == RequestKind.PRODUCT_FACT.value and state.skus:
        product = by_sku.get(state.skus[0])
        if product is None:
            return None
        return (product, 0, order) if product["sku"] in bought else (product, 1, None)
    if state.last_kind == RequestKind.OWN_ORDER.value and order is not None and len(bought) == 1 and again:
        product = by_sku.get(next(iter(bought)))
        return (product, 0, order) if product is not None else None
    return None


def _place(text: str, turn: Turn) -> tuple[str, bool] | None:
    """The place asked about: named in the message (one), else the known customer's country, else the US."""
    named = places_in(text)
    if len(named) > 1:
        return None
    if named:
        return named[0]
    country = str(turn.customer.get("country") or "").strip() if turn.known_customer else ""
    if not country or country.lower() in US_NAMES:
        return ("the US", True)
    return (country, False)


def _served(name: str, pages: ShippingPages) -> bool:
    low = name.lower()
    return any(low == s.lower() or low == re.sub(r"^the ", "", s.lower()) for s in pages.served)


def _price(amount: float) -> str:
    return f"${amount:,.2f}"


def _verdict(product: dict[str, Any], qty: int, threshold: float, fee: float, what: str) -> str:
    """ "The X is $218.99, so shipping it to Germany is free: ..." / "2 of the X at $11.99 each come to less than
    $75.00, the amount from which standard shipping within the US is free, so it costs $8.00." """
    each = _price(float(product.get("price") or 0))
    free = float(product.get("price") or 0) * qty >= threshold
    if qty == 1:
        lead = f"The {product['name']} is {each}"
    else:
        lead = f"{qty} of the {product['name']} at {each} each come to " + (
            f"{_price(threshold)} or more" if free else f"less than {_price(threshold)}"
        )
    if free:
        return f"{lead}, so {what} is free: it is free on orders of {_price(threshold)} or more."
    if qty == 1:
        return f"{lead}, under the {_price(threshold)} from which {what} is free, so it costs {_price(fee)}."
    return f"{lead}, the amount from which {what} is free, so it costs {_price(fee)}."


def case_shipping_line(
    text: str, product: dict[str, Any], qty: int, place: tuple[str, bool], pages: ShippingPages, *, gold: bool
) -> str | None:
    """The verdict for this item and quantity, from the page's threshold and fee; None when the option asked
    has no free-shipping threshold; for a place not served, the shop's no and the places it ships to."""
    amount = float(product.get("price") or 0) * qty
    name, in_us = place
    if in_us:
        method = asked_method(text) or "standard"
        row = next((r for r in pages.options if r.get("option", "").lower() == method), None)
        cost = " ".join(v for k, v in (row or {}).items() if "cost" in k or "price" in k)
        threshold, fee = free_from(cost), money(cost)
        if row is None or threshold is None or fee is None:
            return None
        what = f"{row['option'].lower()} shipping" + (f" to {name}" if name != "the US" else " within the US")
        said = _verdict(product, qty, threshold, fee, what)
        cheaper = [r for r in pages.options if (money(r.get("cost", "")) or fee) < fee]
        if amount < threshold and cheaper:
            said += " " + "; ".join(f"{r['option']} shipping costs {r.get('cost', '')}" for r in cheaper) + "."
        return said
    if not _served(name, pages):  # "shipping to the uk on that?": the shop's no, not the item's listing
        return " ".join(refused_lines([name], pages, text, more=False)) or None
    terms = [s for s in pages.intl if money(s) is not None and not DUTIES.search(s)]
    cost = terms[0] if terms else ""
    threshold, fee = free_from(cost), money(cost)
    if threshold is None or fee is None:
        return None
    timing = next((s for s in pages.intl if re.search(r"\bbusiness days\b", s) and money(s) is None), "")
    if gold and re.search(r"\bfor Gold members\b", cost, re.I):
        said = f"As a Gold member, shipping to {name} is free for you. {cost}"
    else:
        said = _verdict(product, qty, threshold, fee, f"shipping to {name}")
    said += f" {timing}" if timing else ""
    if DUTIES.search(text):
        said += " " + " ".join(s for s in pages.intl if DUTIES.search(s) and money(s) is None)
    return said.strip()


def case_shipping_reply(
    turn: Turn, text: str, catalog: Sequence[dict[str, Any]], kb: KnowledgePort, get_order: GetOrder | None
) -> tuple[Reply, Request] | None:
    """The shipping question applied to the case's item, or None (the question goes the usual way)."""
    asked = text if asks_case_shipping(text) else _same_question(turn, text)
    if asked is None:
        return None
    again = bool(ANOTHER.search(text) or QUANTITY.search(text) or MORE.search(text) or REFERENT.search(text))
    case = case_item(turn, catalog, get_order, again=again)
    if case is None:
        return None
    product, base, order = case
    if _names_another(text, product, catalog):
        return None  # another product or kind named ("for a belt"): not the case under discussion
    place = _place(asked, turn)
    if place is None:
        return None
    pages = read_pages(kb)
    if not pages.options or not pages.intl:
        return None
    gold = turn.known_customer and str(turn.customer.get("membership") or "").lower() == "gold"
    said = case_shipping_line(asked, product, quantity(text, base=base), place, pages, gold=gold)
    if said is None:
        return None
    sources = [product_source(product)] + ([order_source(order)] if order is not None else [])
    sources += [hit_source(h) for h in pages.hits[:2]]
    reply = Reply(text=said, sources=sources, flags={Flag.FROM_DATA}, intent=Intent.SHIPPING, confidence=0.9)
    reply.author = Author.TEMPLATE
    return reply, Request(RequestKind.PRODUCT_FACT, text, skus=[str(product["sku"])], followup=True)


def _same_question(turn: Turn, text: str) -> str | None:
    """ "what if I get 2 pairs?" right after a shipping question about the case: that question with this quantity
    (the message states only how many, so the last question's place and option still hold); None otherwise."""
    if not (QUANTITY.search(text) or MORE.search(text) or ANOTHER.search(text)) or len(re.findall(r"\w+", text)) > 12:
        return None
    if SHIP_ASKED.search(text) or NOT_THE_CASE.search(text) or stated_amount(text) is not None:
        return None
    said = [m.get("text", "") for m in turn.history if m.get("direction") == "in" and m.get("text", "") != text]
    if not said or not asks_case_shipping(said[-1]):
        return None
    return f"{said[-1]} {text}"


def _names_another(text: str, product: dict[str, Any], catalog: Sequence[dict[str, Any]]) -> bool:
    """The message names a product, a kind or a brand that is not the case's item."""
    constraints = parse_constraints(text, catalog)
    named = {str(p.get("sku")) for p in really_named(text, find_products(text, catalog), constraints, catalog)}
    if named and named != {str(product["sku"])}:
        return True
    own = f"{product.get('name', '')} {product.get('category', '')}".lower()
    kinds = [c for c in constraints.categories if c.lower().rstrip("s") not in own]
    brands = [b for b in constraints.brands if b.lower() not in own]
    return bool(kinds or brands or constraints.missing_brands or constraints.missing_categories)


def option_terms(order: dict[str, Any], pages: ShippingPages) -> tuple[str, str]:
    """The order's shipping option as the page names it ("Standard shipping") and the page's cost text for it
    ("$8.00 – free on orders of $75 or more"); ("", "") when the page has no such option."""
    method = str(order.get("shipping_method") or "").lower()
    if method == "international":
        cost = next((s for s in pages.intl if money(s) is not None and not DUTIES.search(s)), "")
        return ("International shipping", cost) if cost else ("", "")
    row = next((r for r in pages.options if r.get("option", "").lower() == method), None)
    cost = " ".join(v for k, v in (row or {}).items() if "cost" in k or "price" in k)
    return (f"{row['option']} shipping", cost) if row else ("", "")


def order_shipping_line(order: dict[str, Any], pages: ShippingPages, *, gold: bool) -> str:
    """Why an order's shipping cost what it did: its items' amount against its option's free-shipping threshold
    ("International shipping is free on orders of $200.00 or more; the items in ORD-13310 came to $151.00, under
    that, so the flat $25.00 applied."); a Gold member's free option says so; '' when the page's rule for that option
    cannot be read or the record disagrees with it."""
    amount, paid = float(order.get("total") or 0), float(order.get("shipping_cost") or 0)
    oid = order["order_id"]
    what, cost = option_terms(order, pages)
    threshold, fee = free_from(cost), money(cost)
    if gold and what and re.search(r"\bfree for Gold\b|\bfor Gold members\b", cost):
        # the member's own perk: free for Gold, and the record shows it free
        return (
            f"{what} is free for Gold members, and you are a Gold member, so it was free on {oid}." if paid == 0 else ""
        )
    if not what or fee is None:
        return ""
    if threshold is None:  # a flat fee: the threshold is another option's
        free = next((r["option"] for r in pages.options if free_from(r.get("cost", "")) is not None), "")
        rule = f" {free} shipping is the option that is free on larger orders." if free else ""
        if abs(paid - fee) >= 0.01:
            return ""
        return f"Your order {oid} went by {what.lower()}, which costs {_price(fee)} whatever the order's amount.{rule}"
    if amount >= threshold:
        return (
            f"{what} is free on orders of {_price(threshold)} or more, and the items in {oid} came to "
            f"{_price(amount)}, so its shipping was free."
            if paid == 0
            else ""
        )
    if abs(paid - fee) >= 0.01:  # the record says otherwise (a subscription, an adjustment): no reason given
        return ""
    return (
        f"{what} is free on orders of {_price(threshold)} or more; the items in {oid} came to {_price(amount)}, "
        f"under that, so the {_price(fee)} shipping fee applied."
    )
