"""Product mentions that are not exact catalog names: a line name ("Camden") or a run of two name words ("Oversized
T-Shirt") from a product the offer does not carry. The verifier catches exact product and brand names; a small model
also writes half names ("a Tommy Hilfiger Camden Oversized T-Shirt" for an offer of socks), which this catches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")
_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
_GENDER = {"men's", "women's", "unisex", "kids'", "kid's", "girls'", "boys'", "mens", "womens"}


class ProductNames:
    """Name words of a catalog, to tell which ones a text uses that the offer's facts lack."""

    def __init__(self, catalog: Iterable[dict[str, Any]]) -> None:
        products = [p for p in catalog if p.get("name")]
        self.skip = {w.lower() for p in products for w in _WORD.findall(str(p.get("brand") or ""))} | _GENDER
        common: set[str] = set()  # words the shop also uses in running text: not distinctive on their own
        for p in products:
            for key in ("description", "category", "material"):
                common |= set(_LOWER_WORD.findall(str(p.get(key) or "")))
            common |= {w.lower() for t in p.get("tags") or [] for w in _WORD.findall(str(t))}
        self.lines: set[str] = set()  # distinctive single words, as written in the name ("Camden", "3-Pack")
        self.pairs: set[tuple[str, str]] = set()  # consecutive name words, lower case ("oversized", "t-shirt")
        for p in products:
            words = self._words(str(p["name"]))
            self.lines |= {w for w in words if w.lower() not in common and w[:1].isupper()}
            low = [w.lower() for w in words]
            self.pairs |= set(zip(low, low[1:], strict=False))

    def _words(self, text: str) -> list[str]:
        """Words other than brand and gender words (so "Gap Men's Camden Jeans" and "Camden Jeans" read alike)."""
        return [w for w in _WORD.findall(text) if w.lower() not in self.skip]

    def foreign(self, text: str, allowed: str) -> list[str]:
        """Line names (written capitalised) and name-word pairs in `text` that `allowed` does not contain."""
        allowed_low = [w.lower() for w in self._words(allowed)]
        allowed_words = set(allowed_low)
        allowed_pairs = set(zip(allowed_low, allowed_low[1:], strict=False))
        words = self._words(text)
        found = [w for w in words if w in self.lines and w.lower() not in allowed_words]
        low = [w.lower() for w in words]
        for i, pair in enumerate(zip(low, low[1:], strict=False)):
            if pair in self.pairs and pair not in allowed_pairs:
                found.append(f"{words[i]} {words[i + 1]}")
        return list(dict.fromkeys(found))
