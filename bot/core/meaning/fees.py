"""Qualifiers that change a fee.

The amount is the data's, so the word-level check passes it; the words around it change what the shopper pays:

| what | example rejected | the data says |
| --- | --- | --- |
| a flat fee counted per item (or per anything but the order it is charged on) | "Standard shipping is $8.00 per item"; "a $15.00 fee for each item you send back" | "$8.00 – free on orders of $75 or more"; "A return shipping fee of $15.00 is deducted" |
| a fee counted per another unit than the data's | "hemming is $12.00 per leg"; "$10.00 per letter" | "$12.00 per pair"; "$10.00 per item, up to 12 characters" |
| a fee said to hold always, where the data gives it a threshold or an exception | "$8.00 on every order, whatever the total"; "$15.00 is deducted, even for Gold members" | "free on orders of $75 or more"; "except for Gold members" |

A product's or an order's price is left to the record checks ("the tees are $21.99 each" is right). "$8.00 per order"
for a shipping fee the data states once is the same fee, and is accepted.
"""

from __future__ import annotations

import re

from bot.core.facts import extract_facts
from bot.core.meaning.text import sentences, stem

_UNIT = r"(?:per|a|an|each|for each|for every|for every single)\s+(?P<unit>[a-z]{3,})"
_AFTER = re.compile(rf"^\s*(?:USD|dollars?)?\s*(?:{_UNIT}\b|(?P<each>each|apiece)\b)", re.I)
_ANYWHERE = re.compile(
    r"\b(?:per|for each|for every|on each|on every)\s+(?P<unit>item|piece|product|article|garment)s?\b", re.I
)
_ONCE = frozenset(
    stem(w) for w in ["order", "shipment", "package", "parcel", "purchase", "checkout", "delivery", "return", "refund"]
)
# what a fee the data charges once may be miscounted by: "per item", "per leg", "per letter" ("$500 per gift card"
# is a limit, not a fee counted per something)
_COUNTED = frozenset(
    stem(w)
    for w in [
        "item",
        "piece",
        "product",
        "article",
        "garment",
        "unit",
        "letter",
        "character",
        "leg",
        "pair",
        "person",
        "shirt",
    ]
)
_NOT_UNIT = frozenset(
    ["flat", "total", "one-time", "fee", "charge", "discount", "minimum", "few", "couple", "lot", "bit"]
)
_ALWAYS = re.compile(
    r"\b(?:on (?:every|all|any) orders?|whatever the (?:total|amount|order|size)|regardless(?: of)?|no matter"
    r"|even (?:for|on|if|when|with|as)|always|in every case|every time)\b",
    re.I,
)
_EXCEPTION = re.compile(r"\bfree\b|\bexcept\b|\bunless\b|\bor more\b|\bover \$|\bwaived?\b", re.I)
_RECORD = re.compile(r"\(SKU [A-Z0-9-]+\)|\bOrder ORD-\d+|\bPrice:|\bitems total\b|\bprice \d", re.I)


def fee_rules(reply: str, blocks: list[str]) -> list[tuple[int, str, str]]:
    """(sentence number, HARD feature, reason) for a fee's count or condition changed by a qualifier."""
    ground = [s for b in blocks for line in b.split("\n") for s in sentences(line)]
    out: list[tuple[int, str, str]] = []
    for n, sentence in enumerate(sentences(reply)):
        found = _sentence(sentence, ground)
        if found:
            out.append((n, *found))
    return out


def _money(text: str) -> list[tuple[str, int, int]]:
    return [(f.value.split()[0], f.start, f.end) for f in extract_facts(text) if f.kind == "money"]


def _units(text: str) -> dict[str, set[str]]:
    """Per money value, what the text counts it per ("item", "pair", "order"; "item" for "each")."""
    out: dict[str, set[str]] = {}
    for value, _, end in _money(text):
        m = _AFTER.match(text[end:])
        if not m:
            continue
        unit = "item" if m.group("each") else stem(m.group("unit").lower())
        if unit not in _NOT_UNIT:
            out.setdefault(value, set()).add(unit)
    return out


def _sentence(sentence: str, ground: list[str]) -> tuple[str, str] | None:
    values = _money(sentence)
    if not values:
        return None
    mine = _units(sentence)
    loose = _ANYWHERE.search(sentence)
    if loose and len({v for v, _, _ in values}) == 1:
        mine.setdefault(values[0][0], set()).add("item")
    for value, _, _ in values:
        holders = [g for g in ground if any(v == value for v, _, _ in _money(g))]
        if not holders or any(_RECORD.search(g) for g in holders):
            continue  # a product's or an order's price, or a number the word check already refuses
        said = set().union(*(_units(g).get(value, set()) for g in holders))
        for unit in mine.get(value, set()):
            if said and unit not in said and not (unit in _ONCE and said <= _ONCE):
                return (
                    "binding",
                    f"says ${value} per {unit}; the shop's data says ${value} per {'/'.join(sorted(said))}",
                )
            if not said and unit in _COUNTED:
                return "binding", f"says ${value} per {unit}; the shop's data charges ${value} once, not per {unit}"
        always = _ALWAYS.search(sentence)
        if always and not _EXCEPTION.search(sentence):
            cond = next((g for g in holders if _EXCEPTION.search(g)), None)
            if cond:
                return "condition", f"says ${value} holds {always.group(0)!r}; the shop's data says: {cond!r}"
    return None
