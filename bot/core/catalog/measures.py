"""Body measurements a shopper states ("15.5 neck", "chest about 39 inches", "his jeans are a 32"): read for the size
guide (bot/core/size_fit.py), and taken out of the words a product name is looked up by, so "my neck is 16.5" does
not name the "V-Neck T-Shirt"."""

from __future__ import annotations

import re

_NUM = r"(\d{2}(?:\.\d)?)"
_UNIT = r"\s*(?:\"|''|-?inch(?:es)?|in\b\.?)?\s*"
_PART = r"(neck|chest|bust|hips?|waist)"
_MEASURE = re.compile(
    rf"\b{_NUM}{_UNIT}{_PART}\b|\b{_PART}\s*(?:size\s*)?(?:of|is|measures?|:|=)?\s*(?:about|around|roughly|~)?\s*{_NUM}\b",
    re.I,
)
# "his jeans are a 32", "I wear 34 jeans", "jeans size 30": the jeans' size is the waist
_JEANS_WAIST = re.compile(
    r"\bjeans (?:are|is) (?:a |an |size )?(\d{2})\b|\b(\d{2})(?:\s*(?:w|waist))? jeans\b|\bjeans (?:in )?size (\d{2})\b",
    re.I,
)


def measures(text: str) -> dict[str, float]:
    """The body measurements stated: {"neck": 15.5, "chest": 39}; a jeans size is the waist."""
    out: dict[str, float] = {}
    for m in _MEASURE.finditer(text):
        part = (m.group(2) or m.group(3)).lower().rstrip("s") if (m.group(2) or m.group(3)) else ""
        value = m.group(1) or m.group(4)
        out.setdefault("hips" if part == "hip" else part, float(value))
    if "waist" not in out and (jeans := _JEANS_WAIST.search(text)):
        out["waist"] = float(next(g for g in jeans.groups() if g))
    return out


def without_measures(text: str) -> str:
    """The text with each stated measurement blanked (same length)."""
    return _MEASURE.sub(lambda m: " " * len(m.group(0)), text)
