"""A catalog brand said short: its initials ("CK Mercer snow boots", "MK Rowan", "TH", "BR") or its first word
("tommy brooklyn merino sweater", "Calvin Beacon boots"), written out as the brand's full name before the message is
read against the catalog. The shop's names carry the full brand, and a product is ranked first by its brand being
named, so "MK Grove jeans" left short ties the Michael Kors Grove jeans with the Guess Grove Wide-Leg Jeans (more of
whose fewer name words are said) and the Guess pair wins.

A short form counts only where it is followed by a word of one of that brand's own product names ("CK Mercer",
"tommy jeans"), so a word that only looks like one ("th" in a typo, "Tommy" as a person's name before "said") is
left alone; a short form two of the catalog's brands share, or an everyday word, is never read as a brand."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.index import PerCatalog
from bot.core.catalog.tally import CATALOG_BRANDS, Tally, tallied

_WORD = re.compile(r"[a-z0-9']+")
# everyday words a brand's initials or first word may spell ("Old Navy" -> "on", "old"): never read as a brand
_EVERYDAY = frozenset(
    _WORD.findall(
        "a am an as at be by do go he hi if in is it me my no of ok on or so to up us we the old new big true free"
        " north south east west american urban under little"
    )
)


def _brand_words(p: dict[str, Any]) -> list[str]:
    """ "brand|word" for each word of the product's name that is not the brand's own."""
    brand = str(p.get("brand") or "").strip()
    if not brand:
        return []
    own = set(_WORD.findall(brand.lower()))
    name = re.sub(r"\b([a-z0-9]+)-([a-z0-9]+)\b", r"\1\2", str(p.get("name") or "").lower())  # "wide-leg"
    return [f"{brand.lower()}|{w}" for w in _WORD.findall(name) if w not in own]


BRAND_NAME_WORDS: PerCatalog[Tally] = tallied(_brand_words)


def _shorts(brands: Tally) -> dict[str, str]:
    """Short form -> the brand, for the catalog's brands of two or more words: the initials and the first word,
    less the forms two brands share, everyday words and the forms that are a brand's whole name."""
    found: dict[str, set[str]] = {}
    for brand in brands:
        parts = _WORD.findall(brand.lower())
        if len(parts) < 2:
            continue
        for short in ("".join(w[0] for w in parts), parts[0]):
            found.setdefault(short, set()).add(brand)
    whole = {b.lower() for b in brands}
    return {s: next(iter(bs)) for s, bs in found.items() if len(bs) == 1 and s not in _EVERYDAY and s not in whole}


_SHORTS: PerCatalog[dict[str, str]] = PerCatalog(lambda catalog: _shorts(CATALOG_BRANDS.get(catalog)))
# a word and the word after it (looked ahead, so "CK MK" style runs are each read)
_SHORT_THEN_WORD = re.compile(r"(?<![\w'-])([A-Za-z]+)(?=\s+([A-Za-z][\w'-]*))")


def _singular(word: str, words: Tally, brand: str) -> str:
    for w in (word, word[:-1], word[:-2]):
        if f"{brand}|{w}" in words:
            return w
    return word


def with_brand_names(text: str, catalog: Sequence[dict[str, Any]]) -> str:
    """The text with each short form of a catalog brand written out ("CK Mercer snow boots" -> "Calvin Klein Mercer
    snow boots"); the text itself when it holds none."""
    shorts = _SHORTS.get(catalog)
    if not shorts or not any(w in shorts for w in _WORD.findall(text.lower())):
        return text
    words = BRAND_NAME_WORDS.get(catalog)

    def written_out(m: re.Match[str]) -> str:
        short, after = m.group(1), m.group(2).lower().replace("-", "")
        brand = shorts.get(short.lower())
        if brand is None:
            return short
        key = brand.lower()
        rest = _WORD.findall(key)[1:]
        if after == rest[0] or f"{key}|{_singular(after, words, key)}" not in words:
            return short  # "Tommy Hilfiger" already whole; "Tommy said" names nothing of the brand
        return brand

    return _SHORT_THEN_WORD.sub(written_out, text)


__all__ = ["with_brand_names"]
