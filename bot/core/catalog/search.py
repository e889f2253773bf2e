"""Catalog search: which constraints a product fails, the shopper's order, and the nearest real alternatives
when nothing matches (the least important constraints are given up first)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.core.catalog.attributes import BY_KEY, has
from bot.core.catalog.carried import describes
from bot.core.catalog.concepts import shows
from bot.core.catalog.index import EXACT, POSTINGS
from bot.core.catalog.negation import excluded_by
from bot.core.catalog.pure_material import made_of
from bot.core.catalog.ranking import RANKING
from bot.core.catalog.words import FEATURES, KINDS, WARM_MATERIALS, WARM_TAGS
from bot.domain import Constraints, Sort


@dataclass(slots=True)
class CatalogResult:
    """The matches (best first), how many there were, and what was relaxed to find alternatives."""

    matches: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    relaxed: list[str] = field(default_factory=list)  # the constraints the alternatives do not meet


def is_kind(p: dict[str, Any], category: str, word: str) -> bool:
    """The product is of this kind: its category, and the word its name must contain ("" for any)."""
    return str(p.get("category", "")).lower() == category and (not word or word in str(p.get("name", "")).lower())


def _colour_ok(p: dict[str, Any], colours: list[str]) -> bool:
    have = [str(x).lower() for x in p.get("colors") or []]
    return any(any(re.search(rf"\b{re.escape(c)}\b", h) for h in have) for c in colours)


def size_ok(p: dict[str, Any], size: str) -> bool:
    """The product is in stock in this size."""
    stock = p.get("stock") if isinstance(p.get("stock"), dict) else {}
    return any(str(s).lower() == size.lower() and int(q or 0) > 0 for s, q in (stock or {}).items())


def warmth(p: dict[str, Any]) -> int:
    """How many signs of warmth the product's tags, material and name show."""
    tags = " ".join(p.get("tags") or []).lower()
    text = (str(p.get("material", "")) + " " + str(p.get("name", ""))).lower()
    return sum(t in tags for t in WARM_TAGS) + sum(m in text for m in WARM_MATERIALS)


def _feature_ok(p: dict[str, Any], feature: str) -> bool:
    if shows(p, feature):  # "office": tagged office, workwear or business casual (or as the word alone finds)
        return True
    if feature == "warm":
        return warmth(p) > 0
    if feature in BY_KEY:  # an attribute: the product's own tags, description or care line must show it
        return has(p, feature)
    if feature not in FEATURES:  # a style word of the catalog ("skinny", "sherpa"): the name, material or a tag says it
        return describes(p, feature)
    hay = " ".join(list(p.get("tags") or []) + [str(p.get("name", "")), str(p.get("description", ""))]).lower()
    return feature in hay


def meets_feature(p: dict[str, Any], feature: str) -> bool:
    """The product meets one search feature (an attribute, a concept, a style word, warmth) as the search checks it."""
    return _feature_ok(p, feature)


def in_stock(p: dict[str, Any]) -> bool:
    """In stock in some size (or, without a stock table, as its in_stock field says)."""
    stock = p.get("stock")
    if isinstance(stock, dict):
        return any(int(q or 0) > 0 for q in stock.values())
    return bool(p.get("in_stock", True))


def failed(p: dict[str, Any], c: Constraints) -> list[str]:
    """Which of the constraints the product does not meet (empty: it matches)."""
    out = []
    if c.categories and not any(is_kind(p, *KINDS[k]) for k in c.categories):
        out.append("category")
    if c.brands and str(p.get("brand")) not in c.brands:
        out.append("brand")
    if c.gender and str(p.get("gender", "unisex")) not in (c.gender, "unisex"):
        out.append("gender")
    if c.colours and not _colour_ok(p, c.colours):
        out.append("colour")
    if c.size and not size_ok(p, c.size):
        out.append("size")
    elif c.in_stock and not c.size and not in_stock(p):
        out.append("stock")
    price = float(p.get("price") or 0)
    if (c.max_price is not None and price > c.max_price) or (c.min_price is not None and price < c.min_price):
        out.append("price")
    if c.materials and not any(made_of(p, m) for m in c.materials):  # "pure cashmere": wholly (pure_material)
        out.append("material")
    if c.features and not all(_feature_ok(p, f) for f in c.features):
        out.append("feature")
    if c.excluded and excluded_by(p, c.excluded):
        out.append("excluded")
    return out


_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "cheapest": lambda p: (float(p.get("price") or 0), str(p.get("sku"))),
    "priciest": lambda p: (-float(p.get("price") or 0), str(p.get("sku"))),
    # the best rated is the best rated, in stock or not (the line says which)
    "best_rated": lambda p: (-float(p.get("rating") or 0), float(p.get("price") or 0), str(p.get("sku"))),
    "warm": lambda p: (-warmth(p), -float(p.get("rating") or 0), str(p.get("sku"))),
    # best rated, and the default: rating, then in stock first
    "default": lambda p: (not in_stock(p), -float(p.get("rating") or 0), float(p.get("price") or 0), str(p.get("sku"))),
}


def _order_name(c: Constraints) -> str:
    """Which of the orders (`_KEYS`, and `ranking.ORDERS` the same) the shopper asked for."""
    if c.sort in (Sort.CHEAPEST, Sort.PRICIEST, Sort.BEST_RATED):
        return str(c.sort.value)
    return "warm" if "warm" in c.features else "default"


