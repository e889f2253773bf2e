"""A customer's order fact lines (bot/core/lookups.describe_order) read as records, and restated.

"Order ORD-1 placed on 2026-11-17: status shipped; items 1 x NAME, 2 x NAME; items total 677.47 USD; shipping
international, shipping cost 0.00 USD; carrier DHL Express, tracking number 63; estimated delivery 2026-12-01."
`order_notes` restates each line the ways a shopper is told it (month names, "in transit", "free shipping",
how many items), so that a correct paraphrase of the record is not read as new words (meaning/orders.py checks
the claims).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bot.core.meaning.text import STOP

_LINE = re.compile(
    r"Order (?P<id>ORD-\d+) placed on (?P<placed>\d{4}-\d\d-\d\d): status (?P<status>[a-z_ ]+?)(?P<rest>;[^\n]*)?$",
    re.M,
)

# the order states as meaning/orders.stated restates them once the order line bears them out
RESTATED_STATE = re.compile(r"\b(?:is placed or processing \(not yet shipped\)|has shipped \(In Transit\))", re.I)

_ITEM = re.compile(r"(\d+) x ([^,]+?)(?=, \d+ x |$)")

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(slots=True)
class Order:
    order_id: str
    placed: str
    status: str
    items: list[tuple[int, str]] = field(default_factory=list)
    total: str = ""
    method: str = ""
    cost: str = ""
    carrier: str = ""
    tracking: str = ""
    delivered: str = ""
    estimated: str = ""
    words: frozenset[str] = frozenset()  # item words no other order of the grounding shares

    def dates(self) -> dict[str, str]:
        return {
            k: v
            for k, v in (("placed", self.placed), ("delivered", self.delivered), ("estimated", self.estimated))
            if v
        }


def read_orders(grounding: str) -> list[Order]:
    """The order fact lines of the grounding (read once per grounding: a check asks several times)."""
    if "Order ORD-" not in grounding:
        return []
    return list(_read_orders(grounding))


@lru_cache(maxsize=64)
def _read_orders(grounding: str) -> tuple[Order, ...]:
    orders = []
    for m in _LINE.finditer(grounding):
        o = Order(m.group("id"), m.group("placed"), m.group("status").strip().lower())
        for part in (x.strip() for x in (m.group("rest") or "").rstrip(".").split(";")):
            low = part.lower()
            if low.startswith("items total "):
                o.total = as_money(part.split()[2])
            elif low.startswith("items "):
                o.items = [(int(q), n.strip()) for q, n in _ITEM.findall(part[6:])]
            elif low.startswith("shipping "):
                head, _, cost = part.partition(", shipping cost ")
                o.method = head[len("shipping ") :].strip().lower()
                o.cost = as_money(cost.split()[0]) if cost else ""
            elif low.startswith("carrier "):
                carrier, _, tracking = part[len("carrier ") :].partition(", tracking number ")
                o.carrier, o.tracking = carrier.strip(), tracking.strip()
            elif low.startswith("delivered on "):
                o.delivered = part.split()[-1]
            elif low.startswith("estimated delivery "):
                o.estimated = part.split()[-1]
        orders.append(o)
    for o in orders:
        mine = item_words(o)
        others = {w for p in orders if p is not o for w in item_words(p)}
        o.words = frozenset(mine - others)
    return tuple(orders)


def order_notes(grounding: str) -> list[str]:
    """Each order line restated the ways a shopper is told it (what a correct paraphrase may say)."""
    notes = []
    for o in read_orders(grounding):
        said = [f"Order {o.order_id} was placed on {_long_date(o.placed)}."]
        count = sum(q for q, _ in o.items)
        if o.items:
            said.append(f"Order {o.order_id} has {count} items ({len(o.items)} products).")
        said.append(
            {
                "processing": f"Order {o.order_id} is placed or processing (not yet shipped), order received.",
                "placed": f"Order {o.order_id} is placed or processing (not yet shipped), order received.",
                "shipped": f"Order {o.order_id} has shipped and is on its way, in transit.",
                "delivered": f"Order {o.order_id} arrived: it was delivered.",
                "cancelled": f"Order {o.order_id} was cancelled (called off) and refunded.",
                "returned": f"Order {o.order_id} was returned: the items came back and the refund was issued.",
            }.get(o.status, f"Order {o.order_id} is {o.status}.")
        )
        said.append(
            f"The status of order {o.order_id} shows as {o.status}, marked {o.status}, at the {o.status} stage."
        )
        said.append(_MOVING.get(o.status, "").format(o.order_id))
        if o.cost == "0.00":
            said.append(f"{o.method.capitalize()} shipping on order {o.order_id} was free, at no cost.".lstrip())
        if o.delivered:
            said.append(f"Order {o.order_id} was delivered on {_long_date(o.delivered)} ({_short(o.delivered)}).")
        if o.estimated:
            said.append(f"Order {o.order_id} is expected around {_long_date(o.estimated)} ({_short(o.estimated)}).")
        said.append(_timing(o))
        notes.append(" ".join(x for x in said if x))
    return notes


# how a shopper is told that an order has left or not (the state itself is checked by orders.py)
_MOVING = {
    "processing": "Order {} has not left yet: not sent, not dispatched, still being prepared.",
    "placed": "Order {} has not left yet: not sent, not dispatched, still being prepared.",
    "shipped": "Order {} has left: it was sent, dispatched, it went out.",
}


def _short(iso: str) -> str:
    """ "11/24, the 24th": the short ways a date of the record is said."""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    suffix = "th" if 10 <= d.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
    return f"{d.month}/{d.day}, the {d.day}{suffix}"


def _timing(o: Order) -> str:
    """Whether a delivered order came on its estimated date, early or late, in the words a shopper is told it."""
    try:
        days = (date.fromisoformat(o.delivered) - date.fromisoformat(o.estimated)).days
    except ValueError:
        return ""
    if days == 0:
        return f"Order {o.order_id} arrived on schedule, on time, on the estimated date."
    n = abs(days)
    span = "a day (one day, 1 day)" if n == 1 else f"{n} days"
    if days < 0:
        return f"Order {o.order_id} arrived early, ahead of schedule, {span} early, before the estimated date."
    return f"Order {o.order_id} arrived late, behind schedule, {span} late, after the estimated date."


def named_orders(text: str, orders: list[Order]) -> list[Order]:
    by_id = [o for o in orders if o.order_id in text]
    if by_id:
        return by_id
    words = name_words(text)
    return [o for o in orders if o.words & words]


def item_words(o: Order) -> set[str]:
    out: set[str] = set()
    for _, name in o.items:
        for w in name_words(name):
            out |= {w, w[:-1]} if w.endswith("s") and len(w) > 4 else {w}
    return out


def name_words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text):
        low = w.lower()
        if len(low) > 2 and low not in STOP and low not in _GENERIC:
            out.add(low)
            if low.endswith("s") and len(low) > 4:
                out.add(low[:-1])
    return out


# words of an item name that do not tell one order from another


_GENERIC = frozenset("men's women's mens womens order item items".split())  # noqa: SIM905


def _long_date(iso: str) -> str:
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def as_money(text: str) -> str:
    try:
        return f"{float(text):.2f}"
    except ValueError:
        return text


def per_order_sentence(reply: str, orders: list[Order], fix: Callable[[str, Order], str]) -> str:
    """The reply with `fix` applied to each sentence about exactly one order: the order the sentence names, else the
    one named last, else the grounding's only order. Sentences about no order or several are left as they are."""
    current = orders[:1] if len(orders) == 1 else []
    out = []
    for sentence in re.split(r"(?<=[.!?])(\s+)", reply):
        current = named_orders(sentence, orders) or current
        out.append(fix(sentence, current[0]) if len(current) == 1 else sentence)
    return "".join(out)
