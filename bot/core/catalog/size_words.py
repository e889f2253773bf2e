"""Small, medium and large as plain adjectives, not sizes: "a jacket that packs down small", "a small bag", "a large
order", "in medium wash", "a small business" say how big something is, while "in small", "size small", "a small in
the navy jacket", "need a medium please", "a large jacket" and "a small leather jacket" ask a size. A size word is an
adjective when the noun after it (past up to two words: "a small red bag") is one of the known things that are no
garment, or at the end after a verb or an adverb ("packs down small", "runs large")."""

from __future__ import annotations

import re

_WORD_SIZES = frozenset(["small", "medium", "large", "extra large", "extra small", "x-large", "x-small", "xlarge"])
# a word after a size word that ends the look for a noun: a preposition, a conjunction, "please", a garment
_FOLLOW = re.compile(
    r"\s+(?:in|for|please|pls|plz|and|or|if|but|so|size|sizes|sized|one|ones|too|still|left|only|instead|available|"
    r"would|will|should|could|is|are|was|fits?|then|thanks|thx|ty|men'?s|women'?s|mens|womens|ladies|"
    r"jackets?|coats?|shirts?|tees?|t-?shirts?|sweaters?|jumpers?|hoodies?|dress(?:es)?|jeans|chinos|boots?|belts?|"
    r"gloves?|beanies?|socks?|caps?|tops?|blouses?|parkas?|puffers?|cardigans?|polos?|pants|trousers|"
    r"fleeces?|vests?|skirts?|scarf|scarves|overcoats?|blazers?|windbreakers?)\b",
    re.I,
)
# the nouns a size word says how big of ("a small bag", "a large order of socks", "in medium wash", "a small hole")
_NOT_GARMENT = re.compile(
    r"(?:bags?|backpacks?|suitcases?|luggage|wallets?|purses?|box(?:es)?|packages?|parcels?|orders?|purchases?|"
    r"batch(?:es)?|amounts?|quantit(?:y|ies)|numbers?|selections?|range|variety|wash|rise|width|weight|length|heels?|"
    r"business(?:es)?|owners?|shops?|stores?|companies|company|brands?|teams?|groups?|family|families|gifts?|"
    r"tokens?|favou?rs?|fees?|prices?|budget|discounts?|donations?|problems?|issues?|questions?|changes?|mistakes?|"
    r"holes?|tears?|rips?|snags?|stains?|marks?|scratch(?:es)?|dents?|defects?|prints?|logos?|pockets?|details?|"
    r"rooms?|spaces?|closets?|apartments?|towns?|dogs?|pets?|events?|parties|party|weddings?|trips?)",
    re.I,
)
# the word before a size word that ends the message, when it says how big, not which size: "packs down small"
_BEFORE = frozenset(
    [
        "down",
        "up",
        "out",
        "packs",
        "pack",
        "packed",
        "packing",
        "folds",
        "fold",
        "folded",
        "rolls",
        "roll",
        "runs",
        "run",
        "ran",
        "running",
        "fits",
        "fit",
        "fitting",
        "comes",
        "come",
        "came",
        "looks",
        "look",
        "feels",
        "feel",
        "being",
        "seems",
        "seem",
        "stays",
        "stay",
        "gets",
        "get",
        "too",
        "very",
        "so",
        "bit",
        "quite",
        "really",
        "pretty",
        "fairly",
        "rather",
        "kinda",
        "kind",
        "sort",
        "little",
        "real",
        "super",
        "way",
        "much",
        "relatively",
        "enough",
    ]
)


def adjective_after(text: str, start: int, end: int) -> bool:
    """The size word at text[start:end] stands before a noun that is no garment ("a small bag", "in medium wash",
    "a large order", "a small red bag"), up to two words on: a plain adjective, no size. Any other word keeps the
    size ("a small leather jacket", "in medium black"). A letter size or a number is never one."""
    if text[start:end].lower() not in _WORD_SIZES:
        return False
    for word in re.findall(r"[a-z']+", re.split(r"[^a-z'\s-]", text[end:], maxsplit=1, flags=re.I)[0])[:3]:
        if _FOLLOW.fullmatch(" " + word):
            return False  # "a small in the navy jacket", "a large jacket", "medium please"
        if _NOT_GARMENT.fullmatch(word):
            return True
    return False  # the end, a comma, a question mark: "is there a small?"


def adjective_before(text: str, start: int) -> bool:
    """The word before a size word that ends the message says how big, not which size: "a jacket that packs down
    small", "it runs large", "folds up really small"."""
    before = re.findall(r"[a-z']+", text[:start].lower())
    return bool(before) and before[-1] in _BEFORE
