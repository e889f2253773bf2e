"""Per-version indexes over the catalog, so that a turn's catalog work grows with what it finds, not with the
catalog (50,000 products: scanning them all took most of a turn).

- `PerCatalog`: a value built once per catalog. The knowledge base hands out one read-only `Catalog` per
  version, found here by identity in O(1); any other list (tests, tools) by its products' identities.
- `Postings`: for the attribute constraints of a catalog search (kind, brand, gender, colour), the positions of
  the products that meet each value, built on first use of that value and kept for the version. A search
  intersects them (smallest first) and checks only the survivors exactly; price narrows through a sorted list.
- A new version's values are carried over from the version before where a `PerCatalog` has an `update`: the
  products that did not change keep their entries (moved to their new positions, `CatalogDiff`), and only the
  changed ones are checked again. A reload after changing 100 of 50,000 products no longer finds every feature in
  the whole catalog again (about 26 s of the 39 s the indexes took; bench_catalog.py's in-server reload).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import fields
from functools import partial
from typing import Any, Generic, TypeVar

from bot.core.catalog.diff import CatalogDiff, catalog_diff
from bot.core.catalog.feature_text import CatalogText, known_features
from bot.core.catalog.negation import excludes, positions_having
from bot.core.catalog.pure_material import made_of
from bot.core.catalog.words import KINDS, MATERIALS
from bot.domain import Catalog, Constraints

T = TypeVar("T")


def _key(catalog: Sequence[dict[str, Any]]) -> Hashable:
    return id(catalog) if isinstance(catalog, Catalog) else tuple(map(id, catalog))


class PerCatalog(Generic[T]):
    """A value per catalog, for the last `keep` catalogs (this version and the one before: a reload swaps mid-turn).

    Every instance is registered, so `prepare` builds them all for a new version before it is served. With
    `update(earlier value, new catalog, diff)`, a new version's value is made from the latest earlier version's
    (both read-only `Catalog`s): it must equal what `build` gives for the new catalog."""

    def __init__(
        self,
        build: Callable[[Sequence[dict[str, Any]]], T],
        *,
        keep: int = 2,
        prepare: Callable[[T], object] | None = None,
        update: Callable[[T, Catalog, CatalogDiff], T] | None = None,
    ) -> None:
        self._build, self._keep, self._prepare, self._update = build, keep, prepare, update
        self._values: dict[Hashable, tuple[Sequence[dict[str, Any]], T]] = {}
        self._mutex = threading.Lock()
        _REGISTERED.append(self)

    def warm(self, catalog: Sequence[dict[str, Any]]) -> None:
        """Build this catalog's value now (from the version before where it can), and whatever its `prepare`
        builds lazily on first use."""
        value = self.get(catalog, incremental=True)
        if self._prepare is not None:
            self._prepare(value)

    def get(self, catalog: Sequence[dict[str, Any]], *, incremental: bool = False) -> T:
        """The value for this catalog, built on first use."""
        key = _key(catalog)
        hit = self._values.get(key)
        if hit is not None and (not isinstance(catalog, Catalog) or hit[0] is catalog):
            return hit[1]
        earlier = self._earlier(catalog) if incremental else None
        value = self._build(catalog) if earlier is None else earlier
        # the products (or the read-only catalog itself) are held, so the ids in the key are not reused
        held = catalog if isinstance(catalog, Catalog) else list(catalog)
        with self._mutex:
            while len(self._values) >= self._keep:
                self._values.pop(next(iter(self._values)), None)
            self._values[key] = (held, value)
        return value

    def _earlier(self, catalog: Sequence[dict[str, Any]]) -> T | None:
        """This catalog's value updated from the latest earlier catalog's, when both are read-only catalogs."""
        if self._update is None or not isinstance(catalog, Catalog):
            return None
        with self._mutex:
            held = [(c, v) for c, v in self._values.values() if isinstance(c, Catalog) and c is not catalog]
        if not held:
            return None
        old, value = held[-1]
        return self._update(value, catalog, _diff(old, catalog))


_REGISTERED: list[PerCatalog[Any]] = []
_LAST_DIFF: list[tuple[Catalog, Catalog, CatalogDiff]] = []  # computed once for every value a new version updates


def _diff(old: Catalog, new: Catalog) -> CatalogDiff:
    last = _LAST_DIFF[0] if _LAST_DIFF else None
    if last is not None and last[0] is old and last[1] is new:
        return last[2]
    diff = catalog_diff(old, new)
    _LAST_DIFF[:] = [(old, new, diff)]
    return diff


def prepare(catalog: Sequence[dict[str, Any]]) -> None:
    """Build every per-catalog value of the modules imported so far for this catalog (one knowledge-base version),
    so that no turn pays for a first use. The knowledge base calls this (through the app) before it serves the
    version."""
    try:
        for per in list(_REGISTERED):
            per.warm(catalog)
    finally:
        _LAST_DIFF.clear()  # holds no version longer than its values do


def _is_kind(p: dict[str, Any], category: str, word: str) -> bool:
    return str(p.get("category", "")).lower() == category and (not word or word in str(p.get("name", "")).lower())


def _gender_of(p: dict[str, Any]) -> list[str]:
    return [str(p.get("gender", "unisex"))]


def _brand_of(p: dict[str, Any]) -> list[str]:
    return [str(p.get("brand"))]


def _colours_of(p: dict[str, Any]) -> list[str]:
    return sorted({str(x).lower() for x in p.get("colors") or []})


def _sizes_in_stock(p: dict[str, Any]) -> list[str]:
    stock = p.get("stock") if isinstance(p.get("stock"), dict) else {}
    return sorted({str(s).lower() for s, q in (stock or {}).items() if int(q or 0) > 0})


def _category_of(p: dict[str, Any]) -> list[str]:
    return [str(p.get("category", "")).lower()]


# the field groups of `Postings` and each product's values in them
_FIELDS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "category": _category_of,
    "gender": _gender_of,
    "brand": _brand_of,
    "colour": _colours_of,
    "size": _sizes_in_stock,
}


def _moved_group(
    group: dict[str, list[int]],
    moved: list[int],
    fresh: list[tuple[int, dict[str, Any]]],
    value_of: Callable[[dict[str, Any]], list[str]],
) -> dict[str, list[int]]:
    """A field group of a later catalog: the unchanged products at their new positions, the changed ones added."""
    out: dict[str, list[int]] = {}
    for value, ids in group.items():
        kept = [j for j in map(moved.__getitem__, ids) if j >= 0]
        if kept:
            out[value] = kept
    for j, p in fresh:
        for value in value_of(p):
            out.setdefault(value, []).append(j)
    for ids in out.values():
        ids.sort()
    return out


# the constraints a search checks (`failed`) and those it does not; the postings answer each checked one exactly
_CHECKED = {"categories", "brands", "gender", "colours", "size", "in_stock", "min_price", "max_price"}
_CHECKED |= {"materials", "features", "excluded"}
_NOT_CHECKED = {"sort", "missing_brands", "missing_categories", "unchecked"}
# False when Constraints gains a field the postings do not know: the survivors are then checked one by one again
EXACT = {f.name for f in fields(Constraints)} <= _CHECKED | _NOT_CHECKED


class Postings:
    """Positions of the products meeting one value of an attribute, per value, built on first use."""

    def __init__(self, catalog: Sequence[dict[str, Any]]) -> None:
        self.catalog = catalog
        self._sets: dict[tuple[str, str], frozenset[int]] = {}
        self._groups: dict[str, dict[str, list[int]]] = {}
        self._mutex = threading.Lock()
        self._by_price: tuple[list[float], list[int]] | None = None
        self._price_of: list[float] = []
        self._text: CatalogText | None = None

    def _group(self, field: str, value_of: Callable[[dict[str, Any]], list[str]]) -> dict[str, list[int]]:
        """Positions by the values of one field (one pass over the catalog, once per version)."""
        group = self._groups.get(field)
        if group is None:
            group = {}
            for i, p in enumerate(self.catalog):
                for v in value_of(p):
                    group.setdefault(v, []).append(i)
            self._groups[field] = group
        return group

    def _cached(self, key: tuple[str, str], build: Callable[[], frozenset[int]]) -> frozenset[int]:
        found = self._sets.get(key)
        if found is None:
            with self._mutex:
                found = self._sets.get(key)
                if found is None:
                    found = self._sets[key] = build()
        return found

    def prepare(self) -> None:
        """Build the field groups, every kind's positions and the price order now instead of on first use."""
        for kind in KINDS:
            self.kind(kind)
        for gender in self._group("gender", _FIELDS["gender"]):
            self.gender(gender)
        for brand in self._group("brand", _FIELDS["brand"]):
            self.brand(brand)
        for colour in self._group("colour", _FIELDS["colour"]):  # the catalog's colours (an alias or a basic colour:
            self.colour(colour)  # on first use, one pass over the distinct colours)
        self._group("size", _sizes_in_stock)
        self.stocked()
        for material in MATERIALS:
            self.material(material)
        for feature in known_features():
            self.feature(feature)
        self.price_between(None, None)

    def updated(self, catalog: Catalog, diff: CatalogDiff) -> Postings:
        """The postings of `catalog`, a later version of this one's: every value built here is carried over, its
        unchanged products moved to their new positions and only the changed ones checked (`_meets`). The field
        groups, the price order and the joined text are built again (each one pass, on first use)."""
        new = Postings(catalog)
        moved = diff.old_to_new
        fresh = [(j, catalog[j]) for j in diff.changed]
        changed = frozenset(diff.changed)
        for key, members in list(self._sets.items()):
            meets = _meets(*key)
            if diff.in_place:  # the unchanged products keep their positions: set operations in C
                new._sets[key] = (members - changed) | {j for j, p in fresh if meets(p)}
                continue
            kept = [j for j in map(moved.__getitem__, members) if j >= 0]
            new._sets[key] = frozenset(kept + [j for j, p in fresh if meets(p)])
        for field, group in list(self._groups.items()):  # the field groups too, their lists ascending as built
            new._groups[field] = _moved_group(group, moved, fresh, _FIELDS[field])
        return new

    def kind(self, kind: str) -> frozenset[int]:
        """Products of this kind (its category, and the word its name must hold)."""
        category, word = KINDS[kind]
        by_category = self._group("category", _category_of)
        return self._cached(
            ("kind", kind),
            lambda: frozenset(i for i in by_category.get(category, []) if _is_kind(self.catalog[i], category, word)),
        )

    def brand(self, brand: str) -> frozenset[int]:
        """Products of this brand (as the catalog spells it)."""
        by_brand = self._group("brand", _brand_of)
        return self._cached(("brand", brand), lambda: frozenset(by_brand.get(brand, [])))

    def gender(self, gender: str) -> frozenset[int]:
        """Products for this gender, unisex ones included."""
        by_gender = self._group("gender", _gender_of)
        return self._cached(
            ("gender", gender), lambda: frozenset(by_gender.get(gender, []) + by_gender.get("unisex", []))
        )

    def colour(self, colour: str) -> frozenset[int]:
        """Products with a colour naming this one as a whole word ("navy" finds "navy blue")."""
        by_colour = self._group("colour", _colours_of)

        def build() -> frozenset[int]:
            pattern = re.compile(rf"\b{re.escape(colour)}\b")
            return frozenset(i for have, ids in by_colour.items() if pattern.search(have) for i in ids)

        return self._cached(("colour", colour), build)

    def price_between(self, low: float | None, high: float | None) -> list[int]:
        """Positions of the products priced within [low, high] (either end open)."""
        if self._by_price is None:
            order = sorted(range(len(self.catalog)), key=lambda i: float(self.catalog[i].get("price") or 0))
            self._by_price = ([float(self.catalog[i].get("price") or 0) for i in order], order)
            self._price_of = [float(p.get("price") or 0) for p in self.catalog]
        prices, order = self._by_price
        start = 0 if low is None else bisect.bisect_left(prices, low)
        end = len(prices) if high is None else bisect.bisect_right(prices, high)
        return sorted(order[start:end])  # catalog order, as a scan would give

    def sized(self, size: str) -> frozenset[int]:
        """Products in stock in this size (as `size_ok`: the stock table's size, any case, with a quantity)."""
        by_size = self._group("size", _sizes_in_stock)
        return self._cached(("size", size.lower()), lambda: frozenset(by_size.get(size.lower(), [])))

    def stocked(self) -> frozenset[int]:
        """Products in stock in some size (as `in_stock`)."""
        from bot.core.catalog.search import in_stock  # search reads these postings: imported here

        return self._cached(("stock", ""), lambda: frozenset(i for i, p in enumerate(self.catalog) if in_stock(p)))

    def material(self, material: str) -> frozenset[int]:
        """Products of this material as the search checks it (`pure_material.made_of`: the word in the material or
        name; "pure X" wholly of X by the material field, never a blend)."""

        def build() -> frozenset[int]:
            return frozenset(i for i, p in enumerate(self.catalog) if made_of(p, material))

        return self._cached(("material", material), build)

    def feature(self, feature: str) -> frozenset[int]:
        """Products meeting one feature exactly as the search checks it (`_feature_ok`: an attribute's evidence, a
        style word, a feature word, warmth): the products that may meet it are found in the catalog's joined text
        (`CatalogText.maybe`), and only those are checked exactly."""
        from bot.core.catalog.search import _feature_ok  # search reads these postings: imported here

        def build() -> frozenset[int]:
            maybe = sorted(self._catalog_text().maybe(feature))
            return frozenset(i for i in maybe if _feature_ok(self.catalog[i], feature))

        return self._cached(("feature", feature), build)

    def _catalog_text(self) -> CatalogText:
        if self._text is None:
            self._text = CatalogText(self.catalog)  # kept: a style word's first search finds it in milliseconds
        return self._text

    def candidates(self, c: Constraints, *, dropped: frozenset[str] = frozenset()) -> Sequence[int]:
        """Positions of the products meeting the constraints not in `dropped`, ascending: exactly those while
        `EXACT` holds (tests/core/test_catalog_index.py checks them against `failed`), else a superset."""
        sets: list[frozenset[int]] = []
        if c.categories and "category" not in dropped:
            sets.append(frozenset().union(*(self.kind(k) for k in c.categories)))
        if c.brands and "brand" not in dropped:
            sets.append(frozenset().union(*(self.brand(b) for b in c.brands)))
        if c.gender and "gender" not in dropped:
            sets.append(self.gender(c.gender))
        if c.colours and "colour" not in dropped:
            sets.append(frozenset().union(*(self.colour(x) for x in c.colours)))
        if c.size and "size" not in dropped:
            sets.append(self.sized(c.size))
        elif c.in_stock and not c.size and "stock" not in dropped:
            sets.append(self.stocked())
        if c.materials and "material" not in dropped:
            sets.append(frozenset().union(*(self.material(m) for m in c.materials)))
        if c.features and "feature" not in dropped:
            sets += [self.feature(f) for f in c.features]
        priced = (c.max_price is not None or c.min_price is not None) and "price" not in dropped
        if not sets and not c.excluded:
            return self.price_between(c.min_price, c.max_price) if priced else range(len(self.catalog))
        sets.sort(key=len)
        found = set(sets[0]) if sets else set(range(len(self.catalog)))
        for s in sets[1:]:
            found &= s
        for x in c.excluded:  # "material:wool" ruled out (negation.py): never relaxed, out of the nearest too
            found -= self._cached(("excluded", x), partial(positions_having, self.catalog, x))
        if priced:  # the price of each survivor, not a set of every product in the price range
            self.price_between(None, None)
            low, high = c.min_price, c.max_price
            found = {
                i
                for i in found
                if (low is None or self._price_of[i] >= low) and (high is None or self._price_of[i] <= high)
            }
        return sorted(found)


