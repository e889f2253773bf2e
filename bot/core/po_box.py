"""Shipping to a P.O. box (or an APO/FPO/DPO military address): the shipping page's own rule, Economy only, with
Economy's row of the options table, never the international rate. "and if my order is 90 bucks it's free, right?"
right after it is the same question with an amount: the free-shipping threshold belongs to Standard, which needs a
street address, so free shipping to the box is not promised; with the amount at or over the threshold, Standard to
a street address would be free. Every figure comes from the page at run time; a slot that cannot be read leaves
the question to the usual way (None)."""

from __future__ import annotations

import re

from bot.core.places import places_in
from bot.core.policy_tables import free_from
from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import PO_BOX, ShippingPages, asked_method, read_pages, row_line, stated_amount
from bot.domain import Hit

# a follow-up that asks about the price again ("and if my order is over $75, is it free?", "how long does it take?")
AGAIN = re.compile(
    r"\b(?:free|cost|costs|price|how much|charge|fee|how long|how fast|take)\b|\$\s?\d|\d+\s*(?:bucks|dollars)", re.I
)


def po_box_answer(kb: KnowledgePort, text: str, before: str = "") -> tuple[str, list[Hit]] | None:
    """The P.O. box rule and Economy's row (and the threshold's option when an amount or "free" is asked), when
    this message, or the one before it that this one follows up on, names a P.O. box; else None."""
    if not PO_BOX.search(text) and not (before and PO_BOX.search(before) and AGAIN.search(text)):
        return None
    if len(text.split()) > 30:
        return None  # a long message about something else that mentions a P.O. box goes the usual way
    method = asked_method(text)
    if places_in(text) and method in ("", "economy"):
        return None  # "do you deliver to a P.O. box in Texas?": the place's answer, which says the P.O. box rule too
    pages = read_pages(kb)
    economy = _row(pages, "economy")
    if not pages.po_box or economy is None:
        return None
    out = [pages.po_box, f"{row_line(economy)}."]
    if method and method != "economy" and _row(pages, method) is not None:  # "can I get overnight to my PO box?"
        out.insert(0, f"No, {method.capitalize()} can't go to a P.O. box:")
    amount = stated_amount(text)
    if amount is not None or re.search(r"\bfree\b", text, re.I):
        out += _threshold(pages, amount)
    return " ".join(out), pages.hits


def _row(pages: ShippingPages, option: str) -> dict[str, str] | None:
    return next((r for r in pages.options if r.get("option", "").lower() == option), None)


def _threshold(pages: ShippingPages, amount: float | None) -> list[str]:
    """Which option the free-shipping threshold is for, and whether the amount said reaches it."""
    for row in pages.options:
        cost = " ".join(v for k, v in row.items() if "cost" in k)
        threshold = free_from(cost)
        limit = re.search(r"free (?:on|for) orders? (?:of|over|above) (\$\s?[\d,.]+(?: or more)?)", cost, re.I)
        if threshold is None or limit is None:
            continue
        option = row["option"]
        out = [
            f"Free shipping on orders of {limit.group(1)} is for {option} shipping, which needs a street address, "
            "so I can't promise free shipping to a P.O. box."
        ]
        if amount is not None and amount >= threshold:
            out.append(f"To a street address, {option} shipping on that order would be free.")
        return out
    return []
