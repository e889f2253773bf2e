"""How a new catalog version's products relate to the version before's (what a reload changed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CatalogDiff:
    """How a catalog's products relate to an earlier catalog's: `old_to_new[i]` is the new position of the earlier
    catalog's product i when the new catalog holds it unchanged (equal in every field), else -1; `changed` are the
    new positions of every other product (changed or added), ascending; `earlier` is the earlier catalog;
    `in_place`: the same number of products, each unchanged one at its earlier position (products edited, none
    added, removed or moved), so `changed` are also the earlier positions of the products that changed."""

    old_to_new: list[int]
    changed: list[int]
    earlier: Sequence[dict[str, Any]] = ()
    in_place: bool = False

    def gone(self) -> list[dict[str, Any]]:
        """The earlier catalog's products the new one does not hold unchanged (changed or removed)."""
        return [self.earlier[i] for i, j in enumerate(self.old_to_new) if j < 0]


def catalog_diff(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> CatalogDiff:
    """Match each new product to an equal earlier one by its SKU and name (one dict comparison each)."""
    by_key: dict[tuple[str, str], int] = {}
    for i, p in enumerate(old):
        by_key.setdefault((str(p.get("sku")), str(p.get("name"))), i)
    old_to_new, changed = [-1] * len(old), []
    for j, p in enumerate(new):
        at = by_key.get((str(p.get("sku")), str(p.get("name"))))
        if at is not None and old_to_new[at] < 0 and (old[at] is p or old[at] == p):
            old_to_new[at] = j
        else:
            changed.append(j)
    in_place = len(old) == len(new) and all(j == i or j < 0 for i, j in enumerate(old_to_new))
    return CatalogDiff(old_to_new, changed, old, in_place)
