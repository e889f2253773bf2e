"""What the shopper rules out: "no real leather", "nothing wool", "not polyester", "without a hood", "anything but
Tommy Hilfiger", ", not black". A word said after a negation excludes the products that have it, and is not read as
something wanted; "doesn't have to be waterproof" / "don't need a hood" only stop asking for it.

A negation reaches the few words after it, up to the next punctuation or "and/but" that starts a new want ("no
leather, but a warm lining"); it counts only where a catalog term (a brand, colour, material, feature) is in reach, so
"no more than $70", "no rush" and "I have no idea about sizes" rule nothing out. A question about the shop ("is there
no leather jacket?", "do you have no ...") is no preference.

An exclusion is a string "field:value" (`Constraints.excluded`, JSON-ready): brand (as the catalog spells it), colour
(a product is left out only when every colour it comes in is that colour), material ("real leather": every leather but
vegan leather), feature (a tag or a word of the name, material or description: "hood")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

# a negation that rules the next words out, and one that only stops asking for them
_RULE_OUT = (
    r"\bno(?!\s+(?:idea|rush|problem|worries|clue|longer|more|less|matter|way|one|thanks?|need|pressure|hurry))\b"
    r"|\bnothing(?:\s+(?:made\s+(?:of|from|with)|in|with|by|from))?\b|\bwithout(?:\s+(?:a|an|any))?\b|\bnon-"
    r"|\banything\s+(?:but|except|other\s+than)\b|\bexcept(?:\s+for)?\b|\bother\s+than\b|\bexcluding\b"
    r"|\bavoid(?:ing)?\b|\ballergic\s+to\b|\bi\s+hate\b|\bnot\s+a\s+fan\s+of\b|\b(?:i\s+)?can'?t\s+(?:wear|stand|do)\b"
    r"|\b(?:do\s+not|don'?t|dont)\s+(?:want|like)(?:\s+(?:any|anything))?\b"
    r"|(?:\b(?:that|which|but|as\s+long\s+as\s+(?:it|they))\s+|,\s*|^\s*)"
    r"(?:(?:is|are)\s+not|isn'?t|aren'?t|arent|isnt|not)(?:\s+(?:made\s+(?:of|from)|in|from|by|a|an|any))?\b"
)
_OPTIONAL = (
    r"\b(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+(?:have|need)\s+to\s+be\b|\bno\s+need\s+for(?:\s+(?:a|an))?\b"
    r"|\b(?:i\s+)?(?:don'?t|do\s+not)\s+need(?:\s+(?:it|them)\s+to\s+be)?(?:\s+(?:a|an|any))?\b"
    r"|\bnot\s+necessarily\b|\bneedn'?t\s+be\b|\bdoesn'?t\s+matter\s+if\s+(?:it'?s|they'?re)\b"
)
_CUE = re.compile(rf"(?P<optional>{_OPTIONAL})|(?P<out>{_RULE_OUT})", re.I)
# "is there no leather jacket?", "do you have no ...": a question about the shop, not a preference
_ASKS_SHOP = re.compile(
    r"\b(?:is|are)\s+there\s*$|\b(?:do|does)\s+(?:you|the\s+shop|the\s+store)\s+(?:have|sell|carry)\s*$", re.I
)
# where a negation's reach stops: punctuation, or a word that starts a new want
_STOP = re.compile(
    r"[.!?;:(]|,\s*(?!or\b|nor\b)|\s(?:but|just|and\s+(?:i|it|in|size|under|for)|please|pls|plz)\b", re.I
)
_REACH = 40  # characters

LEATHERS = ("leather", "lambskin", "suede", "nubuck", "shearling")
_REAL = re.compile(r"\b(?:real|genuine|actual|animal|proper)\s+$", re.I)


_BASIC_COLOURS = ("blue", "green", "brown", "grey", "red", "pink", "white", "black", "yellow", "purple", "orange")


def catalog_negated(low: str, brands: Iterable[str], colours: Iterable[str]) -> list[tuple[int, int, str]]:
    """`negated` with the catalog's brands and colours, the other brands shoppers name, colour words and features."""
    from bot.core.catalog.words import COLOUR_ALIASES, FEATURES, OTHER_BRANDS

    return negated(low, [*brands, *OTHER_BRANDS], [*colours, *COLOUR_ALIASES, *_BASIC_COLOURS], FEATURES)


def rule_out(
    cased: str, low: str, brands: Iterable[str], colours: Iterable[str], excluded: list[str]
) -> tuple[str, str]:
    """Adds what the message rules out to `excluded` ("colour:grey" for "gray") and returns the message (cased and
    lower case) with those words blanked."""
    from bot.core.catalog.words import COLOUR_ALIASES

    spans = catalog_negated(low, brands, colours)
    for _, _, said in spans:
        field, _, value = said.partition(":")
        named = f"colour:{COLOUR_ALIASES.get(value, value)}" if field == "colour" else said
        if field != "optional" and named not in excluded:
            excluded.append(named)
    return blanked(cased, spans), blanked(low, spans)


