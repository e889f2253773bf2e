"""What the shop does not carry, read against the catalog: a kind of product it does not sell named in any form
("a swimsuit", "a navy suit"), and clothes for someone the catalog has no range for ("clothes for kids", "my son
is 6": the catalog's genders are men, women and unisex). Plus the catalog's own descriptive words ("sherpa",
"quilted", "rigid") that filter a search like a feature."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.index import PerCatalog
from bot.core.catalog.tally import Tally, tallied

KIDS = "kids' clothing"
_KID_WORDS = re.compile(
    r"\b(?:kids?'?s?|children'?s?|child'?s?|boys'|girls'|bab(?:y|ies)|toddlers?|infants?|teens?|teenagers?"
    r"|for (?:a |my |our )?(?:boy|girl|boys|girls))\b",
    re.I,
)
_RELATIVE = r"(?:son|daughter|boy|girl|nephew|niece|grandson|granddaughter|kid)"
_AGE = re.compile(
    rf"\b{_RELATIVE}\b[^.!]{{0,20}}?\b(?:is|he'?s|she'?s|he is|she is|'s|aged?|who'?s|who is|turning|turns|just turned)"
    rf"\s*(?:only |just |about |around |nearly |almost )?(\d{{1,2}})\b"
    rf"(?!\s*(?:%|usd|dollars|\$|inch|in\b|cm|ft|feet|foot|lbs?|kg|pounds|waist))"
    rf"|\b(\d{{1,2}})[- ]?(?:years?|yrs?)[- ]?old\b"
    rf"|\b(?:my|our)\s+(\d{{1,2}})\s*(?:yo|y/o)\b",
    re.I,
)
_GROWN_UP = 16
_SUIT_OBJECT = re.compile(
    r"\s+(?:me|you|him|her|them|us|a|an|the|my|your|his|its|our|their|someone|everyone|people|every|all|most)\b", re.I
)
# "would this suit a wedding?": the verb, not the garment
_SUIT_VERB = re.compile(r"\b(?:would|will|does|do|to|it|this|that|might|may|could|should|they|these)\s+$", re.I)


_SAID_AS = {"tux": "tuxedos"}
_UNCOUNTED = ("wear", "ry", "lery", "ing", "rie", "trunks")


def plural_of(word: str) -> str:
    """How a reply names a kind the shop lacks: "We don't sell suits", not "suit"."""
    if word in _SAID_AS:
        return _SAID_AS[word]
    if word.endswith(("s", *_UNCOUNTED)):
        return word
    if word.endswith("f"):
        return word[:-1] + "ves"
    return word + ("es" if word.endswith(("ch", "sh", "x")) else "s")


def for_children(low: str, catalog: Sequence[dict[str, Any]]) -> bool:
    """The shopper asks for clothes for a child, and the catalog has no children's range."""
    genders = _genders(catalog)
    if genders & {"kids", "children", "boys", "girls", "baby"}:
        return False
    if _KID_WORDS.search(low):
        return True
    for m in _AGE.finditer(low):
        age = next((int(g) for g in m.groups() if g), _GROWN_UP)
        if age < _GROWN_UP:
            return True
    return False


def verb_suit(low: str, start: int, word: str) -> bool:
    """ "suit" used as a verb ("would it suit me?", "does this dress suit a wedding?"), not the garment."""
    if word not in ("suit", "suits"):
        return False
    return bool(_SUIT_VERB.search(low[:start]) or _SUIT_OBJECT.match(low[start + len(word) :]))


def genders_line(catalog: Sequence[dict[str, Any]]) -> str:
    """ "Everything we sell is for men and women (with some unisex pieces)." from the catalog's genders."""
    genders = _genders(catalog)
    main = [g for g in ("men", "women") if g in genders]
    if not main:
        return ""
    said = " and ".join(main)
    return f"Everything we sell is for {said}" + (" (with some unisex pieces)." if "unisex" in genders else ".")


def _genders(catalog: Sequence[dict[str, Any]]) -> frozenset[str]:
    return _GENDERS.get(catalog)


_GENDERS: PerCatalog[frozenset[str]] = PerCatalog(
    lambda catalog: frozenset(str(p.get("gender") or "").lower() for p in catalog if p.get("gender"))
)

# catalog words that say nothing a shopper filters on (or are read elsewhere: genders, groups, seasons)
_PLAIN = frozenset(
    re.findall(
        r"\S+",
        "with and shell blend lining genuine full-grain men women unisex tops bottoms footwear outerwear dresses "
        "accessories gift idea all-season fall spring winter summer casual weekend commute layering lounge office "
        "formal party vacation outdoor workwear business smart adjustable up neck sleeve long short high low side "
        "front back pocket pockets chest zip button water waist length rise full fully season weather pull iron fill "
        "grain cloth backing coating regular double spread quarter cuffs collar sole insole straps snap flap storm "
        "membrane synthetic insulation elastic elastane resistant repellent wide width wrinkle shrunk rainy knit",
    )
)


def descriptive_words(catalog: Sequence[dict[str, Any]]) -> frozenset[str]:
    """Words of the catalog's names, materials and tags that describe a product ("sherpa" of "Sherpa-Lined",
    "quilted", "rigid", "distressed"), split at hyphens; built once per catalog version."""
    return _WORDS.get(catalog)


def _words(p: dict[str, Any]) -> set[str]:
    """One product's descriptive words."""
    out: set[str] = set()
    text = " ".join([str(p.get("name", "")), str(p.get("material", ""))] + [str(t) for t in p.get("tags") or []])
    for word in re.findall(r"[a-z][a-z'-]+", text.lower()):
        parts = [word, *word.split("-")] if "-" in word else [word]
        out |= {w for w in parts if len(w) > 3 and w not in _PLAIN}
    return out


_WORDS: PerCatalog[Tally] = tallied(_words)  # a reload reads only the changed products


def describes(p: dict[str, Any], word: str) -> bool:
    """The product's name, material or tags carry the word ("sherpa" in "Sherpa-Lined", "sherpa fleece lining")."""
    text = " ".join([str(p.get("name", "")), str(p.get("material", ""))] + [str(t) for t in p.get("tags") or []])
    return bool(re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text.lower()))
