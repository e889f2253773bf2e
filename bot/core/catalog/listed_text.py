"""The reply to a follow-up on the list just shown: "which of those is cheapest in stock?", "any of them under
$50?", "are they waterproof?". It answers about those products first, and labels anything else it shows as coming
from the rest of the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.core.catalog.attributes import BY_KEY, feature_words
from bot.core.catalog.search import CatalogResult, search, size_ok
from bot.core.catalog.text import _listing, _plural, describe_wanted, product_line, stock_and_budget_bits, unmet_text
from bot.domain import Constraints, Sort

_LEAD = {Sort.CHEAPEST: "the cheapest", Sort.PRICIEST: "the most expensive", Sort.BEST_RATED: "the best rated"}


def predicate(c: Constraints) -> str:
    """What this turn asks of a product, as a predicate: "in navy, in stock in size M and within your budget"."""
    before, after = feature_words(c.features)
    bits = [BY_KEY[f].yes if f in BY_KEY else f for f in before] + [a.removeprefix("that ") for a in after]
    bits += [f"made of {m}" for m in c.materials] + [f"by {b}" for b in c.brands]
    return _listing(bits + stock_and_budget_bits(c))


def listed_text(
    c: Constraints,
    shown: Sequence[dict[str, Any]],
    result: CatalogResult,
    wider: CatalogResult | None,
    kinds: Sequence[str],
    searched: Constraints | None = None,
    loose: tuple[CatalogResult, Constraints] | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """The answer about the shown products (`result` is the search among them), and the products it lists.
    `wider` is the same search over the rest of the catalog, shown (labelled) only when none of the list fits."""
    n = len(shown)
    pred = predicate(c)
    only_attributes = (
        bool(c.features)
        and all(f in BY_KEY for f in c.features)
        and pred == predicate(Constraints(features=list(c.features)))
    )
    if result.matches and c.sort != Sort.RELEVANCE:
        best = result.matches[0]
        which = f"{_LEAD[c.sort]} one" + (f" that is {pred}" if pred else "")
        return f"Of the {n} I showed, {which} is the {product_line(best, c)}.", [best]
    if result.matches:
        m = len(result.matches)
        lines = "\n".join(f"- {product_line(p, c)}" for p in result.matches)
        if m == n:
            return f"All {n} I showed are {pred}:\n{lines}", list(result.matches)
        others = [p for p in shown if p not in result.matches]
        names = _listing([f"the {p['name']}" for p in others])
        rest = (
            f"The listings of {names} don't show that."
            if only_attributes
            else f"{names[:1].upper()}{names[1:]} {'doesn' if len(others) == 1 else 'don'}'t match."
        )
        verb = "is" if m == 1 else "are"
        return f"Of the {n} I showed, {m} {verb} {pred}:\n{lines}\n{rest}", list(result.matches)
    none = (
        f"None of the {n} I showed {'lists' if only_attributes else 'is'} {pred}."
        if n > 1
        else f"The one I showed isn't {pred}."
    )
    if only_attributes:
        none = f"None of the {n} I showed has a listing that says {pred}." if n > 1 else none
    what = _listing([_plural(k) for k in kinds]) or "products"
    if wider is not None and wider.matches:
        lines = "\n".join(f"- {product_line(p, c)}" for p in wider.matches)
        return f"{none} From the rest of our {what}, these are {pred}:\n{lines}", list(wider.matches)
    if loose is not None:  # "any in black?": black ones exist, only not in the size said before
        return _loose_text(f"{none} From the rest of our {what}, these are {pred}", c, loose)
    if wider is not None and wider.alternatives:
        lines = "\n".join(f"- {product_line(p, c)}" for p in wider.alternatives)
        unmet = unmet_text(
            wider.relaxed, c.merged_over(searched) if searched else c, wider.alternatives
        )  # "aren't listed as rain"
        return f"{none} None of our other {what} are either; the nearest ({unmet}):\n{lines}", list(wider.alternatives)
    if wider is not None:
        return f"{none} None of our other {what} are either.", []
    return none, []


def _loose_text(
    head: str, c: Constraints, loose: tuple[CatalogResult, Constraints]
) -> tuple[str, list[dict[str, Any]]]:
    found, dropped = loose
    lines = "\n".join(f"- {product_line(p, replace(c, size=None))}{_size_note(p, dropped.size)}" for p in found.matches)
    bits = dropped_bits(dropped)
    unmet = bits[0] if len(bits) == 1 else f"{' and '.join(bits)} at once"
    return f"{head}, but not {unmet}:\n{lines}", list(found.matches)


def loosened(
    c: Constraints, merged: Constraints, catalog: Sequence[dict[str, Any]], exclude: frozenset[str]
) -> tuple[CatalogResult, Constraints] | None:
    """When nothing else meets a follow-up ("do either of those come in black?") with the earlier search's size,
    stock or budget: what meets it without them, and the constraints left out; None when that finds nothing too or
    this turn restated them all. So a "no other boots in black" is never said over a black boot sold out in 7."""
    keep = replace(merged, size=c.size, in_stock=c.in_stock, min_price=c.min_price, max_price=c.max_price)
    dropped = replace(
        Constraints(),
        size=merged.size if c.size is None else None,
        in_stock=merged.in_stock and not c.in_stock,
        min_price=merged.min_price if c.min_price is None else None,
        max_price=merged.max_price if c.max_price is None else None,
    )
    if dropped.is_empty():
        return None
    found = search(catalog, keep, exclude=exclude)
    return (found, dropped) if found.matches else None


def _size_note(p: dict[str, Any], size: str | None) -> str:
    """ ", size 7 sold out" / ", not made in size 7" for a list line under a follow-up that left the size out."""
    if not size:
        return ""
    stock = p.get("stock") if isinstance(p.get("stock"), dict) else {}
    if size_ok(p, size):
        return f", size {size} in stock"
    have = [str(k) for k, q in (stock or {}).items() if int(q or 0) > 0]
    left = f" (in stock in {_listing(have)})" if have else ""
    made = any(str(k).lower() == size.lower() for k in stock or {})
    return f", size {size} {'sold out' if made else 'not made'}{left}"


def dropped_bits(dropped: Constraints) -> list[str]:
    """ "in stock in size 7", "under 120.00 USD": the earlier constraints a list below does not meet (each product
    may meet some; its line says which)."""
    return stock_and_budget_bits(dropped) or ["the earlier search's size or budget"]


def beyond_the_list(
    c: Constraints, searched: Constraints, result: CatalogResult, catalog: Sequence[dict[str, Any]]
) -> str:
    """After "the cheapest of those in L": the same question over everything the list was drawn from, said only
    when its answer is another product ("across all our women's rain jackets, the cheapest in size L is ...")."""
    if searched.is_empty() or not result.matches:
        return ""
    merged = c.merged_over(searched)
    top = search(catalog, merged, limit=1).matches
    if not top or top[0].get("sku") == result.matches[0].get("sku"):
        return ""
    pred = predicate(c)
    which = f"{_LEAD[c.sort]} one" + (f" that is {pred}" if pred else "")
    every = describe_wanted(replace(searched, size=None, in_stock=False, sort=Sort.RELEVANCE))
    return f"Across all our {every}, {which} is the {product_line(top[0], c)} (not in the list I showed)."
