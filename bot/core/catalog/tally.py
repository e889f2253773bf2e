"""Per-catalog unions of the products' words, which a reload updates from the changed products only."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from typing import Any

from bot.core.catalog.diff import CatalogDiff
from bot.core.catalog.index import PerCatalog
from bot.domain import Catalog


class Tally(frozenset[str]):
    """The words (or other strings) of every product together, with how many products give each: a new version's
    tally is the earlier one's less the products gone and plus the changed ones (`tallied`), instead of every
    product read again. A frozenset: callers test and combine it as one."""

    counts: Counter[str]

    @classmethod
    def of(cls, counts: Counter[str]) -> Tally:
        tally = cls(k for k, n in counts.items() if n > 0)
        tally.counts = counts
        return tally


def tallied(words_of: Callable[[dict[str, Any]], Iterable[str]]) -> PerCatalog[Tally]:
    """A per-catalog `Tally` of `words_of(product)` (each product's words counted once), carried over by a reload."""

    def build(catalog: Sequence[dict[str, Any]]) -> Tally:
        # one count over every product's words (counted in C), not an update per product
        return Tally.of(Counter(chain.from_iterable(set(words_of(p)) for p in catalog)))

    def update(earlier: Tally, catalog: Catalog, diff: CatalogDiff) -> Tally:
        counts = earlier.counts.copy()  # the earlier version's tally stays as it is while it is served
        for p in diff.gone():
            counts.subtract(set(words_of(p)))
        for j in diff.changed:
            counts.update(set(words_of(catalog[j])))
        return Tally.of(+counts)

    return PerCatalog(build, update=update)


# the catalog parser's vocabulary (bot.core.catalog.parse.Vocabulary): brands, colours, every word, name words
def _vocabulary_words(p: dict[str, Any]) -> list[str]:
    text = " ".join(
        [str(p.get(f, "")) for f in ("name", "brand", "category", "material")]
        + list(p.get("colors") or [])
        + list(p.get("tags") or [])
    )
    return re.findall(r"[a-z][a-z'&.-]+", text.lower())


CATALOG_BRANDS: PerCatalog[Tally] = tallied(lambda p: [str(p.get("brand"))] if p.get("brand") else [])
CATALOG_COLOURS: PerCatalog[Tally] = tallied(lambda p: [str(c).lower() for c in p.get("colors") or []])
CATALOG_WORDS: PerCatalog[Tally] = tallied(_vocabulary_words)
NAME_WORDS: PerCatalog[Tally] = tallied(lambda p: re.findall(r"[a-z][a-z'-]+", str(p.get("name", "")).lower()))
