"""Questions whose answer depends on who asks: another person's data (refused), "can I still return it?" (the
shopper's level and purchase date against the windows) and "how much do I get back?" (their country's rule)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.item_swaps import swaps_own_item
from bot.core.lookups import SkuMap
from bot.core.missing_parcel import missing_parcel_reply
from bot.core.policy_slots import PolicySlots
from bot.core.ports import KnowledgePort, StorePort
from bot.core.privacy import privacy_reply
from bot.core.questions import SHIP_OR_RETURN, names_abroad
from bot.core.refund_amount import RefundAmounts
from bot.core.return_several import several_orders_reply
from bot.core.return_window import ReturnWindows
from bot.core.turn import Turn
from bot.core.unreturnable_ask import unreturnable_reply
from bot.domain import IntentPrediction, Reply, Request, RequestKind

SHIPPING_COST = re.compile(
    r"\b(?:shipping|delivery|overnight)\b.*\b(?:cost|costs|how much|price|fee|free|charge)\b|"
    r"\b(?:cost|costs|how much|price|fee|free|charge)\b.*\b(?:shipping|delivery|overnight)\b",
    re.I,
)
RETURN_WORD = re.compile(r"\breturn|\bsend\b.*\bback\b", re.I)
HOME = re.compile(r"\b(?:us|u\.s\.|usa|united states|america|domestic|international|abroad|overseas|states)\b", re.I)


def from_home(query: str, text: str, req: Request, turn: Turn) -> str:
    """The retrieval query with the known customer's facts a policy answer depends on.

    A customer abroad asking about shipping or returns without naming a place asks about their own country:
    "are returns free?" from Canada is not answered with the US rule ("Return labels within the United States
    are free"); the place goes into the query, so retrieval and the sentence choice treat it as named. A Gold
    member asking what shipping costs gets the rows that name Gold (overnight and international are free)."""
    if not turn.known_customer or req.kind != RequestKind.POLICY or not SHIP_OR_RETURN.search(text):
        return query
    if str(turn.customer.get("membership") or "").lower() == "gold" and SHIPPING_COST.search(text):
        query = f"{query} (Gold members)"
    country = str(turn.customer.get("country") or "").strip()
    if not country or HOME.search(country) or names_abroad(text) or HOME.search(text):
        return query
    if not names_abroad(f"{text} ({country})"):
        return query  # a country the shop's list of places does not know
    way = "from" if RETURN_WORD.search(text) else "to"
    return f"{query} ({way} {country})"


class ShopperFacts:
    """Answers from the rules and the shopper's own facts, or None when the message asks none of these."""

    def __init__(self, store: StorePort, kb: KnowledgePort) -> None:
        self.store, self.kb = store, kb
        self.windows = ReturnWindows(store, kb)
        self.amounts = RefundAmounts(store, kb)
        self.slots = PolicySlots(kb)  # worn items, the sale today, a Plus refund, Gold's shipping, places

    def reply(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, catalog: Sequence[dict[str, Any]]
    ) -> Reply | None:
        private = privacy_reply(text, pred, self.kb)  # another person's data: a polite no, never a lookup
        if private is not None:
            return private
        guest = not turn.known_customer and not req.order_ids  # "says delivered 2 days ago, nothing here": the rule
        if guest and (lost := missing_parcel_reply(self.kb, text, pred, days_needed=True)) is not None:
            return lost
        kept = unreturnable_reply(self.kb, self.store, turn, req, text, pred)  # "send back the socks? wrong color"
        if kept is not None:
            return kept
        if (slot := self.slots.reply(turn, req, text, pred)) is not None:
            return slot
        if swaps_own_item(turn, req):
            return None  # "exchange the sweater I got on halloween for a medium": the order desk reads the stock
        windows = self.windows.reply(turn, req, text, pred, catalog)
        if windows is None or not any(s.get("doc_id", "").startswith("order:") for s in windows.sources):
            # no one order of theirs picked: each order the item is in, when the window's answer is the same for all
            several = several_orders_reply(self.store, self.kb, turn, req, pred, SkuMap(catalog))
            windows = several or windows
        return windows or self.amounts.reply(turn, req, text, pred, catalog)
