"""What a return of one of the shopper's own order lines gives back, worked out from the order and the return rule
for their side of the border: the price paid for the pieces asked about, less the return shipping fee the rule
deducts from abroad (not for Gold members, nor for an item the shopper says arrived damaged or defective). The
figures are the order's and the rule's; the sum is written out ("$218.99 - $15.00 = $203.99"). No line is said
when the order, the item or the fee cannot be read, or the order is already returned or cancelled (its own
record answers that)."""

from __future__ import annotations

import re
from typing import Any

from bot.core.turn import Turn

DAMAGED = re.compile(r"\b(?:damaged|defective|faulty|broken|torn|ripped|stain\w*|hole|wrong (?:item|colou?r))\b", re.I)
FEE = re.compile(r"\$\s?(\d+(?:\.\d\d)?)[^.]*\bdeducted\b|\bdeducted\b[^.]*\$\s?(\d+(?:\.\d\d)?)", re.I)


def asked_before(turn: Turn, text: str) -> str:
    """The shopper's message before this one ('' when none)."""
    said = [str(m.get("text", "")) for m in turn.history if m.get("direction") == "in"]
    said = [t for t in said if t.strip() != text.strip()]
    return said[-1] if said else ""


def back_line(
    order: dict[str, Any] | None, text: str, abroad_rule: list[str], *, abroad: bool, gold: bool
) -> list[str]:
    """ "So you would get back $203.99 for the ...: $218.99 - $15.00 = $203.99." (or the price paid, when no fee
    is deducted), for the order line the question names; [] when it cannot be worked out from the data."""
    if order is None or str(order.get("status")) in ("returned", "cancelled") or DAMAGED.search(text):
        return []
    item = the_item(order, text)
    if item is None:
        return []
    price = float(item.get("price") or 0)
    count = asked_count(text, int(item.get("qty") or 1))
    paid = price * count
    what = f"the {item.get('name')}" if count == 1 else f"the {count} {item.get('name')}"
    if not abroad or gold:
        return [f"So for {what} you would get back ${paid:,.2f}, what you paid for {'it' if count == 1 else 'them'}."]
    fee = next((float(m.group(1) or m.group(2)) for s in abroad_rule for m in [FEE.search(s)] if m), None)
    if fee is None or fee >= paid:
        return []
    return [f"So for {what} you would get back ${paid - fee:,.2f}: ${paid:,.2f} - ${fee:,.2f} = ${paid - fee:,.2f}."]


_WORDS = re.compile(r"[a-z][a-z'-]+")
_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def the_item(order: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The order line the question names: its kind word said ("the sweater"), and of several, the one sharing most
    of its name's words with the question ("the Marlow V-neck" of two V-necks); None when still tied."""
    low = text.lower()
    items = [i for i in order.get("items") or [] if any(w in low for w in str(i.get("name", "")).lower().split()[-2:])]
    if len(items) < 2:
        return items[0] if items else None
    said = set(_WORDS.findall(low))
    scored = sorted(((len(set(_WORDS.findall(str(i.get("name", "")).lower())) & said), n) for n, i in enumerate(items)))
    return items[scored[-1][1]] if scored[-1][0] > scored[-2][0] else None


def asked_count(text: str, qty: int) -> int:
    """How many of the line's pieces the question is about: "one of them" / "just one" 1, "both" / "the two" 2,
    a number; all of them when none is said ("them", "the dresses")."""
    low = text.lower()
    if re.search(r"\b(?:just|only) (?:one|1)\b|\bone (?:of (?:them|the|my)|pair)\b|\ba single\b", low):
        return 1
    m = re.search(r"\b(both|two|three|four|five|[2-9])\b(?! (?:days?|weeks?|months?|years?))", low)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else _COUNTS[m.group(1)]
        return min(n, qty)
    return qty
