"""The item a shopper asks to add to their own order ("can i add a belt to my chinos order? the banana republic mercer
one in brown, size S"): the catalog's product they name, its price, whether it comes in the colour asked and the
stock of the size asked, beside the order page's rule (#9: the reply gave the rule only). Nothing is added or
promised: a person from the team adds it. Only a product the words name (its kind, brand and line name) is said."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.core.catalog import parse_constraints, search
from bot.core.catalog.line_names import line_words

_WORD = re.compile(r"[a-z0-9']+")
# the order the item goes to, named by what it holds ("my rain jacket order"): not the item to add
ORDER_REF = re.compile(
    r"\b(?:it|that|this|them|(?:my|the|this|that) (?:[\w-]+ ){0,2}(?:order|purchase|package|parcel|box))\b", re.I
)


def added_products(text: str, catalog: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The products the message names to add (at most two: a line in men's and women's), by kind, brand and a
    line name said; [] when it names no kind or more than two products fit."""
    asked = ORDER_REF.sub(" ", text)  # "my chinos order" names the order, not the item
    c = parse_constraints(asked, catalog)
    if not c.categories:
        return []
    loose = replace(c, size=None, colours=[], max_price=None, min_price=None)
    found = search(catalog, loose, limit=60).matches
    said = set(_WORD.findall(asked.lower())) & line_words(catalog)
    named = [p for p in found if said & set(_WORD.findall(str(p.get("name", "")).lower()))]
    fits = named or (found if len(found) == 1 else [])
    return fits if 0 < len(fits) <= 2 else []


def added_item_line(text: str, catalog: Sequence[dict[str, Any]]) -> str:
    """ "The Banana Republic Women's Mercer Leather Belt is 33.99 USD; it comes in brown; size S is in stock (12
    left)." for each product named; '' when none is."""
    c = parse_constraints(ORDER_REF.sub(" ", text), catalog)
    lines = []
    for p in added_products(text, catalog):
        said = [f"The {p['name']} is {float(p['price']):.2f} {p.get('currency', 'USD')}"]
        colours = [str(x) for x in p.get("colors") or []]
        for colour in c.colours:
            have = next((x for x in colours if re.search(rf"\b{re.escape(colour)}\b", x, re.I)), None)
            said.append(
                f"it comes in {have}" if have else f"it doesn't come in {colour} (it comes in {', '.join(colours)})"
            )
        stock = {str(k): int(v or 0) for k, v in (p.get("stock") or {}).items()}
        if c.size and c.size in stock:
            n = stock[c.size]
            said.append(f"size {c.size} is in stock ({n} left)" if n else f"size {c.size} is sold out right now")
        elif c.size:
            said.append(f"it doesn't come in size {c.size}")
        lines.append("; ".join(said) + ".")
    return " ".join(lines)
