"""How long until the money is back, asked of the shopper's own order that has not come back yet (#9): after "want
to return the jeans and socks from my order that showed up last friday", "how long till the money is back on my
card" got that order's delivery date and one line on cards, never the time a refund takes. Now: the order's state
(it has not come back, so no refund has started), the refunds page's timing once the return is received, what to do
after that, and where the money goes for the way the order was paid. A returned or cancelled order's refund is the
order desk's refund status (its own path); an order not yet shipped is a cancellation's question."""

from __future__ import annotations

import re
from typing import Any

from bot.core.ports import KnowledgePort
from bot.core.refund_timing import MONEY, PAYPAL, WHEN, timing_lines, where_it_goes
from bot.core.turn import HANDOFF_BUTTON, hit_source, order_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply

ON_ITS_WAY = ("shipped", "out for delivery")
NOT_THIS = re.compile(r"\b(?:cancel\w*|store credit|gift ?cards?|paper checks?|cheques?|shipping fee|how much)\b", re.I)
CARD_PAID = re.compile(r"\b(?:credit|debit) card\b|\bpaypal\b", re.I)


def asks_wait(text: str) -> bool:
    """ "how long till the money is back on my card?", "when will i see my refund": when the money comes back."""
    return bool(WHEN.search(text) and MONEY.search(text)) and not NOT_THIS.search(text)


def wait_reply(kb: KnowledgePort, order: dict[str, Any], pred: IntentPrediction) -> Reply | None:
    """The order's state and the refunds page's timing for a return of it; None when the order is not with the
    shopper (or on its way to them) or the page does not say the timing."""
    status = str(order.get("status") or "")
    if status != "delivered" and status not in ON_ITS_WAY:
        return None
    found = timing_lines(kb)
    if found is None:
        return None
    said, late, hits = found
    oid = order["order_id"]
    if status == "delivered":
        when = f" on {order['delivered_date']}" if order.get("delivered_date") else ""
        head = f"Your order {oid} was delivered{when} and has not come back to us yet, so no refund has started."
    else:
        head = f"Your order {oid} is {status} and has not reached you yet; a return can start once it arrives."
    parts = [head, "Once we receive the return:", *said]
    paid = str(order.get("payment_method") or "")
    if CARD_PAID.search(paid):  # the page's line for cards and PayPal; a gift card's refund it does not say
        where, where_hit = where_it_goes(kb, paypal=bool(PAYPAL.search(paid)))
        parts += [f"It was paid by {paid}.", *where[:1]] if where else []
        hits += [where_hit] if where_hit is not None else []
    parts += [late] if late else []
    return Reply(
        text=" ".join(parts),
        sources=[order_source(order)] + [hit_source(h) for h in hits[:2]],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.STRUCTURED, Flag.ORDER},
        intent=Intent.RETURNS_REFUNDS if pred.intent == Intent.OUT_OF_SCOPE else pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
