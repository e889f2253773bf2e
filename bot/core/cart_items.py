"""A cart of catalog products the shopper names ("if I get the uniqlo beacon tee and the gap ridge tee, is shipping
free?"): each named product's catalog price, so the cart arithmetic (bot.core.cart_math) can add them up. The message
is cut where it joins items ("and", "plus", "with", "+", ","), and every piece that names a product must name one
only; a piece that could be several products, or fewer than two items in all, is no cart (None), never a guess."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.cart_math import COUNT_WORDS, Cart, Line, usd
from bot.core.lookups import find_products

JOINS = re.compile(r"\s*(?:,|\+|&|\band\b|\bplus\b|\bwith\b|\balong with\b)\s*", re.I)
LEAD_COUNT = re.compile(r"^\W*(?:(?:if|when)\s+)?(?:i\s+)?(?:\w+\s+)?(?P<n>[2-9]|two|three|four|five|six|a couple of|a pair of)\s+"
                        r"(?:of\s+)?(?:the\s+)?", re.I)  # fmt: skip


def named_cart(text: str, catalog: Sequence[dict[str, Any]]) -> tuple[Cart, list[str]] | None:
    """The cart of the products the message names (with a count said before one: "2 of the ..."), and a sentence
    giving each one's catalog price; None unless at least two items are named, each piece naming one product."""
    lines: list[Line] = []
    said: list[str] = []
    seen: set[str] = set()
    for piece in JOINS.split(text):
        if len(re.findall(r"[a-z]+", piece, re.I)) < 2:
            continue
        found = find_products(piece, catalog)
        if not found:
            continue
        if len(found) > 1 or found[0]["sku"] in seen or not found[0].get("price"):
            return None
        product = found[0]
        seen.add(product["sku"])
        m = LEAD_COUNT.search(piece)
        count = (int(m.group("n")) if m.group("n").isdigit() else COUNT_WORDS[m.group("n").lower()]) if m else 1
        price = float(product["price"])
        lines.append(Line(price, count))
        said.append(f"The {product['name']} is {usd(price)}" + (" each." if count > 1 else "."))
    if sum(line.count for line in lines) < 2:
        return None
    return Cart(tuple(lines)), said
