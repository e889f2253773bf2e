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
from bot.core.ordered_items import LAST_ORDER, match_orders
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


# an order named by its place next to the one just answered: "and the one before that?", "the previous one?",
# "what about the order after it", "and before that?"; (?P<after>) marks the newer side
NEXT_TO = re.compile(
    r"\b(?:one|order|purchase)s? (?:(?P<before>before|prior to|previous to|preceding)|(?P<after>after|following))"
    r"(?: (?:that|it|this|those)(?: one)?\b|\W*$)"
    r"|^\W*(?:(?:and|ok|okay|so|then|what about|how about)\W+)*(?P<bare>before) (?:that|it|this)(?: one)?\W*$"
    r"|\b(?:the|my|your) (?P<prev>previous|prior|earlier) (?:one|order|purchase)\b",
    re.I,
)


def with_order_next_to(text: str, turn: Turn, orders_for: OrdersFor) -> str | None:
    """ "and the one before that?" after an answer about one of the shopper's orders: the last question (or the
    message's own) about the order placed just before (or after) it, by date ("... ? (order ORD-13800)")."""
    if len(re.findall(r"\w+", text)) > 14 or (m := NEXT_TO.search(text)) is None:
        return None
    last = listed_orders(turn.history)
    if len(last) != 1:
        return None
    own = sorted(orders_for(str(turn.customer.get("id"))), key=lambda o: str(o.get("date", "")))
    at = next((n for n, o in enumerate(own) if o["order_id"] == last[0]), None)
    if at is None:
        return None
    at += 1 if m.group("after") else -1
    if not 0 <= at < len(own):
        return None
    question = text if _asks_own(text, m) else _last_question(turn, skip_places=True)
    question = LAST_ORDER.sub("order", question)  # "how much did my last order come to?": that order, not the newest
    return f"{question.rstrip(' ?.!')}? (order {own[at]['order_id']})" if question else None


def _asks_own(text: str, m: re.Match[str]) -> bool:
    """The message asks its own question beside naming the order ("the one after that, what was in it?")."""
    return bool(ASKS.search(LEAD.sub("", (text[: m.start()] + " " + text[m.end() :]).strip(" ,;:-–?!."))))


def _last_question(turn: Turn, *, skip_places: bool = False) -> str:
    """The shopper's last message; with `skip_places`, the last that asked a question of its own ("and the one
    before that?" twice in a row asks the first question again)."""
    for h in reversed(turn.history):
        said = str(h.get("text", "")) if h.get("direction") == "in" else ""
        if said and not (skip_places and (m := NEXT_TO.search(said)) is not None and not _asks_own(said, m)):
            return said
    return ""


def with_other_order(
    text: str, turn: Turn, catalog: Sequence[dict[str, Any]], orders_for: OrdersFor | None
) -> str | None:
    """The question about the other order named ("can that one go to the new address too? (order ORD-13735)"), or
    the one placed before or after the order just answered ("and the one before that?")."""
    if orders_for is None or not turn.known_customer or order_ids_in(text) or len(text.split()) > MAX_WORDS:
        return None
    if (next_to := with_order_next_to(text, turn, orders_for)) is not None:
        return next_to
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
        question = _last_question(turn)
    return f"{question.rstrip(' ?.!')}? (order {found[0][0]['order_id']})" if question else None
