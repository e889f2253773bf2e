"""A size asked in another country's sizes ("do the X boots come in EU 44?", "I'm a 43 in european sizes", "boots
in a UK 9"): the US size the shop's size guide gives for it, for the product's (or the search's) gender, read from the
guide's tables at run time ("| US men's | 7 | 8 | ... |" over "| EU | 40 | 41 | ... |"). A size the tables do not
list, a scale they have no row for (UK) or a kind they do not cover is said to have no conversion, with the guide's
own sentence on the US sizes; a size both genders' tables hold for a search of no gender is asked back. Nothing here
knows the demo store's numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort

_NUM = r"(\d{2}(?:[.,]5)?)"
_EU = r"(?:eu|euro(?:pean)?|continental)"
# "EU 44", "eu size 44", "european sizes: 43", "44 EU", "size 44 euro", "a 43 in european sizes", "43 (EU)"
EU_ASKED = re.compile(
    rf"\b{_EU}\s*(?:siz(?:es?|ing)\s*)?(?:(?:is|are|of|:)\s*)?(?:an?\s+)?{_NUM}\b"
    rf"|\b{_NUM}\s*(?:\(\s*|in\s+(?:an?\s+)?|in\s+the\s+)?{_EU}\b",
    re.I,
)
_UK_NUM = r"(\d{1,2}(?:\.5)?)"
# "a UK 9", "uk size 8", "9 UK", "an 8 in uk sizes": a scale the guide may have no row for; a number before uk/british
# is one only with sizes after it or at the end ("9 (UK)", "a 9 uk?"), not "2 british wool sweaters"
UK_ASKED = re.compile(
    rf"\b(?:uk|british)\s*(?:siz(?:es?|ing)\s*)?(?:(?:is|are|of|:)\s*)?(?:an?\s+)?{_UK_NUM}\b(?!\s*(?:%|days?|weeks?))"
    rf"|\b{_UK_NUM}\s*(?:\(\s*|in\s+(?:an?\s+)?|in\s+the\s+)?(?:uk|british)\s*(?:siz(?:es?|ing)\b|\)|(?=\s*(?:[?.!,]|$)))",
    re.I,
)
GUIDE_QUERY = "Size guide boots US men's women's EU sizes half sizes"
ROW = re.compile(r"^\|\s*(US men's|US women's|[A-Z]{2})\s*\|(.*)\|\s*$", re.I | re.M)
_US_SENTENCE = re.compile(r"[^.\n|]*\bUS sizes\b[^\n|]*?\.(?=\s|$)")


def scale_asked(text: str) -> tuple[str, str] | None:
    """(scale, size) a message names in another country's sizes: ("EU", "43"), ("UK", "9"); None for none."""
    if m := EU_ASKED.search(text):
        return "EU", (m.group(1) or m.group(2)).replace(",", ".")
    if (m := UK_ASKED.search(text)) and (
        re.search(r"\b(?:boots?|shoes?|sizes?|sizing|footwear|wear)\b", text, re.I)
        or re.search(r"\ban?\s+$", text[: m.start()], re.I)  # "in a UK 9", not any "a" in the message
    ):
        return "UK", m.group(1) or m.group(2)
    return None


def eu_asked(text: str) -> str | None:
    """The EU size a message names ("EU 44", "44 EU", "european size 43", "a 43 in european sizes"), or None."""
    asked = scale_asked(text)
    return asked[1] if asked and asked[0] == "EU" else None