def _material_terms() -> tuple[str, ...]:
    from bot.core.catalog.words import MATERIALS

    return (*MATERIALS, "lambskin", "nubuck", "shearling", "elastane", "spandex", "viscose", "acrylic", "synthetic")


_FEATURE_WORDS = ("hood", "hoods", "hooded", "zip", "buttons", "pockets", "heel", "heels", "lining", "lined")


def negated(
    low: str, brands: Iterable[str], colours: Iterable[str], features: Iterable[str]
) -> list[tuple[int, int, str]]:
    """Each term said after a negation: (start, end, "field:value") for a term ruled out, (start, end,
    "optional:word") for one only no longer asked. `low` is the lower-case message."""
    out: list[tuple[int, int, str]] = []
    terms = _terms(brands, colours, features)
    for cue in _CUE.finditer(low):
        if cue.group("out") and _ASKS_SHOP.search(low[: cue.start()]):
            continue
        start = cue.end()
        stop = _STOP.search(low, start)
        end = min(stop.start() if stop else len(low), start + _REACH)
        reach = low[start:end]
        for m, field, value in _found(reach, terms):
            s, e = start + m.start(), start + m.end()
            if any(s < b and a < e for a, b, _ in out):
                continue
            if cue.group("optional"):
                out.append((s, e, f"optional:{value}"))
                continue
            real = field == "material" and value == "leather" and _REAL.search(low[:s])
            out.append((s, e, f"{field}:{'real leather' if real else value}"))
    return out


def _terms(brands: Iterable[str], colours: Iterable[str], features: Iterable[str]) -> list[tuple[str, str, str]]:
    """(lower-case word, field, value), longest first so "merino wool" is read before "wool"."""
    found = [(b.lower(), "brand", b) for b in brands]
    found += [(c.lower(), "colour", c.lower()) for c in colours]
    found += [(m, "material", m) for m in _material_terms()]
    found += [(f.lower(), "feature", f.lower()) for f in features]
    found += [(w, "feature", "hood" if w.startswith("hood") else w) for w in _FEATURE_WORDS]
    return sorted(found, key=lambda t: -len(t[0]))


def _found(reach: str, terms: list[tuple[str, str, str]]) -> list[tuple[re.Match[str], str, str]]:
    taken: list[tuple[int, int]] = []
    out = []
    for word, field, value in terms:
        if word not in reach:
            continue
        for m in re.finditer(rf"(?<![\w]){re.escape(word)}(?:s|es)?(?![\w])", reach):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append(m.span())
            out.append((m, field, value))
    return sorted(out, key=lambda t: t[0].start())


def blanked(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """The text with each negated term blanked (same length), so it is not read as wanted."""
    chars = list(text)
    for s, e, _ in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _text(p: dict[str, Any], *fields: str) -> str:
    return " ".join(str(p.get(f) or "") for f in fields).lower()


def excludes(p: dict[str, Any], exclusion: str) -> bool:
    """The product has what the shopper ruled out."""
    field, _, value = exclusion.partition(":")
    if field == "brand":
        return str(p.get("brand", "")).lower() == value.lower()
    if field == "colour":
        have = [str(x).lower() for x in p.get("colors") or []]
        return bool(have) and all(re.search(rf"\b{re.escape(value)}\b", h) for h in have)
    if field == "material":
        material = _text(p, "material")
        if value in ("leather", "real leather"):
            leather = any(w in material for w in LEATHERS)
            return leather and not (value == "real leather" and re.search(r"\b(?:vegan|faux)\b", material))
        if value == "synthetic":
            return any(w in material for w in ("polyester", "nylon", "elastane", "acrylic", "synthetic"))
        return bool(re.search(rf"\b{re.escape(value)}", material))
    tags = " | ".join(str(t) for t in p.get("tags") or []).lower()
    hay = f"{tags} | {_text(p, 'name', 'material', 'description')}"
    return bool(re.search(rf"(?<![\w]){re.escape(value)}", hay))


def positions_having(catalog: Sequence[dict[str, Any]], exclusion: str) -> frozenset[int]:
    """The positions of the products that have what was ruled out (the postings of one exclusion)."""
    return frozenset(i for i, p in enumerate(catalog) if excludes(p, exclusion))


def excluded_by(p: dict[str, Any], exclusions: Iterable[str]) -> bool:
    """The product has any of the exclusions."""
    return any(excludes(p, x) for x in exclusions)


def said(exclusion: str) -> str:
    """How a reply names an exclusion: "not by Tommy Hilfiger", "in a colour other than black", "no wool", "no hood"."""
    field, _, value = exclusion.partition(":")
    if field == "brand":
        return f"not by {value}"
    if field == "colour":
        return f"in a colour other than {value}"
    return f"no {value}"
