"""Body measurements a shopper states ("15.5 neck", "chest about 39 inches", "his jeans are a 32"): read for the size
guide (bot/core/size_fit.py), and taken out of the words a product name is looked up by, so "my neck is 16.5" does
not name the "V-Neck T-Shirt". A search's measurements (`read_measures`): a waist is the size of jeans and chinos,
an inseam, sleeve length or heel height goes to `Constraints.unchecked`."""

from __future__ import annotations

import re

from bot.domain import Constraints

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


# measurements no product field records: a number with one of these is stated, never checkable
_STATED = re.compile(
    r"\b(\d{1,2}(?:\.\d)?)\s*(?:\"|''|-?inch(?:es)?|in\.)?\s*(inseam|inside leg|leg length|leg|long|length|sleeves?|heels?|rise)\b"
    r"|\b(inseam|inside leg|leg length|sleeve length|heel height|length)\s*(?:of|is|:)?\s*(\d{1,2}(?:\.\d)?)\b",
    re.I,
)
_STATED_NAMES = {"sleeve": "sleeve length", "sleeves": "sleeve length", "heel": "heel height", "heels": "heel height"}
_WAIST = re.compile(
    r"\b(\d{2})\s*(?:\"|-?inch(?:es)?)?\s*waist\b|\bwaist\s*(?:size\s*)?(?:of\s*|is\s*)?(\d{2})\b", re.I
)
_WAIST_LEG = re.compile(r"\bw?(\d{2})\s*[x/]\s*l?(\d{2})\b", re.I)


def read_measures(low: str, c: Constraints) -> None:
    """A waist is the size of jeans and chinos; an inseam, sleeve length or heel height is recorded by no product,
    so it goes to `unchecked` (and the number is not read as a size)."""
    numbers = []
    for m in _STATED.finditer(low):
        word = (m.group(2) or m.group(3)).lower()
        numbers.append(m.group(1) or m.group(4))
        name = _STATED_NAMES.get(word, "rise" if word == "rise" else "sleeve length" if "sleeve" in word else "inseam")
        if name not in c.unchecked:
            c.unchecked.append(f"the {name}")
    if (pair := _WAIST_LEG.search(low)) is not None:
        c.size = pair.group(1)
        numbers.append(pair.group(2))
        if "the inseam" not in c.unchecked:
            c.unchecked.append("the inseam")
    if (waist := _WAIST.search(low)) is not None:
        c.size = waist.group(1) or waist.group(2)
    elif c.size in numbers:
        c.size = None
