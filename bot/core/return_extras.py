"""What a return question about one of the shopper's own orders asks beside the window's verdict: "do I get the
shipping back too?" (the shipping paid on that order against the refunds page's rule), "I don't have the box
anymore" (the outside-window rule's packaging route is then closed), and "can you promise you'll still take them
back in April?" (the window's last day is the most the shop's rules say; the bot cannot promise past it).

Every figure is the order's (its shipping cost and method) or a sentence of the shop's pages read at run time;
nothing is said when neither says it."""

from __future__ import annotations

import re
from typing import Any

from bot.core.order_words import AMOUNT_BACK, FEE_BACK
from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.core.refund_back import back_line
from bot.core.refund_figures import shipped_to
from bot.domain import Hit

SHIPPING_QUERY = "Are shipping fees refunded? original shipping fees"
# "I want to return the combat boots from my august order", "i wanna send them back": a return the shopper means
# to make (the window answers whether it can be)
WANTS_RETURN = re.compile(
    r"(?:\b(?:i|we)\s*|^\W*)(?:'d|would)?\s*(?:want|wanna|like|need|am going|'m going|plan|have)\s*(?:to\s+)?"
    r"(?:return|send\b[^?.!]{0,30}\bback)\b",
    re.I,
)
# the original packaging gone ("I don't have the box anymore", "threw out the packaging")
NO_PACKAGING = re.compile(
    r"\b(?:no|lost|without|threw (?:out|away)|thrown (?:out|away)|tossed|don'?t have|do not have|haven'?t got"
    r"|recycled|binned)\b[^?.!]{0,25}\b(?:box|boxes|packaging|package it came in|original packaging)\b",
    re.I,
)
# the original packaging kept ("still in the original box and packaging", "have the original packaging")
HAS_PACKAGING = re.compile(
    r"\b(?:in|with|have|kept|still in|got)\b[^?.!]{0,20}\b(?:original|its|the)\b[^?.!]{0,12}\b(?:box|packaging)\b",
    re.I,
)
# a promise asked about a later return ("can you promise you'll still take them back when I'm back?")
PROMISE_RETURN = re.compile(
    r"\b(?:promise|guarantee|swear)\b[^?.!]{0,60}\b(?:take (?:it|them|this|that|[\w-]+(?: [\w-]+){0,3}) back|take back\b"
    r"|accept (?:the |my |a )?return|(?:i can|i could|i'll be able to|i will be able to)\s+(?:still\s+)?return"
    r"|return (?:it|them) (?:then|later|after|when))",
    re.I,
)
TAKE_BACK = re.compile(
    r"\b(?:will|would|can|could)\s+(?:you|u)\s+(?:still\s+)?(?:take (?:it|them|this|that|[\w-]+(?: [\w-]+){0,3}) back|take back"
    r"|accept (?:the |my |a )?return)\b",
    re.I,
)
DAMAGED = re.compile(r"\b(?:damaged|defective|faulty|broken|torn|ripped|stain\w*|hole|not what i ordered)\b", re.I)
FINE = re.compile(
    r"\b(?:never (?:wore|worn|used)|unworn|tags? (?:still )?(?:on|attached)|(?:doesn'?t|didn'?t|does not|did not) fit"
    r"|too (?:small|big|large|tight|loose|short|long)|changed my mind|(?:don'?t|didn'?t) (?:like|want|need) (?:it|them)"
    r"|wrong size)\b",
    re.I,
)
RECEIPT_KEPT = re.compile(
    r"(?:\b(?:i (?:still )?have|i'?ve got|i got|kept|still have)|(?:^|[,;]|\band)\s*have)\b[^?.!]{0,12}"
    r"\b(?:the |my |original )*receipts?\b"
    r"(?![^?.!]{0,12}\b(?:lost|gone|thrown))",
    re.I,
)
PROMISE_NO = "I can't promise a return after that date, and I can't make an exception myself."


def asks_return_later(text: str) -> bool:
    """A promise asked about returning later, or "will you still take them back?"."""
    return bool(PROMISE_RETURN.search(text) or TAKE_BACK.search(text))


def packaging_said(text: str) -> bool | None:
    """False when the shopper says the original packaging is gone, True when they say they have it, else None."""
    if NO_PACKAGING.search(text):
        return False
    return True if HAS_PACKAGING.search(text) else None


RECEIPT_LINE = "You say you have the original receipt, so the return can still be accepted with it."
NO_PACKAGING_LINE = (
    "You say you no longer have the original packaging, so it can only be accepted with the original receipt."
)
PACKAGING_LINE = (
    "You say it is still in its original packaging, so as a {tier} member the return can still be accepted."
)


START_QUERY = "How to start a return: contact us with your order number and the reason for the return"


def start_lines(kb: KnowledgePort) -> tuple[list[str], Hit | None]:
    """The returns page's "how to start a return" sentence, quoted; ([], None) when it cannot be read."""
    found = section(kb, START_QUERY, about=re.compile(r"\bto start a return\b", re.I))
    lines = found.pick(lambda s: bool(re.search(r"\bto start a return\b", s, re.I)), limit=1)
    return lines, found.hit if lines else None


def _packaging_route(outside: str) -> bool:
    """Whether the shop's rule for returns outside the window (as read) has the original-packaging route."""
    return bool(re.search(r"\boriginal packaging\b", outside, re.I))


