"""Hard filters on candidate products: stock, stated preferences, already bought."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.errors import ConfigError


def _lower_set(value: Any, name: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)):
        raise ConfigError(f"preference {name!r} must be a string or a list of strings, not {type(value).__name__}")
    return frozenset(str(v).strip().lower() for v in value if str(v).strip())


@dataclass(frozen=True)
class Preferences:
    """What the customer said they want; empty fields do not constrain."""

    sizes: frozenset[str] = field(default_factory=frozenset)
    colors: frozenset[str] = field(default_factory=frozenset)
    brands: frozenset[str] = field(default_factory=frozenset)
    categories: frozenset[str] = field(default_factory=frozenset)
    exclude_brands: frozenset[str] = field(default_factory=frozenset)
    exclude_categories: frozenset[str] = field(default_factory=frozenset)
    genders: frozenset[str] = field(default_factory=frozenset)  # men / women; unisex products always pass
    max_price: float | None = None
    min_price: float | None = None

    KEYS = (
        "sizes",
        "colors",
        "colours",
        "brands",
        "categories",
        "exclude_brands",
        "exclude_categories",
        "genders",
        "budget",
        "max_price",
        "min_price",
    )

    @classmethod
    def from_dict(cls, filters: Mapping[str, Any] | None) -> Preferences:
        """Build from a dict such as {"sizes": ["M"], "colors": ["black"], "budget": 80, "brands": [...]}."""
        if not filters:
            return cls()
        unknown = sorted(set(filters) - set(cls.KEYS))
        if unknown:
            raise ConfigError(f"unknown preference(s) {', '.join(unknown)}; known: {', '.join(cls.KEYS)}")
        budget = filters.get("budget", filters.get("max_price"))
        try:
            max_price = None if budget is None else float(budget)
            min_price = None if filters.get("min_price") is None else float(filters["min_price"])
        except (TypeError, ValueError):
            raise ConfigError(f"budget and prices must be numbers, got {budget!r}") from None
        return cls(
            sizes=_lower_set(filters.get("sizes"), "sizes"),
            colors=_lower_set(filters.get("colors", filters.get("colours")), "colors"),
            brands=_lower_set(filters.get("brands"), "brands"),
            categories=_lower_set(filters.get("categories"), "categories"),
            exclude_brands=_lower_set(filters.get("exclude_brands"), "exclude_brands"),
            exclude_categories=_lower_set(filters.get("exclude_categories"), "exclude_categories"),
            genders=_lower_set(filters.get("genders"), "genders"),
            max_price=max_price,
            min_price=min_price,
        )


def in_stock(product: Mapping[str, Any], *, sizes: frozenset[str] = frozenset()) -> bool:
    """False when the product is marked out of stock or no (wanted) size has units left."""
    if product.get("in_stock") is False:
        return False
    stock = product.get("stock")
    if isinstance(stock, Mapping):
        wanted = {str(s).lower(): n for s, n in stock.items()}
        if sizes:
            wanted = {s: n for s, n in wanted.items() if s in sizes}
        return any((n or 0) > 0 for n in wanted.values())
    if isinstance(stock, (int, float)):
        return stock > 0
    return True


def rejection(product: Mapping[str, Any], prefs: Preferences) -> str | None:
    """Why a product must not be recommended under these preferences, or None when it may."""
    if not in_stock(product, sizes=prefs.sizes):
        return "out of stock" + (" in the wanted size" if prefs.sizes else "")
    price = product.get("price")
    if prefs.max_price is not None and isinstance(price, (int, float)) and price > prefs.max_price:
        return f"over budget ({price} > {prefs.max_price:g})"
    if prefs.min_price is not None and isinstance(price, (int, float)) and price < prefs.min_price:
        return "under the minimum price"
    brand = str(product.get("brand", "")).lower()
    if prefs.brands and brand not in prefs.brands:
        return "not a wanted brand"
    if brand and brand in prefs.exclude_brands:
        return "an excluded brand"
    category = str(product.get("category", "")).lower()
    if prefs.categories and category not in prefs.categories:
        return "not a wanted category"
    if category and category in prefs.exclude_categories:
        return "an excluded category"
    gender = str(product.get("gender", "")).lower()
    if prefs.genders and gender and gender != "unisex" and gender not in prefs.genders:
        return "made for another gender"
    if prefs.sizes and not isinstance(product.get("stock"), Mapping):
        sizes = {str(s).lower() for s in product.get("sizes", [])}
        if sizes and not sizes & prefs.sizes:
            return "not in a wanted size"
    colors = {str(c).lower() for c in product.get("colors", product.get("colours", [])) or []}
    if prefs.colors and colors and not colors & prefs.colors:
        return "not in a wanted colour"
    return None
