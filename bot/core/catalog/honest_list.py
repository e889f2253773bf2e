"""A discovery list that says what it leaves out: the best rated of a kind is named even when the asked size is
sold out in it ("our best rated is X, but size L is sold out in it"), a short list shows every match (up to five)
instead of three of them, and a longer one says there are more (a count would be a number no listing gives)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import zip_longest
from typing import Any

from bot.core.catalog.concepts import SOFT
from bot.core.catalog.either import either_sides, merged
from bot.core.catalog.parse import parse_constraints
from bot.core.catalog.pure_material import blends_note, with_material
from bot.core.catalog.search import CatalogResult, failed, search, size_ok
from bot.core.catalog.text import _listing, describe_wanted, discovery_text, money, product_line, stock_and_budget_bits
from bot.core.catalog.total_budget import asks_total, total_reply
from bot.core.catalog.words import KINDS
from bot.domain import Constraints, Sort

_ALL_UP_TO = 5  # a list this short is shown whole: "what do you have from X?" deserves every one


# "what cardigans do you have, any of them cashmere?": the list, then which of it has the material or feature
_ANY_OF_THEM = re.compile(r"\b(?:any|which|some) (?:of )?(?:them|those|these|ones?)\b|\bare any\b", re.I)


def discover(
    catalog: Sequence[dict[str, Any]], c: Constraints, text: str = ""
) -> tuple[str, list[dict[str, Any]], CatalogResult]:
    """The reply text to a discovery request, the products it shows, and the search result behind it."""
    if asks_total(text, c):  # "a shirt and chinos for under $120 total": sets that fit it together
        said, sets = total_reply(catalog, text, c, lambda chunk: parse_constraints(chunk, catalog))
        return said, sets, CatalogResult(sets, len(sets))
    if (sides := either_sides(text, c)) and not search(catalog, c).matches:  # "puffer or parka": either one
        found = merged([search(catalog, side, limit=_ALL_UP_TO).matches for side in sides])
        if found:
            bare = [replace(s, size=None, in_stock=False, min_price=None, max_price=None, colours=[]) for s in sides]
            wanted = " ".join([" and ".join(describe_wanted(s) for s in bare), ", ".join(stock_and_budget_bits(c))])
            lines = "\n".join(f"- {product_line(p, c)}" for p in found)
            return f"Here are the {wanted.strip()} we have:\n{lines}", found, CatalogResult(found, len(found))
    if SOFT & set(c.features) and not c.size:  # a gift is one that can be bought now
        c = replace(c, in_stock=True)
    if SOFT & set(c.features) and not search(catalog, c).matches:  # "a gift for him": any gift, not none
        c = replace(c, features=[f for f in c.features if f not in SOFT])
    asked = c
    if _ANY_OF_THEM.search(text) and (c.materials or c.features) and c.categories:
        whole = replace(c, materials=[], features=[])  # shown whole only when the list is short
        c = whole if 0 < search(catalog, whole).total <= _ALL_UP_TO else c
    result = _listed(catalog, c)
    if not result.matches and not (c.missing_brands or c.missing_categories or c.unchecked):
        said, others = blends_note(catalog, c, [])  # "100% cashmere" with none: the blends, said to be blends
        if others:
            return said, others, CatalogResult([], 0, others, ["material"])
    none_of, headed = _kinds_shown(catalog, c, result)  # "jeans and boots in tan": headed by what it holds
    reply, shown = discovery_text(headed, result, catalog)
    if SIZES_ASKED.search(text) and not headed.size:  # "what sizes do the rain jackets come in?": each one's sizes
        for p in shown:
            line = f"- {product_line(p, headed)}"
            reply = reply.replace(line, f"{line}, {sizes_note(p)}", 1) if sizes_note(p) else reply
    reply = none_of + with_material(reply, shown, headed, product_line)
    if asked is not c and result.matches:
        reply += "\n" + _which_have(result.matches, asked)
    if result.matches and result.total <= _ALL_UP_TO:  # "anything 100% cashmere?": the others are blends
        reply += blends_note(catalog, c, shown)[0]
    said_all = c.missing_brands or c.missing_categories or c.unchecked  # those replies say their own limits
    if result.matches and result.total > len(result.matches) and c.sort == Sort.RELEVANCE and not said_all:
        unisex = (
            "more unisex pieces"
            if any(str(p.get("gender", "")).lower() == "unisex" for p in shown)
            else "unisex pieces"
        )
        rest = f"{unisex} as well" if _all_own_shown(catalog, c, result) else "more than these"
        reply += f"\nWe have {rest}; add a size, colour or budget to narrow the list."
    return _best_overall(catalog, c, result) + reply, shown, result


# the sizes asked of a kind ("what sizes do the rain jackets come in?", "size range for chinos?")
SIZES_ASKED = re.compile(
    r"\b(?:what|which|wat)\s+sizes\b|\bsize\s+(?:range|options|availability)\b|\bavailable\s+sizes\b"
    r"|\b(?:what|which)\s+size\b[^.?!]{0,40}\bcome\s+in\b|\bcome\s+in\s+(?:what|which)\s+sizes?\b"
    r"|\bsizes?\s+(?:are\s+)?(?:available|do\s+you\s+(?:have|carry|stock))\b",
    re.I,
)


def sizes_note(p: dict[str, Any]) -> str:
    """ "sizes S, M and L in stock (XL sold out)" from the listing's stock table; '' without one."""
    stock = p.get("stock") if isinstance(p.get("stock"), dict) else None
    if not stock:
        return ""
    have = [str(k) for k, q in stock.items() if int(q or 0) > 0]
    gone = [str(k) for k, q in stock.items() if int(q or 0) <= 0]
    if not have:
        return f"sold out in every size ({_listing(gone)})"
    said = f"size{'s' if len(have) > 1 else ''} {_listing(have)} in stock"
    return f"{said} ({_listing(gone)} sold out)" if gone else said


