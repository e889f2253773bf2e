"""What a known customer has paid for shipping across their orders ("how much have I spent on shipping in total?",
"why do I always pay 25 for shipping?"): each order's shipping method and cost from the orders table, and
the shop's own rule for each method they paid for (quoted)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.core.turn import HANDOFF_BUTTON, hit_source, order_source
from bot.domain import Author, Flag, Intent, Reply

if TYPE_CHECKING:
    from bot.core.order_desk import OrderDesk

SHIPPING_TOTAL = re.compile(
    r"\b(?:spent|spend|paid|pay|paying)\b[^?.!]{0,30}\b(?:shipping|delivery|postage)\b[^?.!]{0,30}"
    r"\b(?:in total|total|altogether|so far|overall|all together|all my orders|every order|each order|always)\b"
    r"|\b(?:total|how much)\b[^?.!]{0,25}\b(?:shipping|delivery|postage)\b[^?.!]{0,25}\b(?:spent|paid|all my orders)\b"
    r"|\bwhy do i always pay\b[^?.!]{0,20}\bshipping\b",
    re.I,
)
# the words a rule about each shipping method holds (a sentence with its price)
METHOD_RULE = {
    "international": ("international shipping", "$25.00"),
    "standard": ("standard shipping", "$8.00"),
    "economy": ("economy", "$5.00"),
    "overnight": ("overnight", "$20.00"),
}


def asks_shipping_paid(text: str) -> bool:
    return bool(SHIPPING_TOTAL.search(text))


def shipping_paid_reply(desk: OrderDesk, orders: list[dict[str, Any]], confidence: float) -> Reply:
    """The orders that had a shipping charge, each with its cost and method, and the rule of each method paid for."""
    charged = [o for o in orders if float(o.get("shipping_cost") or 0) > 0]
    lines = [
        f"{o['order_id']} {float(o['shipping_cost']):.2f} {o.get('currency', 'USD')} ({o.get('shipping_method')})"
        for o in charged
    ]
    # each order's own cost, not a sum: a sum is arithmetic the shop's records do not hold
    parts = [f"You paid for shipping on {len(charged)} of your {len(orders)} orders: {'; '.join(lines)}."]
    if not charged:
        parts = [f"None of your {len(orders)} orders had a shipping charge."]
    paid = list(dict.fromkeys(str(o.get("shipping_method")) for o in orders if float(o.get("shipping_cost") or 0) > 0))
    groups: list[tuple[str, ...]] = [METHOD_RULE[m] for m in paid if m in METHOD_RULE]
    sources = [order_source(o) for o in orders[:3]]
    if groups:
        quotes, hits = desk.policy_quotes("shipping options cost: " + ", ".join(paid), groups)
        parts += [f"Our policy: {' '.join(quotes)}"] if quotes else []
        sources += [hit_source(h) for h in hits[:1]]
    return Reply(
        text=" ".join(parts),
        sources=sources[:4],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.STRUCTURED, Flag.ORDER},
        intent=Intent.ORDER_STATUS,
        confidence=confidence,
        author=Author.TEMPLATE,
    )
