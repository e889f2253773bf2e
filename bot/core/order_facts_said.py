"""Facts a message states about one of the shopper's orders, checked against each order's record to pick it:
"why did I pay 8 dollars shipping on my sweater order?" (the sweater order whose shipping cost $8.00), "was my
refund for the stained stuff processed?" (the order returned for "stain or defect"), "how come I paid shipping on
my cardigan order?" (the cardigan order with a shipping charge, not the one that shipped free).

Each fact keeps the orders whose record agrees with it; a fact the message does not state, or one no order agrees
with, narrows nothing, so a fact never empties the list (the usual "which one?" then applies)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# the return reasons the order records hold, and the words a shopper says for each
REASONS = (
    ("stain or defect", re.compile(r"\b(?:stain\w*|defect\w*|faulty|damaged|broken|ripped|torn|hole)\b", re.I)),
    ("wrong size", re.compile(r"\b(?:wrong size|didn'?t fit|did not fit|too (?:small|big|large|tight|loose))\b", re.I)),
    ("wrong color", re.compile(r"\bwrong colou?r\b", re.I)),
    ("changed my mind", re.compile(r"\bchanged my mind\b|\bdidn'?t (?:like|want) (?:it|them)\b", re.I)),
)
# the shopper says shipping was charged (not asks whether it was: "did I pay for shipping?")
SHIPPING_CHARGED = re.compile(
    r"\b(?:why|how come)\b[^?]{0,40}\b(?:pay|paid|charged?)\b[^?]{0,30}\b(?:shipping|delivery|postage)\b"
    r"|\b(?:i|we) (?:paid|was charged|were charged|got charged|had to pay)\b[^?.!]{0,30}\b(?:shipping|delivery|postage)\b"
    r"|\bcharged (?:me|us)\b[^?.!]{0,30}\b(?:shipping|delivery|postage)\b",
    re.I,
)
AMOUNT = re.compile(r"\$\s?(\d{1,5}(?:\.\d\d)?)\b|\b(\d{1,5}(?:\.\d\d)?)\s*(?:dollars|bucks|usd)\b", re.I)
SHIPPING_AMOUNT = re.compile(
    r"(?:\$\s?(\d{1,5}(?:\.\d\d)?)|\b(\d{1,5}(?:\.\d\d)?)\s*(?:dollars|bucks|usd)?)\s*(?:for |in |of )?(?:shipping|delivery|postage)\b",
    re.I,
)


def _reason(text: str) -> Callable[[dict[str, Any]], bool] | None:
    said = [name for name, rx in REASONS if rx.search(text)]
    if not said:
        return None
    return lambda o: str(o.get("return_reason") or "").lower() in said


def _amounts(text: str) -> Callable[[dict[str, Any]], bool] | None:
    """An amount said: the order whose shipping, total or an item's price is that amount."""
    found = [float(a or b) for a, b in AMOUNT.findall(text)]
    shipping = [float(a or b) for a, b in SHIPPING_AMOUNT.findall(text)]
    if not found and not shipping:
        return None

    def agrees(o: dict[str, Any]) -> bool:
        cost = float(o.get("shipping_cost") or 0)
        if shipping:
            return any(abs(cost - a) < 0.01 for a in shipping)
        prices = [float(o.get("total") or 0), cost] + [float(i.get("price") or 0) for i in o.get("items") or []]
        return any(abs(p - a) < 0.01 for a in found for p in prices)

    return agrees


def _charged(text: str) -> Callable[[dict[str, Any]], bool] | None:
    return (lambda o: float(o.get("shipping_cost") or 0) > 0) if SHIPPING_CHARGED.search(text) else None


def by_facts(text: str, orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The orders whose records agree with every fact the message states that some order agrees with."""
    for rule in (_reason(text), _amounts(text), _charged(text)):
        if rule is None:
            continue
        kept = [o for o in orders if rule(o)]
        if kept:
            orders = kept
    return orders
