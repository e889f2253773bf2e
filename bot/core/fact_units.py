"""The unit a plain number is said in, read from the words around it: "3–5 business days" and "a 30-day window"
are days, "2–3 weeks" weeks, "size 10" and "a US men's 10" a size. The word-level check (`fact_support`) matches a
number only with a number, amount or percentage of the same unit, or of none said: "$10" is not "10 days", nor
"size 10" "$10". Business, working and calendar days are days alike."""

from __future__ import annotations

import re

# after the number, past a range's other end ("3–5 business days", "2 to 3 weeks") and a hyphen ("30-day")
_SPAN_AFTER = re.compile(
    r"\s*(?:(?:[–-]|to|or|and)\s*\d+(?:\.\d+)?\s*)?\+?\s*-?\s*(?:(?:business|working|calendar|full)[- ])?"
    r"(day|week|month|year|hour|minute)s?\b",
    re.I,
)
# before the number: "size 10", "sizes 7", "a US men's 10", "EU 43", "waist 32"
_SIZE_BEFORE = re.compile(r"\b(?:sizes?|sz|US(?: men's| women's)?|EU|UK|waist)\s*:?\s*$", re.I)


def unit_at(text: str, kind: str, start: int, end: int) -> str:
    """The unit of the fact at text[start:end]: "money", "percent", a span of time ("day", "week", ...), "size",
    or "" when a plain number says none."""
    if kind in ("money", "percent"):
        return kind
    if kind != "number":
        return ""
    if m := _SPAN_AFTER.match(text, end):
        return m.group(1).lower()
    if _SIZE_BEFORE.search(text[max(0, start - 16) : start]):
        return "size"
    return ""


def same_unit(said: str, given: str) -> bool:
    """A number said in one unit matches a given one of the same unit, or either said in none."""
    return not said or not given or said == given
