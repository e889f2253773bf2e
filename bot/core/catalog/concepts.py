"""What a shopper's word means in the catalog's own terms: "ripped jeans" are the ones tagged distressed, "rain
boots" the waterproof or rainy-weather ones, "for the office" / "for work" / "business casual" the ones tagged
office, workwear or business casual, "for a beach trip" the ones tagged vacation or summer.

A search feature named by a concept is met by ANY of its signs (a tag, or a word of the name or material), and
by whatever met the plain word before: a concept only ever widens a search, so a search that found a product
still finds it. That is what keeps a "we don't have any office chinos" from being said while six chinos are
tagged workwear: the negative is checked against what the word means, not against the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Concept:
    """A feature a search carries (`key`, also how a reply names it), the shopper's words for it (`asked`: each
    match is exactly the word, its context in look-arounds) and the product tags or words that show it."""

    key: str
    asked: re.Pattern[str]
    signs: tuple[str, ...]


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_WORK_THINGS = (
    r"pants|trousers|chinos|shirts?|blouses?|dress(?:es)?|clothes|outfits?|wear|attire|events?|meetings?|"
    r"functions?|dinners?|sweaters?|shoes|jackets?|coats?|look|days?|things?|stuff|wardrobe|trips?|conferences?|"
    r"presentations?|lunch(?:es)?|boots|occasions?"
)
CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "distressed",
        # "ripped jeans", "ripped knee denim", "ripped?" after jeans: never "my jeans arrived ripped"
        _p(
            r"\bdistressed\b|\bdestroyed(?=[\s-]+(?:\w+\s+){0,2}?(?:jeans|denim)\b)"
            r"|(?<!arrived )(?<!came )(?<!got )(?<!is )(?<!are )(?<!was )(?<!were )\bripped(?=[\s-]+(?:[\w']+[\s-]+){0,3}?"
            r"(?:jeans|denim|knees?|look|style)\b|\s*\?)"
        ),
        ("distressed",),
    ),
    Concept(
        "rainy-weather",
        _p(r"\brain(?:y)?(?=[\s-]+(?:boots?|jackets?|coats?|shoes|gear|days?|weather|season)\b)|\bwet weather\b"),
        ("waterproof", "water-resistant", "water-repellent", "rainy-weather"),
    ),
    Concept(
        "office",
        _p(
            r"\boffice\b|\bworkwear\b|\bbusiness(?=[\s-]+(?:casual|attire|wear|meetings?|trips?|look|formal)\b)"
            r"|\b(?:corporate|interviews?)\b"
            rf"|(?<=\bfor )work\b|(?<=\bto )work\b|(?<=\bat )work\b|\bwork(?=[\s-]+(?:{_WORK_THINGS})\b)"
        ),
        ("office", "workwear", "business casual"),
    ),
    Concept(
        "vacation",
        _p(
            r"\bvacations?\b|\bbeach(?:wear)?\b|\bresort\b|\btropical\b|\bcruise\b"
            r"|(?<=\bsummer )holidays?\b|(?<=\bsun )holidays?\b|(?<=\bbeach )holidays?\b"
        ),
        ("vacation", "summer"),
    ),
    Concept(
        "gift",
        # "a gift for my dad", "present for my wife": never gift wrap, a gift card, a gift receipt or a gift I got
        _p(
            r"(?<!return a )(?<!return the )(?<!returning a )(?<!received a )(?<!got a )(?<!as a )"
            r"\b(?:gifts?|presents?)(?=\s+(?:for|idea|ideas)\b)|\bgift ideas?\b"
        ),
        ("gift", "gift idea"),
    ),
    Concept(
        "dressy",
        _p(
            r"\bdressy\b|\bweddings?\b|\bcocktail\b|\bgala\b|\bblack[- ]tie\b|\bspecial occasions?\b"
            r"|\bevening(?=\s+(?:out|events?|dress(?:es)?|wear|party)\b)"
        ),
        ("formal", "party"),
    ),
)
BY_KEY = {c.key: c for c in CONCEPTS}
# a preference, never a reason to say "none": a product not tagged gift can still be given as one
SOFT = frozenset({"gift"})
# a beach wedding is a beach occasion: "dressy" is not asked on top of another occasion
_OUTRANKS = {"dressy": ("vacation",)}


def asked_concepts(low: str) -> list[tuple[Concept, re.Match[str]]]:
    """The concepts a message asks for, each with its first match (so the word is read once)."""
    found = []
    for concept in CONCEPTS:
        m = concept.asked.search(low)
        if m is not None:
            found.append((concept, m))
    keys = {c.key for c, _ in found}
    return [(c, m) for c, m in found if not keys & set(_OUTRANKS.get(c.key, ()))]


def _sign_text(p: dict[str, Any]) -> str:
    """The product's tags, name and material, lower case: where a concept's signs are read (not the description,
    where "not for the office" would count)."""
    return " | ".join(
        [*(str(t) for t in p.get("tags") or []), str(p.get("name", "")), str(p.get("material", ""))]
    ).lower()


def shows(p: dict[str, Any], key: str) -> bool:
    """The product shows one of the concept's signs (False for a key that is not a concept)."""
    concept = BY_KEY.get(key)
    if concept is None:
        return False
    text = _sign_text(p)
    return any(re.search(rf"(?<![\w]){re.escape(sign)}(?![\w])", text) for sign in concept.signs)


_SAID = {
    "distressed": "distressed",
    "rainy-weather": "for rainy weather",
    "office": "for the office",
    "vacation": "for vacation",
}


def concept_answer(p: dict[str, Any], text: str) -> str | None:
    """ "Can I wear it to the office?", "are they ripped?": the tags of the product that show the concept, or that
    its listing tags none of them (with the tags it has). None when no concept is asked besides the product's own
    name ("Rain Jacket" asks nothing about rain)."""
    name = str(p.get("name") or "")
    low = re.sub(re.escape(name), " ", text.lower().replace("\u2019", "'"), flags=re.I)
    own = name.lower()
    asked = [c for c, m in asked_concepts(low) if not re.search(rf"\b{re.escape(m.group(0).lower())}\b", own)]
    if not asked:
        return None
    tags = [str(t) for t in p.get("tags") or []]
    out = []
    for concept in asked:
        signs = [s for s in concept.signs if any(re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", t) for t in tags)]
        material = str(p.get("material") or "").lower()
        signs += [
            s for s in concept.signs if s not in signs and re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", material)
        ]
        if signs:
            verb = (
                "are" if re.search(r"(?:jeans|chinos|boots|gloves|socks|trousers|pants|sneakers|shoes)$", own) else "is"
            )
            out.append(f"Yes, the {name} {verb} tagged {' and '.join(signs)} in the listing.")
        else:
            shown = ", ".join(t for t in tags if t not in ("men", "women", "unisex"))
            out.append(
                f"The listing doesn't tag the {name} {_SAID.get(concept.key, concept.key)}; its tags are {shown}."
            )
    return " ".join(out)
