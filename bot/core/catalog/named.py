"""Whether a product the shopper's words seem to name is really named, or only described: "winter boots for men"
shares "winter" and "boots" with "Women's Mercer Winter Snow Boots", but names no product; it is a search."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.index import PerCatalog
from bot.core.catalog.line_names import line_words
from bot.core.catalog.tally import Tally, tallied
from bot.core.catalog.words import KIND_WORDS
from bot.domain import Constraints

_WORD = re.compile(r"[a-z0-9']+")


def _generic_words(p: dict[str, Any]) -> set[str]:
    """One product's words that describe rather than name: its category, material, gender, tags and colours."""
    text = " ".join(
        [str(p.get("category", "")), str(p.get("material", "")), str(p.get("gender", ""))]
        + [str(t) for t in p.get("tags") or []]
        + [str(c) for c in p.get("colors") or []]
    )
    return set(_WORD.findall(text.lower()))


def _kind_words() -> frozenset[str]:
    words: set[str] = {"men's", "women's", "mens", "womens", "men", "women", "unisex"}
    for pattern, _ in KIND_WORDS:  # "jeans|denims?" -> jeans, denim, denims
        for alt in pattern.split("|"):
            plain = re.sub(r"\(\?:[^)]*\)|[?\\-]", "", alt)
            words |= {plain, plain + "s", plain.rstrip("s")}
    return frozenset(words)


_KIND_GENERIC = _kind_words()
_CATALOG_GENERIC: PerCatalog[Tally] = tallied(_generic_words)  # a reload reads only the changed products
_GENERIC: PerCatalog[frozenset[str]] = PerCatalog(lambda catalog: _CATALOG_GENERIC.get(catalog) | _KIND_GENERIC)


def generic_words(catalog: Sequence[dict[str, Any]]) -> frozenset[str]:
    """Words that describe rather than name: categories, tags, colours, materials, genders and kind words (built
    once per catalog version)."""
    return _GENERIC.get(catalog)


def really_named(
    text: str, named: list[dict[str, Any]], c: Constraints, catalog: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The named products that share a word of their own with the text (not only a kind, tag or colour) and are
    not of the other gender than the one stated. A SKU in the text always names its product."""
    generic = generic_words(catalog)
    said = set(_WORD.findall(text.lower()))
    out = []
    for p in named:
        if str(p.get("sku", "")).lower() in text.lower():
            out.append(p)
            continue
        if c.gender in ("men", "women") and str(p.get("gender", "unisex")) not in (c.gender, "unisex"):
            continue  # "is the X unisex?" asks about the X, whatever its gender
        own = set(_WORD.findall(str(p.get("name", "")).lower())) - generic
        own -= set(_WORD.findall(str(p.get("brand", "")).lower()))
        if own & said:
            out.append(p)
    return out


_GENDER_WORDS = frozenset({"men's", "women's", "mens", "womens", "men", "women", "unisex"})


def only_described(text: str, p: dict[str, Any], catalog: Sequence[dict[str, Any]]) -> bool:
    """The text shares no line name ("Rowan"), SKU nor whole name with the product: "a puffer jacket, womens M"
    describes the one women's puffer jacket, it does not name it (a search shows it with its price); "the Slim Blue
    Jeans" names its product."""
    low = text.lower()
    if str(p.get("sku", "")).lower() in low:
        return False
    said = _WORD.findall(low)
    brand = set(_WORD.findall(str(p.get("brand", "")).lower()))
    name = [w for w in _WORD.findall(str(p.get("name", "")).lower()) if w not in brand and w not in _GENDER_WORDS]
    whole = " ".join(name)
    if whole and f" {whole} " in f" {' '.join(said)} ":
        return False
    return not (set(name) & set(said) & line_words(catalog))
