"""Is this turn a comparison of two products, and which two: named with a comparison word ("which is cheaper, A or
B", "A vs B"), set against each other with a question a comparison answers ("A or B - which has better reviews?"),
or "and which one costs less?" right after two products were compared."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog import COMPARE, parse_constraints, split_comparison
from bot.core.catalog.compare import asks_between
from bot.core.catalog.named import generic_words, really_named
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
    parts = split_comparison(text)
    sides = [find_products(part, catalog) for part in parts]
    skus = list(dict.fromkeys(s[0]["sku"] for s in sides if s))
    if len(skus) == 1 and (like := _like_the_other(parts, sides, _first(sides), catalog)) is not None:
        skus.append(like["sku"])  # "A or the Hollis one"
    if not skus and not named and len(state.skus) == 1 and (shown := products_by_sku(catalog, state.skus)):
        # "what about the CK Mercer ones, which is cheaper?" right after the MK Rowan snow boots: the Mercer snow boots;
        # "what about the Zara ones?": the one under discussion against a brand we lack (said below)
        like = _like_the_other([text], [[]], shown[state.skus[0]], catalog)
        skus = [state.skus[0]] + ([like["sku"]] if like is not None else [])
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
# a choice between the two worded without "which": "trying to pick between A and B", "torn between A or B", "A or B,
# can't decide", "should I get A or B?"
CHOOSING = re.compile(
    r"\b(?:pick|picking|choose|choosing|decide|deciding|torn|stuck|debating|undecided|hesitating)\b[^.?!]{0,25}?"
    r"\bbetween\b|\b(?:can'?t|cannot|can not|trying to|help me) (?:decide|choose|pick)\b"
    r"|\b(?:should|do|would) i (?:get|buy|go (?:for|with)|pick|choose|order)\b",
    re.I,
)
_WORD = re.compile(r"[a-z0-9']+")


# a request or a question of its own before the first side: "do you have A or B?", "can I return A or B?"
_ASKS_FIRST = re.compile(
    r"^\W*(?:do|does|did|is|are|was|can|could|will|would|should|have|has|what|how|where|when|why|who|i|i'm|im|my"
    r"|please|pls|return|exchange|send|ship|cancel|add|remove|swap|order)\b",
    re.I,
)


def _bare_choice(text: str, parts: list[str]) -> bool:
    """ "CK Brooklyn rain jacket or the Zara one?": the two sides and nothing else, asked as a question."""
    return (
        len(parts) == 2
        and text.rstrip().endswith("?")
        and bool(re.search(r"\s(?:or|vs\.?|versus)\s", text, re.I))
        and not _ASKS_FIRST.search(text)
    )


# a rule asked of either product ("can I return A or B?"), not a choice between them
_RULE_ASKED = re.compile(
    r"\b(?:return\w*|refund\w*|exchang\w*|cancel\w*|ship\w*|deliver\w*|track\w*|wash\w*|clean\w*|hem\w*"
    r"|warranty|gift ?wrap\w*|monogram\w*|price ?match\w*|discount\w*|promo|coupon|sale)\b",
    re.I,
)


def _two_offered(text: str) -> bool:
    """ "A or B for a chicago winter? im a mens L": two products set side by side as the shopper's options, asked
    as a question or with a need stated (a size, a use), no request before them and no rule asked of them: a
    comparison, never a search filtered on both names' words."""
    asked = "?" in text or bool(re.search(r"\b(?:i'?m|im|i am|for)\b", text, re.I))
    offered = bool(re.search(r"\s(?:or|vs\.?|versus)\s", text, re.I)) and not _ASKS_FIRST.search(text)
    return offered and asked and not _RULE_ASKED.search(text)  # "do you have A or B?" keeps its route


def _first(sides: list[list[dict[str, Any]]]) -> dict[str, Any]:
    return next(s[0] for s in sides if s)


def _like_the_other(
    parts: list[str], sides: list[list[dict[str, Any]]], other: dict[str, Any], catalog: Sequence[dict[str, Any]]
) -> dict[str, Any] | None:
    """ "Express Presley rain jacket or the Hollis one": a side that says only a style word of its own is that style
    of the other side's product (its brand, unless the side names one, its gender and kind), when the catalog has
    exactly one such product."""
    generic = generic_words(catalog)
    name = _WORD.findall(str(other.get("name", "")).lower())
    brand = set(_WORD.findall(str(other.get("brand", "")).lower()))
    own = set(name) - generic - brand
    for part, side in zip(parts, sides, strict=True):
        said = [w for w in _WORD.findall(part.lower()) if w not in generic and w not in own]
        if side or not said:
            continue
        # the other's kind and gender ("men's rain jacket"), then its brand too where several brands tie
        drops = [own | brand] if parse_constraints(part, catalog).brands else [own | brand, own]
        for drop in drops:
            kept = " ".join(w for w in name if w not in drop)
            found = find_products(f"{' '.join(said)} {kept}", catalog)
            found = [p for p in really_named(part, found, Constraints(), catalog) if p["sku"] != other["sku"]]
            if len(found) == 1:
                return found[0]
    return None


def _set_against(
    text: str, state: ConversationState, catalog: Sequence[dict[str, Any]], named: list[dict[str, Any]]
) -> Request | None:
    """A comparison worded without a comparison word: "A or B - which has better reviews?", "is A or B real
    cashmere?", "which one do you have in XL, A or B?" (each side names its own product, and something a comparison
    answers is asked); or "and which one costs less?" right after two products were compared (the same two)."""
    asked = parse_constraints(text, catalog)
    colours = asked.colours
    if SET_AGAINST.search(text):
        parts = split_comparison(text)
        sides = [really_named(p, find_products(p, catalog), Constraints(), catalog) for p in parts]
        found = list({s[0]["sku"]: s[0] for s in sides if s}.values())
        if len(found) == 1 and (like := _like_the_other(parts, sides, found[0], catalog)) is not None:
            found.append(like)  # "A or the Hollis one - which should I get?"
        choice = WHICH.search(text) or CHOOSING.search(text) or _bare_choice(text, parts) or _two_offered(text)
        if len(found) >= 2 and (choice or asks_between(text, found[0], found[1], colours)):
            return Request(RequestKind.COMPARISON, text, skus=[p["sku"] for p in found[:2]], constraints=asked)
        if len(found) == 1 and asked.missing_brands and (choice or asks_between(text, found[0], found[0])):
            return Request(RequestKind.COMPARISON, text, skus=[found[0]["sku"]], constraints=asked)
    if state.last_kind != RequestKind.COMPARISON.value or len(state.skus) < 2 or named or not WHICH.search(text):
        return None
    pair = products_by_sku(catalog, state.skus[:2])
    if len(pair) == 2 and asks_between(text, pair[state.skus[0]], pair[state.skus[1]], colours):
        return Request(RequestKind.COMPARISON, text, skus=state.skus[:2], constraints=asked, followup=True)
    return None