def without_scale(text: str) -> str:
    """The text with the size said in another scale blanked (same length): "I'm a 43 in european sizes" asks no 43."""
    for pattern in (EU_ASKED, UK_ASKED):
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _table(page: Page, scale: str, size: str) -> list[tuple[str, str]]:
    """Every (US size, gender's words) the guide's tables give for the scale's size, in the page's order."""
    found: list[tuple[str, str]] = []
    us: tuple[str, list[str]] | None = None
    for m in ROW.finditer(page.text):
        cells = [c.strip() for c in m.group(2).split("|")]
        label = m.group(1).lower()
        if label.startswith("us "):
            us = ("men's" if "women" not in label else "women's", cells)
            continue
        if us is not None and label == scale.lower():
            found += [
                (us[1][n], us[0])
                for n, cell in enumerate(cells)
                if n < len(us[1]) and size in re.split(r"\s*[–-]\s*", cell)
            ]
        us = None
    return found


def eu_to_us(kb: KnowledgePort, eu: str, gender: str | None) -> tuple[str, str] | None:
    """(US size, its gender's words) the boots table gives for the EU size: ("11", "men's"); None when the guide
    holds no such EU size for that gender, or, with no gender, when both tables hold it."""
    found = _table(find(kb, GUIDE_QUERY, r"\|\s*EU\s*\|"), "EU", eu)
    if gender in ("men", "women"):
        found = [f for f in found if f[1] == f"{gender}'s"]
    return found[0] if len(found) == 1 else None


@dataclass(slots=True)
class Conversion:
    """What the guide says for a size in another scale: the US sizes it gives (none, one, or two between or for
    both genders), the sentence that says so, and the page."""

    sizes: list[tuple[str, str]] = field(default_factory=list)
    said: str = ""
    page: Page = field(default_factory=Page)


def _plural(kind: str) -> str:
    kind = {"t-shirt": "T-shirt"}.get(kind, kind)
    return kind if kind.endswith("s") else f"{kind}es" if kind.endswith("ss") else f"{kind}s"


def convert(kb: KnowledgePort, asked: tuple[str, str], gender: str | None, kind: str | None) -> Conversion:
    """The guide's US size for ("EU", "43") for the gender ("men", "women" or None) and kind ("boots", or another
    category, or None for a search that named none)."""
    scale, size = asked
    page = find(kb, GUIDE_QUERY, rf"\|\s*{scale}\s*\|")
    has_table = bool(page.text)
    rows = _table(page, scale, size) if has_table else []
    if not has_table:  # no table of that scale at all: the guide's own sentence on the sizes it uses
        page = find(kb, GUIDE_QUERY, r"\bUS sizes\b")
    us_said = m.group(0).strip() if (m := _US_SENTENCE.search(page.text)) else ""
    if kind not in (None, "boots"):
        return Conversion([], f"Our size guide has no {scale} sizes for {_plural(kind or '')}.", page)
    if gender in ("men", "women"):
        rows = [r for r in rows if r[1] == f"{gender}'s"]
    if not rows:
        whose = f" {gender}'s" if gender in ("men", "women") else ""
        none = (
            f"Our size guide gives no US{whose} size for {scale} {size}."
            if has_table
            else f"Our size guide has no {scale} sizes."
        )
        return Conversion([], f"{none} {us_said}".strip(), page)
    if len({w for _s, w in rows}) > 1:
        said = " or ".join(f"a US {w} {s}" for s, w in rows)
    else:
        said = f"a US {rows[0][1]} {' or '.join(s for s, _w in rows)}"
    return Conversion(rows, f"In our size guide, {scale} {size} is {said}.", page)


def eu_size(kb: KnowledgePort, product: dict[str, Any], text: str) -> tuple[str | None, str]:
    """ "Do the X boots come in EU 44?": the US size for the product's gender and the guide's sentence for it
    ("In our size guide, EU 44 is a US men's 11."); (None, the guide's "no conversion") for a size, scale or kind
    it does not convert or two sizes it gives; (None, "") for no size asked in another scale."""
    asked = scale_asked(text)
    if asked is None:
        return None, ""
    gender = str(product.get("gender") or "").lower()
    kind = str(product.get("category") or "")
    conv = convert(kb, asked, gender if gender in ("men", "women") else None, kind)
    return (conv.sizes[0][0] if len(conv.sizes) == 1 else None), conv.said
