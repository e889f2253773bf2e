"""Product-line names that are also places or everyday words ("Aspen", "York", "Brooklyn", "Harbor", "Ridge"): the
word after a product name's brand and gender, which the listings write only as a name (never in lower case in a
description or tag). Such a word names a product where the shopper's words go on with that line's own name words
("the Aspen boots", "York overcoat", "Everett chukkas") or follow one of them ("Guess Everett"); after a place word
("heading to aspen", "I live in Brooklyn", "walking along the harbor") it is a place or an ordinary word, and the
catalog search does not read it: no "aspen" filter on a boots search, no Brooklyn Rain Jacket's facts for "I live in
Brooklyn, do you have rain jackets?". A line word read as a filter beside a kind none of the line's products is
("hiking ridge trails, a warm coat": no Ridge coat) is no product name either."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.index import POSTINGS, PerCatalog
from bot.core.catalog.tally import Tally, tallied

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_GENDER = frozenset({"men's", "women's", "mens", "womens", "men", "women", "unisex"})
# before the word: a place ("to aspen", "in Brooklyn", "near the Hudson", "visiting Camden", "along the harbor")
_PLACE_BEFORE = re.compile(
    r"\b(?:to|in|at|near|around|into|visiting|visit|through|across|along|outside|towards?|via|round)"
    r"\s+(?:the\s+)?$"
)


def _line(p: dict[str, Any]) -> str:
    """The first word of the name after its brand and gender: "Guess Women's Everett Chukka Boots" -> everett."""
    brand = set(_WORD.findall(str(p.get("brand", "")).lower()))
    rest = [w for w in _WORD.findall(str(p.get("name", "")).lower()) if w not in brand and w not in _GENDER]
    return rest[0] if rest and rest[0].isalpha() else ""


def _pairs(p: dict[str, Any]) -> list[str]:
    """ "everett|guess", "everett|chukka", "everett|boots": the line with each other word of the name."""
    line = _line(p)
    if not line:
        return []
    words = {w for w in _WORD.findall(str(p.get("name", "")).lower()) if w != line and w not in _GENDER}
    return [f"{line}|{w}" for w in words]


_FIRST: PerCatalog[Tally] = tallied(lambda p: [_line(p)] if _line(p) else [])
_LOWER: PerCatalog[Tally] = tallied(
    lambda p: re.findall(r"\b[a-z][a-z'-]+\b", " ".join([str(p.get("description", ""))] + list(p.get("tags") or [])))
)
_PAIR_TALLY: PerCatalog[Tally] = tallied(_pairs)  # a reload reads only the changed products


def _line_words(catalog: Sequence[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Each line name with the other words of its products' names (from the carried-over tallies)."""
    lines = _FIRST.get(catalog) - _LOWER.get(catalog)
    out: dict[str, set[str]] = {line: set() for line in lines}
    for pair in _PAIR_TALLY.get(catalog):
        line, word = pair.split("|", 1)
        if line in out:
            out[line].add(word)
    return {line: frozenset(words) for line, words in out.items()}


_LINES: PerCatalog[dict[str, frozenset[str]]] = PerCatalog(_line_words)


def line_words(catalog: Sequence[dict[str, Any]]) -> frozenset[str]:
    """The catalog's product-line names."""
    return frozenset(_LINES.get(catalog))


def _own_word(word: str, words: frozenset[str]) -> bool:
    return word in words or (word.endswith("s") and (word[:-1] in words or word[:-2] in words))


def unplaced(text: str, catalog: Sequence[dict[str, Any]]) -> str:
    """The text with each line name that reads as a place or an ordinary word blanked (same length, so spans hold):
    not beside a word of its own products' names, and after a place word."""
    lines = _LINES.get(catalog)
    low = text.lower()
    if not any(line in low for line in lines):
        return text
    out = text
    for m in re.finditer(r"[a-z][a-z'-]*", low):
        words = lines.get(m.group(0))
        if words is None or _named_here(low, m, words) or not _PLACE_BEFORE.search(low[: m.start()]):
            continue
        out = out[: m.start()] + " " * (m.end() - m.start()) + out[m.end() :]
    return out


def _named_here(low: str, m: re.Match[str], words: frozenset[str]) -> bool:
    """The word just before (a brand: "Tommy York") or just after ("York overcoat") is one of the line's own; "in
    Brooklyn and it rains" is no Brooklyn Rain Jacket."""
    before = re.findall(r"[a-z0-9'-]+", low[: m.start()])[-1:]
    after = re.match(r"\s+([a-z0-9'-]+)", low[m.end() :])
    return any(_own_word(w, words) for w in before + ([after.group(1)] if after else []))


def kindless_lines(features: list[str], categories: list[str], catalog: Sequence[dict[str, Any]]) -> list[str]:
    """Line names among the features that no product of the asked kinds carries ("ridge" beside "coat")."""
    lines = _LINES.get(catalog)
    if not categories:
        return []
    postings = POSTINGS.get(catalog)
    out = []
    for f in features:
        if f not in lines:
            continue
        named = postings.feature(f)
        if not any(named & postings.kind(k) for k in categories):
            out.append(f)
    return out
