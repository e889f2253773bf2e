"""Per-version index of the catalog's care lines by material and category, so that "how do I wash merino?" reads
the groups of products made of merino, not every product of a 50,000-product catalog."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from bot.core.catalog.index import CatalogDiff, PerCatalog
from bot.domain import Catalog

# material (lower case) -> category (lower case) -> care line -> positions in the catalog, ascending
CareGroups = dict[str, dict[str, dict[str, list[int]]]]


def _build(catalog: Sequence[dict[str, Any]]) -> CareGroups:
    groups: CareGroups = {}
    _add(groups, enumerate(catalog))
    return groups


def _add(groups: CareGroups, products: Iterable[tuple[int, dict[str, Any]]]) -> None:
    from bot.core.answers import care_line  # answers reads this index: imported here, not at the top

    for i, p in products:
        care = care_line(p)
        if not care:
            continue
        material = str(p.get("material", "")).lower()
        category = str(p.get("category", "")).lower()
        groups.setdefault(material, {}).setdefault(category, {}).setdefault(care, []).append(i)


def _updated(earlier: CareGroups, catalog: Catalog, diff: CatalogDiff) -> CareGroups:
    """A later version's groups: the unchanged products at their new positions, only the changed ones read."""
    moved = diff.old_to_new
    groups: CareGroups = {}
    for material, by_category in earlier.items():
        for category, by_care in by_category.items():
            for care, positions in by_care.items():
                kept = [j for j in map(moved.__getitem__, positions) if j >= 0]
                if kept:
                    groups.setdefault(material, {}).setdefault(category, {})[care] = kept
    _add(groups, ((j, catalog[j]) for j in diff.changed))
    for by_category in groups.values():
        for by_care in by_category.values():
            for positions in by_care.values():
                positions.sort()
    return groups


_CARE: PerCatalog[CareGroups] = PerCatalog(_build, update=_updated)


def care_lines(
    catalog: Sequence[dict[str, Any]], materials: list[str], categories: list[str], *, first: int = 3
) -> dict[str, tuple[int, list[int]]]:
    """Care line -> (how many products, the first `first` positions) among the products that have a care line,
    are made of every one of `materials` (substrings of the material, any case) and, when `categories` are given,
    are of one of them. The care lines come in the order a scan of the catalog would meet them. The work grows
    with the number of distinct materials and categories, not with the catalog."""
    wanted = [m.lower() for m in materials]
    found: dict[str, list[list[int]]] = {}
    for material, by_category in _CARE.get(catalog).items():
        if not all(m in material for m in wanted):
            continue
        for category, by_care in by_category.items():
            if categories and category not in categories:
                continue
            for care, positions in by_care.items():
                found.setdefault(care, []).append(positions)
    out = {
        care: (sum(map(len, parts)), sorted(p for part in parts for p in part[:first])[:first])
        for care, parts in found.items()
    }
    return dict(sorted(out.items(), key=lambda item: item[1][1][0]))
