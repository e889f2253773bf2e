"""A shipping fee on one of the shopper's orders, explained and matched to what the shop's rule lets be done for an
order in its state (#9). "why am i paying $8 shipping on the sweater i just ordered?? can you take that off" (a
processing order) got the out-for-delivery rule ("Once it is out for delivery or delivered, we can refund the
standard shipping fee of $8.00."), and "i paid 25 shipping on a 26 dollar t-shirt and its STILL not here" the late
order alone. The reply says why the fee applied (`case_shipping.order_shipping_line`: the option's price against
its free threshold, the order's amount) and the one sentence of the shipping page's "Shipping fee refunds" that
names the order's stage, the stage read from the page's tracking stages ("Order Received (placed or processing –
not yet shipped), In Transit (shipped), Out for Delivery and Delivered"). Only staff waive or refund a fee: the rule
is quoted, never promised."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.case_shipping import order_shipping_line
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import read_pages
from bot.domain import Hit

STAGES_QUERY = "Tracking your order: an order goes through these stages Order Received In Transit Out for Delivery"
FEES_QUERY = "Shipping fee refunds: shipping cost too high, waive its shipping fee, refund the standard shipping fee"
STAGE_LEAD = "It is at the"  # the stage rule's line: "It is at the Order Received stage, and for that ..."
ACTIVE = ("placed", "processing", "shipped", "out for delivery")
# "$8", "8 dollars", "25 shipping": amounts the shopper says, to tell which order's fee is meant
AMOUNTS = re.compile(r"\$\s?(\d+(?:\.\d\d)?)|\b(\d+(?:\.\d\d)?)\s*(?:dollars?|bucks|usd|shipping)\b", re.I)


# "take that off", "remove it", "get rid of that": what was just said asked off
THAT_OFF = (
    r"\b(?:(?:take|knock|get)\s+(?:that|it|this)\s+off|(?:remove|waive|drop|refund|get rid of)\s+(?:that|it|this))\b"
)
# a fee said: "paying $8 shipping", "8 bucks shipping", "charged", "the shipping fee"
FEE_SAID = (
    r"(?:\bfees?\b|\bcharge[sd]?\b|\bpa(?:y|id|ying)\b[^?.!]{0,20}\bshipping\b|(?:\$\s?\d+|\b\d+\s*(?:dollars?|bucks))"
    r"[^?.!]{0,15}\bshipping\b|\bshipping\b[^?.!]{0,10}\b(?:fee|cost|charge)s?\b)"
)


def fee_said_off(asking: str) -> str:
    """The pattern of a fee said and then asked off ("why am i paying $8 shipping ...?? can you take that off",
    "8 bucks shipping?? get rid of that please"), `asking` being the refusals' request words; starts with "|"."""
    return (
        rf"|{FEE_SAID}[\s\S]{{0,80}}?(?:{asking}[^?.!]{{0,15}}?{THAT_OFF}|{THAT_OFF}[^?.!]{{0,10}}\bpl(?:ease|s|z)\b)"
    )


def order_stages(kb: KnowledgePort) -> dict[str, str]:
    """Each order status the tracking stages name, with its stage: {"processing": "Order Received", ...}."""
    page = find(kb, STAGES_QUERY, r"goes through these stages")
    sentence = next((s for s in page.sentences if "goes through these stages" in s), "")
    rest = sentence.split(":", 1)[1] if ":" in sentence else ""
    out: dict[str, str] = {}
    for piece in re.split(r",\s*(?![^()]*\))|\s+and\s+(?![^()]*\))", rest.strip().rstrip(".")):
        m = re.match(r"\s*(?P<name>[A-Z][\w ]*?)\s*(?:\((?P<what>[^)]*)\))?\s*$", piece)
        if not m:
            continue
        what = re.split(r"\s*[–-]\s*", m.group("what") or "")[0]
        for status in re.split(r"\s+or\s+|,\s*", what) if what else [m.group("name")]:
            out[status.strip().lower()] = m.group("name").strip()
    return out


def stage_rule(kb: KnowledgePort, stage: str) -> tuple[str, Hit | None]:
    """The "Shipping fee refunds" sentence for an order at `stage`: one naming it as written ("(Order Received or In
    Transit)"), else one naming it in lower case not after "not yet" ("Once it is out for delivery or delivered")."""
    page = find(kb, FEES_QUERY, r"\bshipping fee\b")
    said = [s for s in page.sentences if re.search(r"\bshipping fee\b", s)]
    exact = [s for s in said if re.search(rf"\b{re.escape(stage)}\b", s)]
    loose = [
        s
        for s in said
        if (m := re.search(rf"\b{re.escape(stage)}\b", s, re.I))
        and not re.search(r"\bnot(?: yet)?\b[^,]*$", s[: m.start()])
    ]
    rule = (exact or loose or [""])[0]
    return rule, page.hit if rule else None


def fee_lines(order: dict[str, Any], kb: KnowledgePort, *, gold: bool) -> tuple[list[str], list[Hit]]:
    """Why the order's shipping cost what it did, and the fee rule for its stage; ([], []) with no fee on it."""
    if float(order.get("shipping_cost") or 0) <= 0:
        return [], []
    pages = read_pages(kb)
    why = order_shipping_line(order, pages, gold=gold)
    status = str(order.get("status") or "")
    stage = order_stages(kb).get(status, "")
    rule, hit = stage_rule(kb, stage) if stage else ("", None)
    lines = [why] if why else []
    if rule:
        lines.append(f"{STAGE_LEAD} {stage} stage, and for that our policy says: {rule}")
    return lines, ([*pages.hits[:1], hit] if hit is not None else pages.hits[:1]) if lines else []


def fee_line(order: dict[str, Any]) -> str:
    """What the order's shipping cost, from the orders table."""
    cost = float(order.get("shipping_cost") or 0)
    money = f"{cost:.2f} {order.get('currency', 'USD')}"
    head = f"Your order {order['order_id']} is {order.get('status')}; its {order.get('shipping_method') or ''} shipping cost {money}"
    return head + (", so there is no shipping fee on it." if cost == 0 else ".")


def fee_order(
    orders: Sequence[dict[str, Any]], found: Sequence[dict[str, Any]] | None, text: str
) -> dict[str, Any] | None:
    """The order a fee is asked about, among the orders holding the item named (`found`; None when no item is named):
    those whose shipping cost an amount the shopper says, then those still on their way; the one left, or with no
    item named the newest on its way (or the newest)."""
    said = {float(a or b) for a, b in AMOUNTS.findall(text)}
    if found is not None:
        pool = [o for o in found if float(o.get("shipping_cost") or 0) in said] or list(found)
        pool = [o for o in pool if str(o.get("status")) in ACTIVE] or pool
        return pool[0] if len(pool) == 1 else None
    active = [o for o in orders if str(o.get("status")) in ACTIVE]
    pool = active or list(orders)
    return pool[0] if pool else None