def _meets(field: str, value: str) -> Callable[[dict[str, Any]], bool]:
    """Whether one product belongs to the postings of (field, value): what each of them holds, product by product."""
    from bot.core.catalog.search import _feature_ok, in_stock

    if field == "kind":
        category, word = KINDS[value]
        return lambda p: _is_kind(p, category, word)
    if field == "brand":
        return lambda p: _brand_of(p)[0] == value
    if field == "gender":
        return lambda p: _gender_of(p)[0] in (value, "unisex")
    if field == "colour":
        pattern = re.compile(rf"\b{re.escape(value)}\b")
        return lambda p: any(pattern.search(have) for have in _colours_of(p))
    if field == "size":
        return lambda p: value in _sizes_in_stock(p)
    if field == "stock":
        return in_stock
    if field == "material":
        return lambda p: value in (str(p.get("material", "")) + " " + str(p.get("name", ""))).lower()
    if field in ("feature", "excluded"):  # a feature met, or what a shopper ruled out (negation.py) had
        return (lambda p: _feature_ok(p, value)) if field == "feature" else (lambda p: excludes(p, value))
    raise ValueError(f"no postings field {field!r}")


POSTINGS: PerCatalog[Postings] = PerCatalog(Postings, prepare=Postings.prepare, update=Postings.updated)
