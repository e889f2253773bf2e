"""A budget for several items together: "a shirt and chinos for under $120 total", "gloves and a beanie, $60 for
both". The figure is the sum's ceiling, not each item's: the reply offers sets (one product of each kind asked) that
fit it together, each with its sum written out, and never an item that alone breaks it.

Each kind gets the words said next to it ("a white work shirt (S) and black trousers (26 waist)": white, for work
and S for the shirt; black and 26 for the trousers); a size said apart ("size M and 27 waist") goes to the kinds it
fits (letters to tops, a waist to jeans and chinos, a boot size to boots)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import product as combos
from typing import Any

from bot.core.catalog.budget_words import TOTAL
from bot.core.catalog.search import search
from bot.core.catalog.text import _listing, describe_wanted, money
from bot.domain import Constraints, Sort

_SPLIT = re.compile(r"\s*(?:,|;|\.\s|\+|&|\band\b|\bplus\b|\bwith\b|\balso\b)\s*", re.I)
_PER_ITEM = re.compile(r"\b(?:each|apiece|per item|a piece)\b", re.I)
_LETTER_KINDS = ("shirt", "t-shirt", "sweater", "jacket", "coat", "dress", "cardigan", "flannel", "parka")
_SETS = 3
_EACH = 5  # candidates per kind


Parse = Callable[[str], Constraints]


def asks_total(text: str, c: Constraints) -> bool:
    """Two or more kinds and a ceiling said to be for all of them together."""
    return (
        len(c.categories) >= 2 and c.max_price is not None and bool(TOTAL.search(text)) and not _PER_ITEM.search(text)
    )


def per_kind(text: str, c: Constraints, parse: Parse) -> dict[str, Constraints]:
    """Each kind's own constraints: the words of its part of the message, the shared ones (gender, sort) and a size
    said apart where it fits the kind; no price (the budget is the sum's)."""
    chunks = [x for x in _SPLIT.split(text) if x and x.strip()]
    own: dict[str, Constraints] = {}
    loose: list[Constraints] = []
    for chunk in chunks:
        said = parse(chunk)
        kinds = [k for k in said.categories if k in c.categories]
        if kinds:
            for k in kinds:
                own.setdefault(k, replace(said, categories=[k]))
        else:
            loose.append(said)
    out = {}
    for kind in c.categories:
        mine = own.get(kind, Constraints(categories=[kind]))
        size = mine.size or next((x.size for x in loose if x.size and _fits(kind, x.size)), None)
        out[kind] = replace(
            mine,
            gender=mine.gender or c.gender,
            size=size,
            in_stock=True,
            min_price=None,
            max_price=None,
            sort=Sort.RELEVANCE,
            excluded=list(c.excluded),
            missing_brands=[],
            missing_categories=[],
        )
    return out


def _one(w: Constraints) -> str:
    """ "chinos in black (size 26)", "office shirt in white (size S)": one kind of a set, as asked."""
    said = describe_wanted(replace(w, size=None, in_stock=False), plural=False)
    return f"{said} (size {w.size})" if w.size else said


def _fits(kind: str, size: str) -> bool:
    if not size[0].isdigit():
        return kind in _LETTER_KINDS
    value = float(size)
    return value >= 24 if kind in ("jeans", "chinos") else value < 16 if kind == "boots" else False


def total_reply(
    catalog: Sequence[dict[str, Any]], text: str, c: Constraints, parse: Parse
) -> tuple[str, list[dict[str, Any]]]:
    """The sets that fit the budget together, cheapest first, each with its sum; or why none does."""
    budget = float(c.max_price or 0)
    wanted = per_kind(text, c, parse)
    pools = {k: search(catalog, replace(w, sort=Sort.CHEAPEST), limit=_EACH).matches for k, w in wanted.items()}
    kinds = _listing([_one(w) for w in wanted.values()])
    empty = [k for k, pool in pools.items() if not pool]
    if empty:
        return f"Sorry, we don't have any {_listing([describe_wanted(wanted[k]) for k in empty])}.", []
    sets = sorted(
        (s for s in combos(*pools.values()) if sum(float(p.get("price") or 0) for p in s) <= budget),
        key=lambda s: (-sum(float(p.get("rating") or 0) for p in s), sum(float(p.get("price") or 0) for p in s)),
    )[:_SETS]
    if not sets:
        cheapest = [pool[0] for pool in pools.values()]
        total = sum(float(p.get("price") or 0) for p in cheapest)
        parts = " + ".join(f"{money(p)} for the {p['name']}" for p in cheapest)
        return (
            f"Sorry, no {kinds} fit your budget together. The cheapest set we have comes to {total:.2f} USD "
            f"altogether: {parts}."
        ), cheapest
    lines = [
        " + ".join(f"{p['name']} ({money(p)})" for p in s)
        + f" = {sum(float(p.get('price') or 0) for p in s):.2f} USD together"
        for s in sets
    ]
    shown = list(dict.fromkeys(p["sku"] for s in sets for p in s))
    by_sku = {p["sku"]: p for s in sets for p in s}
    head = f"Here are sets that fit your budget together, each with one {kinds}, all in stock:"
    return head + "\n" + "\n".join(f"- {line}" for line in lines), [by_sku[s] for s in shown]
