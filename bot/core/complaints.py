"""A complaint about an order: an apology, the customer's order it is about and what its record shows, what the
shop's policy offers for that kind of problem (quoted), the stock of the same item when the shopper wants it
again, and a request opened for staff with the hand-off. Nothing is promised: only staff act on the request."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.core.answers import late_note, order_answer
from bot.core.boots_warranty import NEW_ON_ARRIVAL, boots_came_apart, warranty_lines
from bot.core.catalog import parse_constraints
from bot.core.complaint_more import (
    ARRIVED,
    ON_ITS_WAY,
    REFUNDED,
    arrived_late,
    late_facts,
    more_policies,
    settled,
    which_on_the_way,
)
from bot.core.complaint_words import DELIVERED_NOT_HERE, PART_FAULT, asks_same_again, complaint_kind
from bot.core.fee_status import fee_lines
from bot.core.lookups import SkuMap
from bot.core.order_pick import on_said_day
from bot.core.order_words import MISSING_ITEMS
from bot.core.ordered_items import match_orders
from bot.core.shop_day import shop_today
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply, Request

if TYPE_CHECKING:
    from bot.core.order_desk import OrderDesk

SENT = ("delivered", "out for delivery", "shipped")
SAYS_DELIVERED = re.compile(
    r"\b(says|shows|marked|showing) (as )?delivered\b|\bnever (got|arrived|came|received)\b|\bnot (received|arrived)\b",
    re.I,
)
OLD_DAMAGED = re.compile(
    r"\b(damaged|broken|ripped|torn|defective|faulty|stained|hole|fell apart|wrong (item|size|colou?r|product))\b|\bwrong\b",
    re.I,
)
OLD_LATE = re.compile(
    r"\b(never (arrived|came)|still (hasn'?t|haven'?t|not)|late|delayed|where is|hasn'?t arrived|not arrived)\b", re.I
)
# what the shop's policies say for each kind of problem: a query, and the words one quoted sentence must hold
POLICY: dict[str, tuple[str, list[tuple[str, ...]]]] = {
    "wrong": (
        "item was not what you ordered: shipping fees refunded; exchange for the same product in another size or color, free",
        [("not what you ordered",), ("exchange an item for the same product",), ("exchanges are free",)],
    ),
    "damaged": (
        "something is not right stain or defect you can return it; item arrived damaged defective or not what you"
        " ordered return refund shipping fee; return items unworn unless returning them because of a stain or a defect",
        [
            ("defect", "you can return it"),
            ("damaged", "refunded"),
            ("unless you are returning them because of a stain or a defect",),
        ],
    ),
    "missing": (
        "charged for something I never bought or returned: mistake on our side, credit the amount",
        [("mistake on our side",)],
    ),
    "missing_gold": (
        "charged for something I never bought: Gold members receive the credit",
        [("gold members", "credit")],
    ),
    "delivered": (
        "package says delivered but I don't have it 7 days replacement",
        [("less than 7 days",), ("7 days", "replacement")],
    ),
    "sold_out": ("item out of stock back-order restock e-mail", [("back-order",), ("restocked",)]),
    "warranty": ("boots warranty manufacturing defects sole separation", [("warranty", "defects")]),
    "fee": (
        "shipping cost too high: refund the standard shipping fee once delivered",
        [("out for delivery or delivered", "refund the standard shipping fee")],
    ),
}


def complaint_reply(desk: OrderDesk, turn: Turn, req: Request, pred: IntentPrediction) -> Reply:
    """An apology, the order and what it shows, the policy for this kind of problem, and a request for staff."""
    catalog = desk.kb.products()
    said = parse_constraints(req.text, catalog)
    kind = _kind(req.text, said.colours)
    order = _the_order(desk, turn, req, kind, said, catalog)
    parts = ["I'm sorry about that."]
    sources: list[dict[str, str]] = []
    if order is not None:
        parts.append(_what_the_order_shows(order, kind))
        sources.append(order_source(order))
    elif kind == "late":
        parts.append(which_on_the_way(desk, turn))
    if order is not None and str(order.get("status")) in REFUNDED:  # cancelled or returned: what that status means
        parts += settled(desk, order, kind, sources)
        parts.append(_request_line(desk, turn, req, order))
        return _complaint(" ".join(p for p in parts if p), sources, pred)
    wanted = [key for key in ({"short": "missing"}.get(kind, kind),) if key in POLICY]
    wanted += more_policies(req.text, kind, order, catalog)
    came = arrived_late(req.text, kind, order) and not DELIVERED_NOT_HERE.search(req.text)
    if came and order is not None:
        parts.append(late_facts(order))
    if order is not None and DELIVERED_NOT_HERE.search(req.text) and (ago := days_since_delivered(order)):
        parts.append(ago)  # the shipping page's rule turns on 7 days
    if (
        SAYS_DELIVERED.search(req.text)
        or DELIVERED_NOT_HERE.search(req.text)
        or (kind == "late" and order is not None and order.get("delivered_date") and not came)
    ):
        wanted.append("delivered")
    if "missing" in wanted and str(turn.customer.get("membership") or "").lower() == "gold":
        wanted.append("missing_gold")
    if order is not None and asks_same_again(req.text):
        again, sold_out = _same_again(order, said, catalog, req.text)
        parts += again
        if sold_out:
            wanted.append("sold_out")
    if boots_came_apart(req.text) and not NEW_ON_ARRIVAL.search(req.text):  # worn a while: the warranty answers
        lines, page = warranty_lines(desk.kb, req.text)
        if lines:
            parts += lines
            sources += [hit_source(page.hit)] if page.hit is not None else []
            wanted = [k for k in wanted if k not in ("damaged", "warranty")]
    if fee := _fee_paid(desk, turn, req.text, order, sources):  # "i paid 25 shipping on it": why, its stage's rule
        parts += fee
        wanted = [k for k in wanted if k != "fee"]
    for key in dict.fromkeys(wanted):
        parts += _quotes(desk, *POLICY[key], sources)
    parts.append(_request_line(desk, turn, req, order))
    return _complaint(" ".join(p for p in parts if p), sources, pred)


# the shipping paid on the order said beside the complaint ("i paid 25 shipping on a 26 dollar t-shirt")
FEE_PAID = re.compile(
    r"\b(?:paid|paying|pay|charged?)\b[^.?!]{0,25}\b(?:shipping|delivery|postage)\b"
    r"|\b(?:shipping|delivery|postage) (?:fee|cost|charge)s?\b",
    re.I,
)


def _fee_paid(
    desk: OrderDesk, turn: Turn, text: str, order: dict[str, Any] | None, sources: list[dict[str, str]]
) -> list[str]:
    """Why the order's shipping fee applied and the fee rule for its stage, when the shopper speaks of it."""
    if order is None or not FEE_PAID.search(text):
        return []
    lines, hits = fee_lines(order, desk.kb, gold=str(turn.customer.get("membership") or "").lower() == "gold")
    sources += [hit_source(h) for h in hits if hit_source(h) not in sources]
    return lines