def _listed(catalog: Sequence[dict[str, Any]], c: Constraints) -> CatalogResult:
    """Every match when there are few; a stated gender's own products before the unisex ones (same relevance)."""
    result = search(catalog, c)
    if not result.matches or result.total <= len(result.matches):
        return result
    if result.total <= _ALL_UP_TO:
        return search(catalog, c, limit=_ALL_UP_TO)
    if c.gender in ("men", "women") and c.sort == Sort.RELEVANCE:
        every = search(catalog, c, limit=result.total).matches
        own = sorted(every, key=lambda p: str(p.get("gender", "")).lower() != c.gender)
        theirs = sum(1 for p in every if str(p.get("gender", "")).lower() == c.gender)  # all of hers, when few
        keep = theirs if theirs <= _ALL_UP_TO else len(result.matches)
        return CatalogResult(own[: max(keep, len(result.matches))], result.total)
    return result


def _of_kind(p: dict[str, Any], kind: str) -> bool:
    category, word = KINDS.get(kind, (kind, ""))
    return str(p.get("category")) == category and word in str(p.get("name", "")).lower()


def _kinds_shown(catalog: Sequence[dict[str, Any]], c: Constraints, result: CatalogResult) -> tuple[str, Constraints]:
    """Two kinds asked ("jeans and boots in tan"): the list takes the best of each kind in turn, so neither fills it
    alone; a kind with no match is said to have none, and the list is headed by the kinds it shows. ('', c) when
    one kind is asked or nothing matches."""
    if len(c.categories) < 2 or not result.matches:
        return "", c
    every = search(catalog, c, limit=result.total).matches
    by_kind = [[p for p in every if _of_kind(p, k)] for k in c.categories]
    have = [k for k, found in zip(c.categories, by_kind, strict=True) if found]
    picked: list[dict[str, Any]] = []
    for row in zip_longest(*[found for found in by_kind if found]):
        picked += [p for p in row if p is not None and p not in picked]
    result.matches[:] = picked[: max(len(result.matches), len(have))]
    lacking = [k for k in c.categories if k not in have]
    if not lacking:
        return "", c
    none_of = f"We have no {describe_wanted(replace(c, categories=lacking))}. "
    return none_of, replace(c, categories=have)


def _all_own_shown(catalog: Sequence[dict[str, Any]], c: Constraints, result: CatalogResult) -> bool:
    """Every product of the stated gender is in the list (what is left is unisex)."""
    if c.gender not in ("men", "women"):
        return False
    shown = sum(1 for p in result.matches if str(p.get("gender", "")).lower() == c.gender)
    every = search(catalog, c, limit=result.total).matches
    return shown == sum(1 for p in every if str(p.get("gender", "")).lower() == c.gender)


def _which_have(shown: list[dict[str, Any]], asked: Constraints) -> str:
    """ "Of these, only the X is cashmere." from each product's own fields."""
    wanted = _listing(list(asked.materials) + list(asked.features))
    check = Constraints(materials=list(asked.materials), features=list(asked.features))
    yes = [p for p in shown if not failed(p, check)]
    if not yes:
        return f"None of these is listed as {wanted}."
    if len(yes) == len(shown):
        return f"All of these are listed as {wanted}."
    names = _listing([f"the {p['name']} ({p.get('material')})" for p in yes])
    return f"Of these, only {names} {'is' if len(yes) == 1 else 'are'} {wanted}."


def _best_overall(catalog: Sequence[dict[str, Any]], c: Constraints, result: CatalogResult) -> str:
    """ "Top rated men's sweater in L?": when the best rated of the kind is sold out in that size, say so first."""
    if c.sort != Sort.BEST_RATED or not c.size or not result.matches:
        return ""
    overall = search(catalog, replace(c, size=None), limit=1)
    if not overall.matches:
        return ""
    best = overall.matches[0]
    if best.get("sku") == result.matches[0].get("sku") or size_ok(best, c.size):
        return ""
    stock = best.get("stock")
    sizes = {str(s).upper() for s in stock} if isinstance(stock, dict) else set()
    why = "sold out in" if c.size.upper() in sizes else "not made in"
    wanted = describe_wanted(replace(c, size=None, sort=Sort.RELEVANCE, in_stock=False))
    return (
        f"Our best rated {wanted.rstrip('s') if wanted.endswith('s') else wanted} is the {best['name']} "
        f"(rated {float(best.get('rating') or 0):.1f}/5, {money(best)}), but it is {why} size {c.size}.\n"
    )
