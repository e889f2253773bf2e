"""More of what a complaint's reply says, by what the order shows: a cancelled or returned order's status meaning
(and how long a refund takes) instead of a delivery rule; a late order that did arrive, with its estimated and
actual dates and the shipping paid (and the shop's rule for refunding a delivered order's standard shipping fee);
boots that came apart, with their warranty."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.core.answers import late_note
from bot.core.lookups import SkuMap
from bot.core.order_questions import refund_answer, refund_policy
from bot.core.ordered_items import item_words, words_of
from bot.core.turn import Turn, hit_source

if TYPE_CHECKING:
    from bot.core.order_desk import OrderDesk

REFUNDED = ("returned", "cancelled")
ON_ITS_WAY = ("shipped", "out for delivery", "processing", "placed")
ARRIVED = re.compile(r"\b(showed up|came|arrived|got here|was delivered|finally)\b", re.I)
FEE_SAID = re.compile(r"\bshipping\b|\bdelivery (fee|cost|charge)\b|\$\s?\d|\bdollars?\b", re.I)


def settled(desk: OrderDesk, order: dict[str, Any], kind: str, sources: list[dict[str, str]]) -> list[str]:
    """A cancelled or returned order: what the status means in the shop's table, and a refund's timing."""
    policy, hits = refund_policy(desk.kb)
    sources += [hit_source(h) for h in hits[:1] if hit_source(h) not in sources]
    out = [refund_answer(order, policy)]
    if str(order.get("status")) == "cancelled":
        out.append("A cancelled order is not shipped, so it has no tracking.")
    if policy.get("timing") and (kind == "refund" or str(order.get("status")) == "returned"):
        out.append(f"How long a refund takes: {policy['timing']}")
    return out


PLUS_BILL = re.compile(r"\b(plus|subscription|membership|monthly (bill|fee))\b", re.I)
BILLING_POLICY: dict[str, tuple[str, list[tuple[str, ...]]]] = {
    "order": (
        "I was charged for something I returned or never bought: mistake on our side, credit the amount right away",
        [("mistake on our side",), ("gold members", "credit", "investigate")],
    ),
    "plus": ("Northwind Plus subscription bill wrong billed twice billing disputes", [("billed twice",)]),
}


def billing_policy(desk: OrderDesk, text: str, level: str, sources: list[dict[str, str]]) -> str:
    """A charge disputed ("charged twice"): the shop's rule for a charge made in error, for an order or for the
    Plus subscription's bill, quoted (the Gold members' rule only for Gold or an unknown level); '' when the
    policy pages do not say it."""
    query, groups = BILLING_POLICY["plus" if PLUS_BILL.search(text) else "order"]
    if level and level != "gold":
        groups = [g for g in groups if "gold members" not in g]
    quotes, hits = desk.policy_quotes(query, groups)
    sources += [hit_source(h) for h in hits[:1] if hit_source(h) not in sources]
    return "Our policy: " + " ".join(quotes[:2]) if quotes else ""


def which_on_the_way(desk: OrderDesk, turn: Turn) -> str:
    """A known customer's late order when several are on their way and nothing says which: each with its status and
    estimated date (and whether that date has passed), and the question which one it is."""
    if not turn.known_customer or not turn.customer.get("id"):
        return ""
    own = sorted(desk.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
    on_way = [o for o in own if str(o.get("status")) in ON_ITS_WAY]
    if len(on_way) < 2:
        return ""
    listed = []
    for o in on_way:
        line = f"{o['order_id']} ({o.get('status')}"
        if o.get("estimated_delivery"):
            line += f", estimated delivery {o['estimated_delivery']}" + (", now past" if late_note(o) else "")
        if o.get("carrier"):
            line += f", with {o['carrier']}"
        listed.append(line + ")")
    return f"I can see {len(on_way)} orders of yours on their way: {'; '.join(listed)}. Which one is it about?"


def arrived_late(text: str, kind: str, order: dict[str, Any] | None) -> bool:
    """A late delivery that did come ("showed up 3 days late"): not a parcel that is missing."""
    return bool(kind == "late" and order is not None and order.get("delivered_date") and ARRIVED.search(text))


def late_facts(order: dict[str, Any]) -> str:
    """The estimated and actual delivery dates, and the shipping paid."""
    out = f"Its estimated delivery date was {order.get('estimated_delivery')}, and it was delivered on {order.get('delivered_date')}."
    if order.get("shipping_cost") is not None:
        method = order.get("shipping_method") or "shipping"
        out += f" You paid {float(order['shipping_cost']):.2f} {order.get('currency', 'USD')} for {method} shipping."
    return out


def more_policies(text: str, kind: str, order: dict[str, Any] | None, catalog: list[dict[str, Any]]) -> list[str]:
    """Extra policy keys (complaints.POLICY) for this case: a delivered order's shipping fee, boots' warranty."""
    out: list[str] = []
    if arrived_late(text, kind, order) and FEE_SAID.search(text):
        out.append("fee")
    if kind == "damaged" and order is not None and _boots_named(text, order, SkuMap(catalog)):
        out.append("warranty")
    return out


def _boots_named(text: str, order: dict[str, Any], by_sku: Mapping[str, Any]) -> bool:
    said = set(words_of(text))
    return any(
        "boot" in (ws := item_words(i, by_sku.get(str(i.get("sku")), {}))) and ws & said
        for i in order.get("items") or []
    )
