"""Style words: the words of the catalog's product names that describe a style ("skinny", "bomber", "wide-leg",
"sherpa"), read from a search like features; "for my mom" is a person, not the style of "Mom Jeans"; fit ranges no
product mentions ("petite") are said to be unchecked."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.catalog.carried import descriptive_words
from bot.core.catalog.tally import NAME_WORDS
from bot.core.catalog.words import KIND_WORDS, MATERIALS
from bot.domain import Constraints

_KIND_PATTERNS = [(re.compile(rf"\b(?:{pattern})\b"), kind) for pattern, kind in KIND_WORDS]

# common words that happen to be in product names, never a style asked for
_NOT_STYLES = frozenset(
    re.findall(
        r"\S+",
        "the and with for back soft touch pack four fit available side front flat top new one pair set tie block long "
        "patch panels seams taped field union york car idea logo",
    )
)
# fit ranges shoppers ask for; when no product's words mention one, it is said to be unchecked
_FIT_RANGES = {
    "petite": "petite sizing",
    "plus size": "plus sizes",
    "plus-size": "plus sizes",
    "big and tall": "big-and-tall sizing",
    "tall": "tall sizing",
    "maternity": "maternity sizing",
    "pregnant": "maternity sizing",
    "extended sizes": "extended sizes",
    "curvy": "a curvy fit",
}


def style_words(catalog: Sequence[dict[str, Any]], brands: list[str], colours: list[str]) -> frozenset[str]:
    """Words of product names that are not a brand, colour, gender, kind or common word: "skinny", "bomber"."""
    taken = {w for b in brands for w in re.findall(r"[a-z][a-z'-]+", b.lower())}
    taken |= {w for c in colours for w in re.findall(r"[a-z][a-z'-]+", c)}
    taken |= {"men's", "women's", "men", "women", "unisex"} | set(MATERIALS)
    for pattern, _ in KIND_WORDS:
        taken |= {re.sub(r"[?\\]", "", alt) for alt in pattern.split("|")}
        taken |= {re.sub(r"s\?$|\?", "", alt) for alt in pattern.split("|")}
    names = set(NAME_WORDS.get(catalog))  # every product's name words, a tally a reload carries over
    names |= descriptive_words(catalog)  # "sherpa" of "Sherpa-Lined", "rigid" of "rigid denim"
    return frozenset(w for w in names if len(w) > 2 and w not in taken and w not in _NOT_STYLES)


def read_styles(
    low: str, styles: frozenset[str], words: set[str], claim: Callable[[re.Match[str]], bool], c: Constraints
) -> None:
    """Style words of the catalog's product names ("skinny jeans") filter like features; a fit range no product
    mentions ("petite jeans") is unchecked, said aloud."""
    for m in re.finditer(r"\b([a-z]+) ([a-z]+)\b", low):  # "wide leg" is the catalog's "wide-leg"
        word = f"{m.group(1)}-{m.group(2)}"
        if word in styles and claim(m) and word not in c.features:
            c.features.append(word)
    for m in re.finditer(r"[a-z][a-z'-]+", low):
        word = m.group(0)
        if _a_person(low, m) or _a_verb(low, m):
            continue
        if word in styles and claim(m) and word not in c.features and word not in " ".join(c.features):
            c.features.append(word)
    for phrase, name in _FIT_RANGES.items():
        if (
            phrase in low
            and re.search(rf"\b{re.escape(phrase)}\b", low)
            and phrase not in words
            and name not in c.unchecked
        ):
            c.unchecked.append(name)


_POSSESSIVE = re.compile(r"\b(?:my|your|his|her|our|their)\s+$")
# name words that are also verbs: "gloves that work with my phone" asks no Work Boots style
_VERBS = frozenset({"work", "wrap", "slip"})
_VERB_BEFORE = re.compile(
    r"\b(?:that|which|will|would|does|do|did|doesn'?t|don'?t|won'?t|can|could|should|might|may|still|they|it|to"
    r"|these|those|this|i|you|we|he|she)\s+$"
)
_VERB_AFTER = re.compile(r"\s*(?:with|on|well|great|fine|ok(?:ay)?|for (?:me|you|him|her|us|them))\b|\s*$|\s*[?.!,]")


def _a_verb(low: str, m: re.Match[str]) -> bool:
    """ "gloves that work with my phone", "will it work for me?": the verb, not the style word of "Work Boots"."""
    word = m.group(0)
    stem = word[:-1] if word.endswith("s") and word[:-1] in _VERBS else word
    if stem not in _VERBS:
        return False
    return bool(_VERB_BEFORE.search(low[: m.start()]) or _VERB_AFTER.match(low, m.end()))


def _a_person(low: str, m: re.Match[str]) -> bool:
    """ "for my mom": a word after a possessive and before no kind is a person, not the style ("Mom Jeans")."""
    if not _POSSESSIVE.search(low[: m.start()]):
        return False
    after = re.match(r"\s+([a-z]+)", low[m.end() :])
    return not (after and any(pattern.fullmatch(after.group(1)) for pattern, _ in _KIND_PATTERNS))


_PAIR = re.compile(r"\b([a-z]+)[ -]([a-z]+)\b")


def joined_styles(low: str, styles: frozenset[str]) -> str:
    """Two words the catalog writes as one style word, made that word (same length): "crew neck" is "crewneck",
    "v neck" is "v-neck", so neither is read as "crew" nor as another name's "neck"."""

    def one(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        if a + b in styles:
            return a + b + " "
        return f"{a}-{b}" if f"{a}-{b}" in styles else m.group(0)

    return _PAIR.sub(one, low)