RECENTLY_DELIVERED_DAYS = 30  # "says delivered but it isn't here" is about a parcel of the last weeks, not June's


def days_since_delivered(order: dict[str, Any], today: dt.date | None = None) -> str:
    """ "That was 6 days ago." for an order marked delivered, counted to the shop's today; '' without a date."""
    try:
        day = dt.date.fromisoformat(str(order.get("delivered_date") or "")[:10])
    except ValueError:
        return ""
    n = ((today or shop_today()) - day).days
    if n < 0:
        return ""
    return "That was today." if n == 0 else f"That was {n} day{'s' if n != 1 else ''} ago."


def _complaint(text: str, sources: list[dict[str, str]], pred: IntentPrediction) -> Reply:
    return Reply(
        text=text,
        sources=sources[:4],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.COMPLAINT, Flag.HANDOFF, Flag.CASE_OPENED},
        intent=Intent.COMPLAINT,
        confidence=pred.confidence,
        author=Author.TEMPLATE,
    )


def _kind(text: str, colours: list[str]) -> str:
    """What went wrong, by the words: the new patterns first, then the older, broader ones."""
    if MISSING_ITEMS.search(text):
        return "short"  # fewer pieces than paid for
    found = complaint_kind(text, colours)
    if found:
        return found
    if OLD_DAMAGED.search(text):
        return "wrong" if re.search(r"\bwrong\b", text, re.I) else "damaged"
    if OLD_LATE.search(text) or SAYS_DELIVERED.search(text):
        return "late"
    return "other"


