"""Does a product meet what this turn asked? The recommendation line obeys the turn's constraints or is dropped: a
line under "are the X waterproof? I'm a women's 6" names a product that is waterproof and in stock in a 6, never
one sold out in the size or without the attribute asked about (the line is a suggestion; a wrong one misleads).

For a question about one named product, the words of its own name ("Winter Snow Boots", "Linen Shirt") are not
asked attributes: only what the shopper asked besides the name is (the size, "waterproof", "warm", a budget)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.core.catalog.attributes import BY_KEY as ATTRIBUTES
from bot.core.catalog.search import failed
from bot.core.catalog.words import KINDS
from bot.domain import Constraints, Request, RequestKind


def _named_text(named: Sequence[dict[str, Any]]) -> str:
    return " ".join(str(p.get("name") or "") for p in named).lower()


def _in_names(word: str, names: str) -> bool:
    return bool(names) and re.search(rf"(?<![\w]){re.escape(word.lower())}(?![\w])", names) is not None


def _asks_of_others(feature: str) -> bool:
    """A feature the recommended product must have too: not "how do I wash it" or "does it run small" (those ask
    about the named product's care and fit, not for a kind of product)."""
    attr = ATTRIBUTES.get(feature)
    return attr is None or not (attr.care or feature == "true to size")


def turn_misses(p: dict[str, Any], req: Request | None, named: Sequence[dict[str, Any]] = ()) -> list[str]:
    """Which of this turn's constraints the product fails (empty: it may be recommended). `named` are the products
    the turn asks about (their names' words are not asked attributes)."""
    if req is None or req.kind not in (RequestKind.PRODUCT_FACT, RequestKind.DISCOVERY, RequestKind.COMPARISON):
        return []
    c = req.constraints
    names = _named_text(named) if req.kind != RequestKind.DISCOVERY else ""
    asked = Constraints(
        size=c.size if isinstance(p.get("stock"), dict) else None,
        gender=c.gender if c.gender in ("men", "women", "unisex") else None,
        min_price=c.min_price,
        max_price=c.max_price,
        features=[f for f in c.features if not _in_names(f, names) and _asks_of_others(f)],
        materials=[m for m in c.materials if not _in_names(m, names)],
    )
    return failed(p, asked)


def turn_misses_of(products: Mapping[str, Mapping[str, Any]], item: Any, req: Request | None) -> list[str]:
    """`turn_misses` for a recommended item of the recommender's products, the turn's named products looked up."""
    named = [dict(products[s]) for s in (req.skus if req is not None else []) if s in products]
    return turn_misses(dict(products.get(item, {})), req, named)


def turn_filters(c: Constraints, *, shown_gender: str | None = None) -> dict[str, Any]:
    """This turn's constraints as recommender filters: budget, price floor, kinds, colours, sizes, brands, and the
    gender asked for (else that of the products shown here: no women's boots "similar to" the men's boots asked about)."""
    out: dict[str, Any] = {}
    gender = c.gender if c.gender in ("men", "women", "unisex") else shown_gender
    if gender:
        out["genders"] = [gender]
    if c.max_price is not None:
        out["budget"] = float(c.max_price)
    if c.min_price is not None:
        out["min_price"] = float(c.min_price)
    if c.categories:
        out["categories"] = sorted({KINDS[k][0] for k in c.categories if k in KINDS})
    if c.colours:
        out["colors"] = list(c.colours)
    if c.size:
        out["sizes"] = [c.size]
    if c.brands:
        out["brands"] = list(c.brands)
    return out


def shown_gender(products: Mapping[str, Mapping[str, Any]], skus: list[str]) -> str | None:
    """'men' or 'women' when every gendered product named or shown in this conversation is for that gender, else None."""
    genders = {str(products.get(s, {}).get("gender", "")).lower() for s in skus} - {"", "unisex"}
    return genders.pop() if len(genders) == 1 else None
