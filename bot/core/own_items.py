"""What the shopper bought, item by item (#9): "what size did I get in the puffer jacket? it's a bit big" is the size
(and colour) on their order line, from the orders table, and, when they say it fits badly, the exchanges page's own
rule (read at run time); never the catalog's sizes in stock."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from bot.core.ordered_items import item_words, words_of
from bot.domain import Hit

# "it's a bit big", "too small", "doesn't fit": the exchange rule is what they can do about it
FITS_BADLY = re.compile(
    r"\b(?:too|a bit|a little|bit|kinda|quite|very|really|way too)\s+(?:big|small|large|tight|loose|long|short|baggy)\b"
    r"|\b(?:does ?n[o']?t|doesnt|don'?t|didn'?t) fit\b|\bruns? (?:big|small|large)\b",
    re.I,
)


def size_line(order: dict[str, Any], hint: str, by_sku: Mapping[str, dict[str, Any]]) -> str:
    """ "In your order ORD-12622 from 2026-10-14 you got the Guess Women's Rowan Puffer Jacket in size L (cognac
    brown)." for the order's lines the hint names (every line when none fits)."""
    said = set(words_of(hint))
    lines = list(order.get("items") or [])
    score = {id(i): len(said & item_words(i, by_sku.get(str(i.get("sku")), {}))) for i in lines}
    top = max(score.values(), default=0)  # "puffer jacket": the puffer, not the denim jacket beside it
    fits = [i for i in lines if top and score[id(i)] == top] or lines
    got = []
    for i in fits:
        name = str(i.get("name") or i.get("sku"))
        qty = int(i.get("qty") or 1)
        size = f" in size {i['size']}" if i.get("size") else ""
        colour = f" ({i['color']})" if i.get("color") else ""
        got.append(f"{qty} x the {name}{size}{colour}" if qty > 1 else f"the {name}{size}{colour}")
    listed = got[0] if len(got) == 1 else ", ".join(got[:-1]) + " and " + got[-1]
    return f"In your order {order['order_id']} from {str(order.get('date', ''))[:10]} you got {listed}."


def fit_rule(text: str, rule: Callable[[], tuple[str, Hit | None]]) -> tuple[str, Hit | None]:
    """The exchanges page's rule when the shopper says the item fits badly, else nothing."""
    if not FITS_BADLY.search(text):
        return "", None
    said, hit = rule()
    if said[:1].isupper() and said[1:2].islower():
        said = said[0].lower() + said[1:]
    return (f"If it doesn't fit: {said}", hit) if said else ("", None)
