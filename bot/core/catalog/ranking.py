"""Per-version sort orders of the catalog, so that a search's best few are picked from its matches without sorting
them: at 50,000 products an unconstrained search ("what do you sell?") sorted every product with a Python key on
each turn (0.7-0.9 s under load); now the matches' ranks are read from an array built once per version and the
best `limit` taken with `argpartition`.

Each order is the order `search._order` gives (the same keys, ties in catalog order), optionally with the products
in stock first (a relevance search without a size). The per-product columns (price, rating, stock, warmth) are
carried over to a new version for the products that did not change (`PerCatalog` update); the orders themselves
are `np.lexsort`s over them, milliseconds each.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from bot.core.catalog.index import CatalogDiff, PerCatalog
from bot.domain import Catalog

# the columns carried over from the version before (a product's own values); "sku" is a code among this version's
# SKUs and is read again for every version
_CARRIED = ("price", "rating", "stocked", "warmth")


def _column(name: str, catalog: Sequence[dict[str, Any]]) -> np.ndarray:
    from bot.core.catalog.search import in_stock, warmth  # search reads these orders: imported here

    if name == "price":
        return np.array([float(p.get("price") or 0) for p in catalog], dtype=np.float64)
    if name == "rating":
        return np.array([float(p.get("rating") or 0) for p in catalog], dtype=np.float64)
    if name == "stocked":
        return np.array([in_stock(p) for p in catalog], dtype=bool)
    if name == "warmth":
        return np.array([warmth(p) for p in catalog], dtype=np.int64)
    if name == "sku":  # equal SKUs get equal codes, and codes sort as the SKU strings do
        skus = np.array([str(p.get("sku")) for p in catalog], dtype=str)
        return np.unique(skus, return_inverse=True)[1].reshape(-1) if len(skus) else np.zeros(0, dtype=np.int64)
    raise ValueError(f"no ranking column {name!r}")


# search._order's keys, most significant first, as columns (a minus: descending)
ORDERS: dict[str, tuple[str, ...]] = {
    "cheapest": ("price", "sku"),
    "priciest": ("-price", "sku"),
    "best_rated": ("-rating", "price", "sku"),
    "warm": ("-warmth", "-rating", "sku"),
    "default": ("-stocked", "-rating", "price", "sku"),
    "price": ("price",),  # the nearest alternatives when the price was given up: cheapest first, nothing else
}


class Ranking:
    """The catalog's sort orders, built on first use and kept for the version."""

    def __init__(self, catalog: Sequence[dict[str, Any]], columns: dict[str, np.ndarray] | None = None) -> None:
        self.catalog = catalog
        self.n = len(catalog)
        self._columns: dict[str, np.ndarray] = dict(columns or {})
        self._orders: dict[tuple[str, bool], tuple[np.ndarray, np.ndarray]] = {}
        self._mutex = threading.Lock()

    def column(self, name: str) -> np.ndarray:
        """One value per product (price, rating, stocked, warmth, sku code)."""
        col = self._columns.get(name)
        if col is None:
            col = self._columns[name] = _column(name, self.catalog)
        return col

    def order(self, name: str, *, stock_first: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """(positions in this order, each position's rank) for one of ORDERS, ties in catalog order."""
        found = self._orders.get((name, stock_first))
        if found is None:
            keys: list[np.ndarray] = [np.arange(self.n)]  # np.lexsort: the last key is the most significant
            for spec in reversed((("-stocked",) if stock_first else ()) + ORDERS[name]):
                col = self.column(spec.lstrip("-"))
                keys.append(-col.astype(np.float64) if spec.startswith("-") else col)
            order = np.lexsort(keys) if self.n else np.zeros(0, dtype=np.int64)
            rank = np.empty(self.n, dtype=np.int64)
            rank[order] = np.arange(self.n)
            with self._mutex:
                found = self._orders.setdefault((name, stock_first), (order, rank))
        return found

    def best(self, positions: Sequence[int], name: str, *, stock_first: bool, limit: int) -> list[int]:
        """The first `limit` of these positions (distinct, each a product of this catalog) in the named order."""
        order, rank = self.order(name, stock_first=stock_first)
        if len(positions) == self.n:  # every product: the order's head
            return [int(i) for i in order[:limit]]
        pos = np.fromiter(positions, dtype=np.int64, count=len(positions))
        ranks = rank[pos]
        if len(pos) > limit:
            keep = np.argpartition(ranks, limit - 1)[:limit] if limit > 0 else np.zeros(0, dtype=np.int64)
            pos, ranks = pos[keep], ranks[keep]
        return [int(i) for i in pos[np.argsort(ranks)]]

    def prepare(self) -> None:
        """Build every order a search may ask for now instead of on a turn."""
        for name in ORDERS:
            for stock_first in (False, True):
                self.order(name, stock_first=stock_first)

    def updated(self, catalog: Catalog, diff: CatalogDiff) -> Ranking:
        """The ranking of a later version: the unchanged products' columns carried over, the others read again."""
        moved = np.asarray(diff.old_to_new, dtype=np.int64)
        kept = moved >= 0
        changed = [catalog[j] for j in diff.changed]
        columns: dict[str, np.ndarray] = {}
        for name in _CARRIED:
            old = self._columns.get(name)
            if old is None:
                continue
            col = np.empty(len(catalog), dtype=old.dtype)
            col[moved[kept]] = old[kept]
            col[np.asarray(diff.changed, dtype=np.int64)] = _column(name, changed)
            columns[name] = col
        return Ranking(catalog, columns)


_build: Callable[[Sequence[dict[str, Any]]], Ranking] = Ranking
RANKING: PerCatalog[Ranking] = PerCatalog(_build, prepare=Ranking.prepare, update=Ranking.updated)
