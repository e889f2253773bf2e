"""How much of my money comes back if I return it? The shop's rules for the shopper's side of the border.

"Return labels within the United States are free" is no answer for a customer in Canada: a return from abroad
has a $15.00 return shipping fee deducted (except for Gold members and damaged items). The shopper's country is
their account's, or the place they name; when neither is known, both rules are given, each with its condition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.policy_lines import PERSON_OFFER, section
from bot.core.ports import KnowledgePort, StorePort
from bot.core.questions import names_abroad
from bot.core.refund_back import asked_before as _asked_before
from bot.core.refund_back import asked_count, back_line, the_item
from bot.core.return_window import NOT_ASKED, order_for_item
from bot.core.turn import Turn, hit_source, order_source
from bot.domain import Author, Flag, Intent, IntentPrediction, OrderAspect, Reply, Request, RequestKind

ASKS_AMOUNT = re.compile(
    r"\bhow much\b[^?.!]{0,40}\b(?:get back|back|refund(?:ed)?|return(?:ed)?|reimburs\w*)\b|\b(?:a |the )?full refund\b"
    r"|\b(?:all|every cent) of my money\b|\brefund amount\b|\bhow much (?:money )?(?:will|would|do|can) (?:i|we) (?:get|receive)\b"
    r"|\b(?:deducted|taken off|keep any)\b[^?.!]{0,30}\brefund\b"
    # "the full amount refunded", "all my money back", "refunded in full", "100% back"
    r"|\b(?:full|whole|entire|total) (?:amount|price|sum|cost)\b|\b(?:all|everything)\b[^?.!]{0,20}\bback\b"
    r"|\bin full\b|\b100 ?%",
    re.I,
)
# what sending it back costs the shopper ("would I pay the return shipping fee?", "is it free to return the dress I
# bought?"): the same rules for their side of the border; asked by a known customer, whose country the account holds
ASKS_FEE = re.compile(
    r"\b(?:pay|paying|charged?|charging|cost|costs|fee|free)\b[^?.!]{0,40}\b(?:return\w*|(?:send|ship|mail)\w*\b[^?.!]{0,25}\bback)\b"
    r"|\breturn (?:shipping|postage|label|fee)s?\b[^?.!]{0,30}\b(?:free|cost|costs|pay|paid|charge\w*|fee|how much)\b"
    r"|\b(?:how much|what)\b[^?.!]{0,20}\breturn (?:shipping|postage|label|fee)",
    re.I,
)
RETURNING = re.compile(r"\b(?:return\w*|send\w*\b[^?.!]{0,30}\bback|refund\w*)\b", re.I)
# the passages, and which of their sentences answer
RULES = (
    ("us", "Ways to send a return back: return labels within the United States are free", r"^Return labels within"),
    (
        "abroad",
        "International returns: customers outside the United States prepaid DHL Express return label fee deducted",
        r"outside the United States|deducted from the refund",
    ),
    ("shipping", "Are shipping fees refunded? original shipping fees", r"\bshipping fees?\b"),
)


def asks_refund_amount(text: str) -> bool:
    """ "If I send back the peacoat how much do I get back?", "do I get a full refund?"."""
    return bool(ASKS_AMOUNT.search(text)) and bool(RETURNING.search(text))


class RefundAmounts:
    """Answers how much a return refunds from the rules for the shopper's country and level."""

    def __init__(self, store: StorePort, kb: KnowledgePort) -> None:
        self.store = store
        self.kb = kb

    def reply(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, catalog: Sequence[dict[str, Any]]
    ) -> Reply | None:
        before = _asked_before(turn, text)
        # "so how much do I actually get back?" right after "I want to send back the denim jacket ...": that return
        followed = bool(ASKS_AMOUNT.search(text) and not RETURNING.search(text) and RETURNING.search(before))
        asked = asks_refund_amount(text) or followed or (turn.known_customer and bool(ASKS_FEE.search(text)))
        if req.kind in NOT_ASKED or not asked:
            return None
        about = f"{before} {text}" if followed else text
        if req.kind == RequestKind.OWN_ORDER and OrderAspect.REFUND in req.aspects:
            return None  # an order already sent back: its record answers (the order desk's refund figures)
        rules: dict[str, list[str]] = {}
        sources: list[dict[str, str]] = []
        for key, query, keep in RULES:
            found = section(self.kb, query, about=re.compile(keep.lstrip("^"), re.I))
            rules[key] = found.pick(lambda s, k=keep: bool(re.search(k, s, re.I)), limit=2)  # type: ignore[misc]
            if rules[key] and found.hit is not None and hit_source(found.hit) not in sources:
                sources.append(hit_source(found.hit))
        if not rules["abroad"] or not rules["us"]:
            return None  # the shop's rules could not be read: the question goes the usual way
        country = _country(turn, about)
        tier = str(turn.customer.get("membership") or "").lower() if turn.known_customer else ""
        order = order_for_item(self.store, turn, req, about, catalog)
        parts = _paid_line(order, about, sources)
        if country is None:
            parts += rules["us"] + rules["abroad"]
        elif country == "United States":
            parts += rules["us"]
        else:
            where = "The" if country == "abroad" else f"Your account is in {country}, so the"
            parts.append(f"{where} rule for returns from outside the United States applies:")
            parts += rules["abroad"]
            if tier == "gold":
                parts.append("As a Gold member, that return shipping fee is not deducted from your refund.")
        parts += rules["shipping"]
        parts += back_line(
            order, about, rules["abroad"], abroad=country not in (None, "United States"), gold=tier == "gold"
        )
        parts.append(PERSON_OFFER)
        return Reply(
            text=" ".join(parts),
            sources=sources[:4],
            flags={Flag.FROM_DATA},
            intent=Intent.RETURNS_REFUNDS if pred.intent == Intent.OUT_OF_SCOPE else pred.intent,
            confidence=max(pred.confidence, 0.9),
            author=Author.TEMPLATE,
        )


def _country(turn: Turn, text: str) -> str | None:
    """The shopper's side of the border: a place named in the question, else the known customer's country."""
    if names_abroad(text):
        return "abroad"
    if turn.known_customer and (country := str(turn.customer.get("country") or "").strip()):
        return "United States" if country.lower() in ("united states", "us", "usa") else country
    return None


def _paid_line(order: dict[str, Any] | None, text: str, sources: list[dict[str, str]]) -> list[str]:
    """What the shopper paid for the item asked about, from their order, when one order line holds it. A line of
    several pieces is said per item with the count (never one piece's price as if it were all of them), and the
    amount for all of them where the order's items total is that amount."""
    if order is None:
        return []
    item = the_item(order, text)
    if item is None:
        return []
    sources.insert(0, order_source(order))
    currency = order.get("currency", "USD")
    price = float(item.get("price") or 0)
    qty = int(item.get("qty") or 1)
    where = f"in order {order['order_id']}"
    if qty < 2:
        return [f"You paid {price:.2f} {currency} for the {item.get('name')} {where}."]
    said = f"You paid {price:.2f} {currency} each for the {qty} {item.get('name')} {where}"
    total = float(order.get("total") or 0)
    if asked_count(text, qty) == qty and abs(total - price * qty) < 0.005:  # the order's items total: all of them
        return [f"{said}, so {total:.2f} {currency} for {'both' if qty == 2 else f'all {qty}'}."]
    return [f"{said}."]
