"""Is this turn a comparison of two products, and which two: named with a comparison word ("which is cheaper, A or
B", "A vs B"), set against each other with a question a comparison answers ("A or B - which has better reviews?"),
or "and which one costs less?" right after two products were compared."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog import COMPARE, parse_constraints, split_comparison
from bot.core.catalog.compare import asks_between
from bot.core.catalog.named import really_named
from bot.core.lookups import find_products, products_by_sku
from bot.domain import Constraints, ConversationState, Request, RequestKind


def comparison(
    text: str,
    state: ConversationState,
    catalog: Sequence[dict[str, Any]],
    named: list[dict[str, Any]],
    followup: bool,
) -> Request | None:
    """Two named products, or one and the product under discussion; one named product set against a brand the shop
    does not carry is a comparison with one side (said to be missing)."""
    if not (COMPARE.search(text) or re.search(r"\bwhich (one )?(is|would)\b.*\bor\b", text, re.I)):
        return _set_against(text, state, catalog, named)
    sides = [find_products(part, catalog) for part in split_comparison(text)]
    skus = list(dict.fromkeys(s[0]["sku"] for s in sides if s))
    if len(skus) == 1 and (asked := parse_constraints(text, catalog)).missing_brands:
        return Request(RequestKind.COMPARISON, text, skus=skus, constraints=asked)  # the other side is not carried
    if len(skus) < 2 and len(named) >= 2:
        skus = [p["sku"] for p in named[:2]]
    if len(skus) == 1 and state.skus and state.skus[0] != skus[0]:
        skus = [state.skus[0], skus[0]]
    if len(skus) < 2 and len(state.skus) >= 2 and followup:
        skus = state.skus[:2]
    if len(skus) >= 2:
        asked = parse_constraints(text, catalog)
        return Request(RequestKind.COMPARISON, text, skus=skus[:2], constraints=asked, followup=not named)
    return None


# "A or B", "A vs B", "between A and B", "A than B": two products set against each other
SET_AGAINST = re.compile(r"\b(?:or|vs\.?|versus|between|than|compared (?:to|with)|against)\b", re.I)
WHICH = re.compile(r"\bwhich(?:ever)?\b", re.I)


def _set_against(
    text: str, state: ConversationState, catalog: Sequence[dict[str, Any]], named: list[dict[str, Any]]
) -> Request | None:
    """A comparison worded without a comparison word: "A or B - which has better reviews?", "is A or B real
    cashmere?", "which one do you have in XL, A or B?" (each side names its own product, and something a comparison
    answers is asked); or "and which one costs less?" right after two products were compared (the same two)."""
    asked = parse_constraints(text, catalog)
    colours = asked.colours
    if SET_AGAINST.search(text):
        sides = [really_named(p, find_products(p, catalog), Constraints(), catalog) for p in split_comparison(text)]
        found = list({s[0]["sku"]: s[0] for s in sides if s}.values())
        if len(found) >= 2 and (WHICH.search(text) or asks_between(text, found[0], found[1], colours)):
            return Request(RequestKind.COMPARISON, text, skus=[p["sku"] for p in found[:2]], constraints=asked)
        if len(found) == 1 and asked.missing_brands and (WHICH.search(text) or asks_between(text, found[0], found[0])):
            return Request(RequestKind.COMPARISON, text, skus=[found[0]["sku"]], constraints=asked)
    if state.last_kind != RequestKind.COMPARISON.value or len(state.skus) < 2 or named or not WHICH.search(text):
        return None
    pair = products_by_sku(catalog, state.skus[:2])
    if len(pair) == 2 and asks_between(text, pair[state.skus[0]], pair[state.skus[1]], colours):
        return Request(RequestKind.COMPARISON, text, skus=state.skus[:2], constraints=asked, followup=True)
    return None