def _the_order(
    desk: OrderDesk, turn: Turn, req: Request, kind: str, said: Any, catalog: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """The customer's order the complaint is about: the one named, else the best match among the orders that can
    have this problem (sent ones for a wrong, damaged or missing item, ones on their way for a late one)."""
    if not turn.known_customer or not turn.customer.get("id"):
        return None
    if kind == "short":
        return desk.order_short(turn, req)
    own = sorted(desk.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
    named_ids = [i for i in req.order_ids if i in req.text.upper()]
    if named_ids or (req.order_ids and not (said.categories or said.brands)):  # the order named, or the one discussed
        return next((o for o in own if o["order_id"] in (named_ids or req.order_ids)), None)
    by_item = match_orders(req.text, own, SkuMap(catalog))  # all their orders: a cancelled one is news too
    if by_item and len(by_item[0]) == 1 and str(by_item[0][0].get("status")) in REFUNDED:
        return by_item[0][0]
    statuses = ON_ITS_WAY if kind == "late" else SENT
    pool = [o for o in own if str(o.get("status")) in statuses]
    if kind == "refund":
        pool = [o for o in own if str(o.get("status")) in REFUNDED]
    if kind == "late" and DELIVERED_NOT_HERE.search(req.text):  # marked delivered, not here: a recent delivered one
        since = (shop_today() - dt.timedelta(days=RECENTLY_DELIVERED_DAYS)).isoformat()
        pool = [
            o for o in own if str(o.get("status")) == "delivered" and str(o.get("delivered_date") or "")[:10] >= since
        ]
    elif kind == "late" and (SAYS_DELIVERED.search(req.text) or ARRIVED.search(req.text)):  # or it came, late
        pool += [o for o in own if str(o.get("status")) == "delivered"]
    if not pool:
        return None
    pool = on_said_day(req.text, pool) or pool  # "ordered boots back on nov 11": the order placed that day
    by_sku = SkuMap(catalog)  # through the per-version SKU index, not a map of the whole catalog
    if (found := match_orders(req.text, pool, by_sku)) and found[0]:
        pool = found[0]  # the items' own names and the time said first: the snow boots bought this month
    scored = [(max((_item_score(i, said, by_sku, req.text) for i in o.get("items") or []), default=0), o) for o in pool]
    best = max(s for s, _ in scored)
    named = bool(said.categories or said.brands)
    if named and best == 0:
        return None  # the shopper named something none of these orders holds: never pin it on another order
    # the best match; among equals the one that came (for a wrong or damaged item) or is on its way, newest first
    ranked = [o for s, o in scored if s == best]
    if kind == "damaged" and not named and len(ranked) > 1 and PART_FAULT.search(req.text):
        return None  # "zip's busted": no item said, several it could be; never pinned on the newest order
    if kind == "late" and not named and len(ranked) > 1:  # "my order is late": the one past its date, else ask which
        overdue = [o for o in ranked if late_note(o)]
        return overdue[0] if len(overdue) == 1 else None
    if kind != "late":
        ranked.sort(key=lambda o: str(o.get("status")) != "delivered")
    return ranked[0]


def _item_score(item: dict[str, Any], said: Any, by_sku: Mapping[str, dict[str, Any]], text: str) -> int:
    """How well one ordered item fits what the shopper said: its kind, brand, colour and name words."""
    p = by_sku.get(str(item.get("sku")), {})
    low = text.lower()
    score = 3 * (str(p.get("category", "")) in said.categories) + 2 * (str(p.get("brand", "")) in said.brands)
    score += int(str(item.get("color", "")).lower() in [c.lower() for c in said.colours])
    name_words = {w for w in re.findall(r"[a-z]{4,}", str(item.get("name", "")).lower()) if w not in ("women", "mens")}
    return score + sum(1 for w in name_words if re.search(rf"\b{w}", low))


def _what_the_order_shows(order: dict[str, Any], kind: str) -> str:
    """The order's record: status and dates (order_answer), and the items with their size and colour."""
    items = []
    for i in order.get("items") or []:
        extra = ", ".join(str(i[k]) for k in ("color", "size") if i.get(k))
        items.append(f"{i.get('qty', 1)} x {i.get('name') or i.get('sku')}" + (f" ({extra})" if extra else ""))
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
    head = order_answer(order)
    if kind == "late" and order.get("estimated_delivery") and not order.get("delivered_date"):
        head = head.replace("Estimated delivery:", "The estimated delivery date on it is")
    return f"{head} Our record of it lists {listed}." if listed else head


def _same_again(order: dict[str, Any], said: Any, catalog: list[dict[str, Any]], text: str) -> tuple[list[str], bool]:
    """Whether the same item can be sent again: its stock in the size ordered, from the catalog."""
    by_sku = SkuMap(catalog)  # through the per-version SKU index, not a map of the whole catalog
    items = list(order.get("items") or [])
    if not items:
        return [], False
    item = max(items, key=lambda i: _item_score(i, said, by_sku, text))
    product = by_sku.get(str(item.get("sku")))
    if product is None:
        return [], False
    name, size = str(product.get("name")), str(item.get("size") or "")
    stock = {str(s): int(q or 0) for s, q in (product.get("stock") or {}).items()}
    if not any(q > 0 for q in stock.values()):
        return [
            f"The {name} is sold out in every size right now, so the same one cannot be sent again at the moment."
        ], True
    if size and stock.get(size, 0) > 0:
        return [f"The {name} is in stock in size {size}, the size you ordered."], False
    others = [s for s, q in stock.items() if q > 0]
    return [f"The {name} is out of stock in size {size} right now; it is in stock in sizes {', '.join(others)}."], True


def _quotes(desk: OrderDesk, query: str, groups: list[tuple[str, ...]], sources: list[dict[str, str]]) -> list[str]:
    quotes, hits = desk.policy_quotes(query, groups)
    if not quotes:
        return []
    sources += [hit_source(h) for h in hits[:2] if hit_source(h) not in sources]
    return ["Our policy: " + " ".join(quotes[:3])]


def _request_line(desk: OrderDesk, turn: Turn, req: Request, order: dict[str, Any] | None) -> str:
    """A request (case) for staff with the order attached, and the person asked to join."""
    oid = order["order_id"] if order is not None else None
    case_id = desk.store.create_case(
        conversation_id=turn.conversation["id"],
        customer_id=turn.customer["id"],
        kind="complaint",
        summary=req.text[:500],
        order_id=oid,
    )
    about = f" about order {oid}" if oid else ""
    return (
        f"I've opened request number {case_id} for our team{about}, and I've asked a person from our team to join "
        "this chat; they'll reply here as soon as they can."
    )
