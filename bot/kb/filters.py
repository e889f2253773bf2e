"""Structured product filters (category, brand, price range, in stock), explicit or read from the question."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.domain import Passage

_NUM = r"\$?\s?(\d+(?:[.,]\d{1,2})?)\s?(?:usd|dollars?|\$)?"
_UNDER = re.compile(rf"\b(?:under|below|less than|cheaper than|up to|max(?:imum)?|at most|<)\s*{_NUM}", re.I)
_OVER = re.compile(rf"\b(?:over|above|more than|at least|min(?:imum)?|from|>)\s*{_NUM}", re.I)
_BETWEEN = re.compile(rf"\bbetween\s*{_NUM}\s*(?:and|-|to)\s*{_NUM}", re.I)
_MONEY = re.compile(r"[$€£]|\b(usd|dollars?|price|budget|cost|cheap)", re.I)
_IN_STOCK = re.compile(r"\b(in stock|available now|available)\b", re.I)


@dataclass(slots=True)
class ProductFilter:
    """Constraints on product documents; an empty filter matches everything."""

    categories: set[str] = field(default_factory=set)
    brands: set[str] = field(default_factory=set)
    min_price: float | None = None
    max_price: float | None = None
    in_stock: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.categories or self.brands or self.min_price is not None or self.max_price is not None or self.in_stock
        )

    def matches(self, p: Passage) -> bool:
        """Whether a product passage satisfies every constraint."""
        m = p.metadata
        if m.get("kind") != "product":
            return False
        if self.categories and str(m.get("category", "")).lower() not in self.categories:
            return False
        if self.brands and str(m.get("brand", "")).lower() not in self.brands:
            return False
        price = float(m.get("price") or 0)
        if self.min_price is not None and price < self.min_price:
            return False
        if self.max_price is not None and price > self.max_price:
            return False
        return not (self.in_stock and not m.get("in_stock", True))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready view (for the API and logs)."""
        return {
            "categories": sorted(self.categories),
            "brands": sorted(self.brands),
            "min_price": self.min_price,
            "max_price": self.max_price,
            "in_stock": self.in_stock,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ProductFilter:
        """Build from API/CLI input: {category|categories, brand|brands, min_price, max_price, in_stock}."""
        data = data or {}

        def as_set(*keys: str) -> set[str]:
            out: set[str] = set()
            for key in keys:
                value = data.get(key)
                if isinstance(value, str) and value:
                    out.add(value.lower())
                elif isinstance(value, (list, tuple, set)):
                    out |= {str(v).lower() for v in value if v}
            return out

        def as_float(key: str) -> float | None:
            value = data.get(key)
            return None if value in (None, "") else float(value)

        return cls(
            categories=as_set("category", "categories"),
            brands=as_set("brand", "brands"),
            min_price=as_float("min_price"),
            max_price=as_float("max_price"),
            in_stock=bool(data.get("in_stock", False)),
        )


def _singular(word: str) -> str:
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def parse_filter(query: str, *, categories: set[str], brands: set[str]) -> ProductFilter:
    """Read constraints from a shopper's words: "Guess jeans under $60 in stock"."""
    q = query.lower()
    words = {_singular(w) for w in re.findall(r"[a-z][a-z-]+", q)}
    f = ProductFilter()
    f.categories = {
        c
        for c in categories
        if _singular(c.lower()) in words or (" " in c and re.search(rf"\b{re.escape(c.lower())}\b", q))
    }
    f.brands = {b for b in brands if b.lower() in q and re.search(rf"\b{re.escape(b.lower())}\b", q)}
    if m := _BETWEEN.search(q):
        lo, hi = sorted(float(x.replace(",", ".")) for x in m.groups())
        f.min_price, f.max_price = lo, hi
    else:
        if m := _UNDER.search(q):
            f.max_price = float(m.group(1).replace(",", "."))
        if m := _OVER.search(q):
            f.min_price = float(m.group(1).replace(",", "."))
    f.in_stock = bool(_IN_STOCK.search(q))
    if not (f.categories or f.brands) and not _MONEY.search(q):
        # "returns from 30 days" is not a price filter; without a product word, need a money word
        f.min_price = f.max_price = None
    if not (f.categories or f.brands or f.min_price is not None or f.max_price is not None):
        f.in_stock = False  # "in stock" alone is answered by retrieval, not a filter
    return f
