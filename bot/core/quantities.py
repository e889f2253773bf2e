"""Numbers with their units ("7 days", "$8.00", "20%"): a reply's quantity must appear, unit and all,
in the grounding. A bare number check lets "10 days" through when the grounding says "7 days" and
mentions "10" elsewhere."""

from __future__ import annotations

import re

from bot.core.meaning.derived import derived_money

_UNITS = {
    "day": "day",
    "days": "day",
    "business day": "business day",
    "business days": "business day",
    "hour": "hour",
    "hours": "hour",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "percent": "%",
    "%": "%",
    "usd": "money",
    "dollar": "money",
    "dollars": "money",
    "minutes": "minute",
    "minute": "minute",
}
_QTY = re.compile(
    r"(?P<cur>\$)?\s?(?P<num>\d{1,6}(?:[.,]\d{1,2})?)\s?(?:-|–|to)?\s?"
    r"(?P<unit>%|percent|business days?|days?|hours?|weeks?|months?|years?|usd|dollars?|minutes?)?(?=\W|$)",
    re.IGNORECASE,
)
_WORD_NUMBERS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "ten": "10",
    "fourteen": "14",
    "thirty": "30",
}


def _num(text: str) -> str:
    value = float(text.replace(",", "."))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def quantities(text: str) -> set[str]:
    """Normalised quantities with a unit: {"7 day", "8 money", "20 %"}; bare numbers are left to the verifier."""
    low = text.lower()
    for word, digit in _WORD_NUMBERS.items():
        if word in low:  # a substring test first: no pattern compiled for the absent words
            low = re.sub(rf"\b{word}\b", digit, low)
    out = set()
    for m in _QTY.finditer(low):
        unit = "money" if m.group("cur") else _UNITS.get((m.group("unit") or "").lower())
        if unit:
            out.add(f"{_num(m.group('num'))} {unit}")
    # ranges like "3-5 business days" or "6–9 days": both ends carry the unit
    for m in re.finditer(r"(\d{1,3})\s?(?:-|–|to)\s?(\d{1,3})\s?(business days?|days?|weeks?|hours?)", low):
        unit = _UNITS[m.group(3)]
        out |= {f"{_num(m.group(1))} {unit}", f"{_num(m.group(2))} {unit}"}
    return out


def unsupported_quantities(reply: str, grounding: str, *, question: str = "") -> list[str]:
    """Quantities the reply states that the grounding does not state with the same unit. With the question, the
    shopper's own quantities ("my cart is $70", "a 10% code") and a sum the reply works out from known amounts in
    the same sentence ("$80 minus 10% is $72", bot/core/meaning/derived.py) are stated too."""
    stated = quantities(grounding)
    if question:
        stated |= quantities(question) | {f"{_num(a)} money" for a in derived_money(reply, question, grounding)}
    return sorted(quantities(reply) - stated)
