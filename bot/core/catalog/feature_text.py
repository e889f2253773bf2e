"""The products that may meet a search feature, found in one joined text of the whole catalog: a superset of
those meeting it, each of which the postings then check exactly (bot/core/catalog/index.py).

Each product's fields (material, each description sentence, tags, name) are lower-cased and joined by NUL, and
the products by a newline and NUL, into one string per version. A pattern is searched in that string from one
product to the next (one call per product that matches, not one per product), and a word is found with
`str.find`: at 50,000 products every known feature is found in a few seconds at a version's load, not on a turn.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.attributes import BY_KEY
from bot.core.catalog.concepts import BY_KEY as CONCEPTS
from bot.core.catalog.words import FEATURES, WARM_MATERIALS, WARM_TAGS

# pattern parts whose meaning changes when a field's edge is a NUL instead of the start or end of the text
_EDGE_SENSITIVE = ("^", "$", "\\A", "\\Z", "\\B", "(?<")


def joined_fields(p: dict[str, Any]) -> str:
    """Every field a feature is read from, lower case, joined by NUL: a match inside one field is one here too."""
    sentences = re.split(r"(?<=[.!?])\s+", str(p.get("description") or ""))
    fields = [str(p.get("material") or "")] + sentences + [str(t) for t in p.get("tags") or []]
    return "\0".join(fields + [str(p.get("name") or "")]).lower()


class CatalogText:
    """The whole catalog as one string, and where each product's text starts in it."""

    def __init__(self, catalog: Sequence[dict[str, Any]]) -> None:
        texts = [joined_fields(p) for p in catalog]
        self.starts: list[int] = []
        at = 0
        for t in texts:
            self.starts.append(at)
            at += len(t) + 2
        self.text = "\n\0".join(texts) + "\n\0"
        self.n = len(texts)

    def _product(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def _next(self, k: int) -> int:
        return self.starts[k + 1] if k + 1 < self.n else len(self.text)

    def matching(self, pattern: re.Pattern[str]) -> set[int]:
        """Products in whose text the pattern matches (a match that runs on into the next product counts for the
        product it starts in; the search then goes on from the next product, so no match hides another)."""
        out: set[int] = set()
        pos = 0
        while (m := pattern.search(self.text, pos)) is not None:
            k = self._product(m.start())
            out.add(k)
            pos = self._next(k)
        return out

    def containing(self, word: str) -> set[int]:
        """Products whose text holds the word (lower case)."""
        out: set[int] = set()
        pos = 0
        while (i := self.text.find(word, pos)) != -1:
            k = self._product(i)
            out.add(k)
            pos = self._next(k)
        return out

    def containing_all(self, words: list[str]) -> set[int]:
        """Products whose text holds every one of the words (all products for no words)."""
        if not words:
            return set(range(self.n))
        found = self.containing(words[0])
        for w in words[1:]:
            found &= self.containing(w)
        return found

    def maybe(self, feature: str) -> set[int]:
        """Products that may meet the feature: every product that does is among them."""
        if feature in CONCEPTS:  # any of its signs, or the word as it is read without the concept
            signs = CONCEPTS[feature].signs
            return set().union(*(self.containing(s) for s in signs)) | self._plain(feature)
        return self._plain(feature)

    def _plain(self, feature: str) -> set[int]:
        if feature == "warm":
            return set().union(*(self.containing_all(sign.split()) for sign in (*WARM_TAGS, *WARM_MATERIALS)))
        attr = BY_KEY.get(feature)
        if attr is not None:
            if any(part in attr.shown.pattern for part in _EDGE_SENSITIVE):
                return set(range(self.n))
            return self.matching(attr.shown)
        return self.containing_all(feature.lower().split())  # a feature or style word: its words are in a field


def known_features() -> list[str]:
    """The features a search may carry besides the catalog's style words: built for each version up front."""
    return list(dict.fromkeys([*FEATURES, *BY_KEY, *CONCEPTS, "warm"]))
