"""Another of the shopper's orders, named by an item (#9): after an answer about one order, "what about the coat
order, can that one go to the new address too?" is the same kind of question about the order that holds the coat
(c010: the shipped overcoat order, not the unshipped shirts order just answered), never a catalog search for coats.

Known customers only, before routing: the message names "the/my <item> order" or "the order/one with the <item>",
the item's words fit exactly one of the shopper's orders (ordered_items.match_orders), and that order is not the
one the last reply was about. The message's own question (its clause after the order phrase) is asked about that
order; with none ("and the boots order?") the last question is."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.lookups import order_ids_in
from bot.core.order_pick import listed_orders
from bot.core.ordered_items import match_orders
from bot.core.turn import Turn

OrdersFor = Callable[[str], list[dict[str, Any]]]

NAMED_ORDER = re.compile(
    r"\b(?:the|my|that|this)\s+(?P<w>(?:[a-z][\w'-]*\s+){1,3}?)(?:order|purchase|package|parcel)\b"
    r"|\bthe (?:order|one|package|parcel) (?:with|for) (?:the |my )?(?P<w2>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,2})",
    re.I,
)
NOT_ITEMS = {"other", "second", "first", "last", "new", "next", "old", "earlier", "latest", "recent", "whole", "same"}
# what the shopper asks of an order ("can that one go to the new address", "has it shipped", "when will it come")
ASKS = re.compile(
    r"\b(?:can|could|will|would|has|have|is|are|did|does|when|where|how|what'?s the|cancel|change|address|track"
    r"|shipped|arrive|deliver)\b",
    re.I,
)
LEAD = re.compile(r"^\W*(?:(?:ok(?:ay)?|and|so|also|then)\W+)*(?:what|how) about\b", re.I)
MAX_WORDS = 25


def with_other_order(
    text: str, turn: Turn, catalog: Sequence[dict[str, Any]], orders_for: OrdersFor | None
) -> str | None:
    """The question about the other order named ("can that one go to the new address too? (order ORD-13735)")."""
    if orders_for is None or not turn.known_customer or order_ids_in(text) or len(text.split()) > MAX_WORDS:
        return None
    m = NAMED_ORDER.search(text)
    if m is None:
        return None
    said = " ".join(w for w in (m.group("w") or m.group("w2") or "").split() if w.lower() not in NOT_ITEMS)
    last = listed_orders(turn.history)
    if not said or len(last) != 1:
        return None
    own = sorted(orders_for(str(turn.customer.get("id"))), key=lambda o: str(o.get("date", "")), reverse=True)
    found = match_orders(said, own, {str(p.get("sku")): p for p in catalog})
    if not found or len(found[0]) != 1 or found[0][0]["order_id"] == last[0]:
        return None
    rest = text[m.end() :].strip(" ,;:-–")
    if rest and ASKS.search(rest):
        question = rest  # "what about the coat order, can that one go to the new address too?"
    elif ASKS.search(LEAD.sub("", text[: m.start()])):
        question = text  # "has the coat order shipped?"
    else:  # "and the boots order?": the last question, about that order
        question = next((str(h.get("text", "")) for h in reversed(turn.history) if h.get("direction") == "in"), "")
    return f"{question.rstrip(' ?.!')}? (order {found[0][0]['order_id']})" if question else None