def shipping_back(order: dict[str, Any], text: str, kb: KnowledgePort) -> tuple[str, Hit | None]:
    """ "do I get the shipping back too?": the shipping paid on the order and whether the refunds page's rule gives
    it back in the case the shopper states (damaged / not damaged / not said); ('', None) when not asked or the
    rule cannot be read."""
    if not FEE_BACK.search(text):
        return "", None
    found = section(kb, SHIPPING_QUERY, about=re.compile(r"\bshipping fees?\b", re.I))
    rules = found.pick(lambda s: bool(re.search(r"\bshipping fees?\b.*\brefunded\b", s, re.I)), limit=2)
    paid = float(order.get("shipping_cost") or 0)
    method = str(order.get("shipping_method") or "").strip()
    on = f"{method} shipping" if method else "shipping"
    if not paid:
        return f"You paid nothing for {on} on order {order['order_id']}, so there is no shipping fee to refund.", None
    if not rules:
        return "", None
    rule = " ".join(rules)
    if DAMAGED.search(text):
        verdict = f"Since it arrived damaged or defective, the ${paid:,.2f} you paid for {on} is refunded as well."
    elif FINE.search(text):
        verdict = f"It isn't damaged or defective, so the ${paid:,.2f} you paid for {on} is not refunded."
    else:
        verdict = (
            f"So the ${paid:,.2f} you paid for {on} comes back only if the item arrived damaged, defective or not "
            "what you ordered."
        )
    return f"Our policy: {rule} {verdict}", found.hit


HOW_BACK = re.compile(
    r"\bhow (?:do|can|should|would) (?:i|we) (?:send|ship|mail|get|return|drop)\b|\bhow (?:to|does) (?:send|return|ship)\b"
    r"|\bwhere (?:do|can) (?:i|we) (?:send|drop|take|return)\b|\breturn label\b|\bdrop(?: it| them)? off\b",
    re.I,
)
WAYS_QUERY = (
    "Ways to send a return back: by mail prepaid return shipping label, in store, drop-off center UPS Access Point"
)


def ways_back(text: str, kb: KnowledgePort) -> tuple[list[str], Hit | None]:
    """ "how do I send it back?": the returns page's ways to send a return back, quoted; ([], None) when not asked."""
    if not HOW_BACK.search(text):
        return [], None
    found = section(kb, WAYS_QUERY, about=re.compile(r"\bUPS Access Point|\breturn shipping label\b", re.I))
    lines = found.pick(lambda s: not s.rstrip().endswith(":"), limit=7)  # the ways, not the list's lead-in
    return lines, found.hit if lines else None


def extra_lines(
    order: dict[str, Any] | None,
    text: str,
    kb: KnowledgePort,
    customer: dict[str, Any],
    *,
    past: bool,
    tier: str | None,
    dated: bool,
    outside: str = "",
    acting: bool = False,
) -> tuple[list[str], list[Hit]]:
    """The lines a return question asks beside the window's verdict, in the order a shopper reads them: the
    packaging route closed, a promise past the last day, the shipping back, the ways to send it."""
    out: list[str] = []
    hits: list[Hit] = []
    if past and RECEIPT_KEPT.search(text):
        out.append(RECEIPT_LINE)
    elif past and packaging_said(text) and tier in ("bronze", "silver") and _packaging_route(outside):
        out.append(PACKAGING_LINE.format(tier=tier.capitalize()))
    elif past and packaging_said(text) is False and tier in ("bronze", "silver"):
        out.append(NO_PACKAGING_LINE)
    met = bool(out) and out[0] != NO_PACKAGING_LINE
    if met and not acting:  # a route outside the window is met: how to start the return (a request opened says it)
        start, start_hit = start_lines(kb)
        out += start
        hits += [start_hit] if start_hit is not None else []
    if dated and asks_return_later(text):
        out += [PROMISE_NO, outside]  # and what the rules still allow after the last day
    if order is not None:
        line, hit = shipping_back(order, text, kb)
        out += [line] if line else []
        hits += [hit] if hit is not None else []
        out += amount_back(order, text, customer, kb) if not past else []
    ways, ways_hit = ways_back(text, kb)
    out += ways
    hits += [ways_hit] if ways_hit is not None else []
    return out, hits


ABROAD_QUERY = (
    "International returns: customers outside the United States prepaid DHL Express return label fee deducted"
)


def amount_back(order: dict[str, Any], text: str, customer: dict[str, Any], kb: KnowledgePort) -> list[str]:
    """ "how much will I get back?" beside "I want to return the trousers": the price paid for the pieces named,
    less the return fee the page deducts from abroad (refund_back.back_line); [] when not asked or not readable."""
    if not AMOUNT_BACK.search(text):
        return []
    rule = section(kb, ABROAD_QUERY, about=re.compile(r"deducted from the refund", re.I))
    abroad_rule = rule.pick(lambda s: "deducted from the refund" in s, limit=1)
    country = shipped_to(order, customer).lower()
    abroad = bool(country) and country not in ("united states", "us", "usa")
    gold = str(customer.get("membership") or "").lower() == "gold"
    return back_line(order, text, abroad_rule, abroad=abroad, gold=gold)


def named_most(orders: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The orders holding the item whose name (or colour) shares the most words with the text; [] when none does."""
    said = set(re.findall(r"[a-z][a-z'-]{2,}", text.lower()))

    def score(o: dict[str, Any]) -> int:
        names = [  # its name and its colour: "the lavender shirt" is the lavender one of two shirts
            set(re.findall(r"[a-z][a-z'-]{2,}", f"{i.get('name', '')} {i.get('color') or ''}".lower()))
            for i in o.get("items") or []
        ]
        return max((len(n & said) for n in names), default=0)

    best = max((score(o) for o in orders), default=0)
    return [o for o in orders if score(o) == best] if best else []


def says_more(text: str) -> bool:
    """A return follow-up that says or asks more than whether it can still be returned: how to send it, a receipt
    kept, the box gone, the shipping or the amount back."""
    found = (HOW_BACK, RECEIPT_KEPT, NO_PACKAGING, FEE_BACK, AMOUNT_BACK)
    return any(rx.search(text) for rx in found)