def _order(products: list[dict[str, Any]], c: Constraints) -> list[dict[str, Any]]:
    return sorted(products, key=_KEYS[_order_name(c)])


# which constraint to give up first when nothing matches (the least important first)
# a stated gender is never given up: a man asking for boots is not shown women's boots as "the nearest"
_RELAX_ORDER = ("feature", "material", "colour", "stock", "size", "price", "brand", "category")


def meeting(
    catalog: Sequence[dict[str, Any]],
    c: Constraints,
    *,
    dropped: frozenset[str] = frozenset(),
    scan: bool = False,
    exclude: frozenset[str] = frozenset(),
) -> list[dict[str, Any]]:
    """The products whose only failures (if any) are among `dropped`, in catalog order: the per-version postings
    narrow the candidates, and each survivor is checked exactly. `scan` checks every product instead (a handful
    just shown: no postings are built for them); SKUs in `exclude` are left out."""
    if not scan and EXACT:  # the postings answer every constraint: no product is checked one by one
        return [catalog[i] for i in _positions(catalog, c, dropped=dropped, exclude=exclude)]
    found = catalog if scan else [catalog[i] for i in POSTINGS.get(catalog).candidates(c, dropped=dropped)]
    return [p for p in found if str(p.get("sku")) not in exclude and not set(failed(p, c)) - dropped]


def search(
    catalog: Sequence[dict[str, Any]],
    c: Constraints,
    *,
    limit: int = 3,
    scan: bool = False,
    exclude: frozenset[str] = frozenset(),
) -> CatalogResult:
    """Products meeting every constraint (in stock first unless a size decides), sorted as asked; else the nearest.
    `scan` and `exclude` as in `meeting`."""
    if not scan and EXACT:
        return _indexed_search(catalog, c, limit=limit, exclude=exclude)
    matches = meeting(catalog, c, scan=scan, exclude=exclude)
    if matches:
        ordered = _order(matches, c)
        if not c.size:
            stocked = [p for p in ordered if in_stock(p)]
            ordered = stocked + [p for p in ordered if not in_stock(p)] if c.sort == Sort.RELEVANCE else ordered
        return CatalogResult(ordered[:limit], len(matches))
    # nearest real alternatives: drop the least important constraints one by one
    for n in range(1, len(_RELAX_ORDER) + 1):
        dropped = frozenset(_RELAX_ORDER[:n])
        near = meeting(catalog, c, dropped=dropped, scan=scan, exclude=exclude)
        if near:
            relaxed = sorted({f for p in near for f in failed(p, c)}, key=_RELAX_ORDER.index)
            if c.max_price is not None and "price" in relaxed:
                near.sort(key=lambda p: float(p.get("price") or 0))
                return CatalogResult([], 0, near[:limit], relaxed)
            return CatalogResult([], 0, _order(near, c)[:limit], relaxed)
    return CatalogResult()


def _positions(
    catalog: Sequence[dict[str, Any]], c: Constraints, *, dropped: frozenset[str], exclude: frozenset[str]
) -> Sequence[int]:
    found = POSTINGS.get(catalog).candidates(c, dropped=dropped)
    return [i for i in found if str(catalog[i].get("sku")) not in exclude] if exclude else found


# every constraint a product can fail (`failed`'s names); the relaxed ones are among them
_FAILABLE = frozenset(_RELAX_ORDER) | {"gender", "excluded"}


def _indexed_search(
    catalog: Sequence[dict[str, Any]], c: Constraints, *, limit: int, exclude: frozenset[str]
) -> CatalogResult:
    """`search` through the postings and the per-version orders (exactly its result while `EXACT` holds): the
    matches' best `limit` are read from their ranks instead of sorting every match, and which constraints the
    alternatives fail from the postings of each one alone instead of checking every alternative."""
    ranking = RANKING.get(catalog)
    found = _positions(catalog, c, dropped=frozenset(), exclude=exclude)
    if found:
        stock_first = not c.size and c.sort == Sort.RELEVANCE
        top = ranking.best(found, _order_name(c), stock_first=stock_first, limit=limit)
        return CatalogResult([catalog[i] for i in top], len(found))
    postings = POSTINGS.get(catalog)
    for n in range(1, len(_RELAX_ORDER) + 1):
        dropped = frozenset(_RELAX_ORDER[:n])
        near = _positions(catalog, c, dropped=dropped, exclude=exclude)
        if near:
            wanted = set(near)
            relaxed = [
                f
                for f in _RELAX_ORDER
                if f in dropped and not wanted <= set(postings.candidates(c, dropped=_FAILABLE - {f}))
            ]
            by = "price" if c.max_price is not None and "price" in relaxed else _order_name(c)
            top = ranking.best(near, by, stock_first=False, limit=limit)
            return CatalogResult([], 0, [catalog[i] for i in top], relaxed)
    return CatalogResult()


def meets_asked(p: dict[str, Any], c: Constraints) -> bool:
    """The product meets what was asked that a recommender does not filter on (an attribute such as "waterproof",
    a material), and nothing asked is uncheckable ("a 32 inseam"): only then does it "match what you asked"."""
    return not c.unchecked and not failed(p, Constraints(features=list(c.features), materials=list(c.materials)))
