"""A general question about how long a refund takes, in the shopper's words ("once you get my return back how long
til i see the money? paid with paypal btw", "how fast do refunds come through", "how long does a refund take to my
card?"), answered from the refunds page: the timing sentences (processed within N business days of arriving, the
refund within N days of the day it was received, what to do after that) and, when a payment method is named, the
page's line for where that method's refund goes. The model once wrote "the funds appear immediately on your
credit/debit card" for this (issue #9). Not for store credit, a gift card or a check (the page's own sentence for
those answers), a cancelled order, a refund not yet seen, a promise, or the return window."""

from __future__ import annotations

import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

WHEN = re.compile(
    r"\b(?:how (?:long|soon|fast|quick(?:ly)?)|how many (?:business )?days|what day"
    r"|when(?:'?s| (?:will|do|does|would|should|can|is|are))\b)",
    re.I,
)
MONEY = re.compile(r"\b(?:refunds?|refunded|money|reimburs\w*|funds)\b", re.I)
NOT_THIS = re.compile(
    r"\b(?:store credit|gift ?cards?|paper checks?|cheques?|checks?|cancel\w*|still|haven'?t|hasn'?t|have not|"
    r"not (?:yet|received|seen|arrived)|never|been \d+|more than|over \d+|late|where(?:'s| is)?|promise|guarantee\w*|"
    r"tomorrow|today|have to|window|deadline|polic(?:y|ies)|request|ask for|eligible|shipping|fees?|status|"
    r"approved?|exchange\w*|plus|gold|silver|bronze)\b",
    re.I,
)
PAYPAL = re.compile(r"\bpay ?pal\b", re.I)
WAY = re.compile(r"^([A-Z][a-z]+(?: [a-z]+)?)\s+[–-]\s+(.+)$")
CARD = re.compile(r"\b(?:credit|debit|card|visa|mastercard|amex|bank)\b", re.I)


def refund_timing(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """The refunds page's timing (and the named payment method's line), or None when the question is not this."""
    if not (WHEN.search(text) and MONEY.search(text)) or NOT_THIS.search(text):
        return None
    found = timing_lines(kb)
    if found is None:
        return None
    said, late, hits = found
    out = list(said)
    if PAYPAL.search(text) or CARD.search(text):
        where, where_hit = where_it_goes(kb, paypal=bool(PAYPAL.search(text)))
        out += where
        hits += [where_hit] if where_hit and where_hit not in hits else []
    if late:
        out.append(late)
    return " ".join(out), hits


def timing_lines(kb: KnowledgePort) -> tuple[list[str], str, list[Hit]] | None:
    """The refunds page's two timing sentences (processed within N business days, back within N days), the one on
    what to do after that, and the section's hit; None when the page does not say them."""
    timing = find(
        kb,
        "How long does a refund take? process a return within business days",
        r"\bprocess a return within \d+ business days\b",
    )
    said = [
        s
        for s in timing.sentences
        if re.search(r"\bwithin \d+ (?:business )?days\b", s) and not re.search(r"\bstore credit\b", s, re.I)
    ][:2]
    if len(said) < 2:
        return None
    return said, timing.first(r"^If more than \d+ days\b"), [timing.hit] if timing.hit else []


def where_it_goes(kb: KnowledgePort, *, paypal: bool) -> tuple[list[str], Hit | None]:
    """ "Where it goes: back to the credit or debit card you paid with (PayPal orders are refunded to PayPal)." and
    the other ways; [] when the page's original-card line is missing (or says nothing of PayPal, for PayPal)."""
    ways = find(kb, "How will I get my money back? original card, store credit", r"\bOriginal card\b")
    listed = [m for s in ways.sentences if (m := WAY.match(s))]
    card = next((m for m in listed if m.group(1) == "Original card"), None)
    if card is None or (paypal and not re.search(r"\bPayPal\b", card.group(2))):
        return [], None
    others = [m.group(1).lower() for m in listed if m is not card]
    out = [f"Where it goes: {card.group(2)}"] + ([f"You can also choose {_or(others)} instead."] if others else [])
    return out, ways.hit


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
