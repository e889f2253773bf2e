"""A boot size asked in EU sizes ("do the X boots come in EU 44?"): the US size the shop's size guide gives for it,
for the product's gender, read from the guide's boots tables at run time ("| US men's | 7 | 8 | ... |" over
"| EU | 40 | 41 | ... |"). A size the table does not list, or a product of no gender where both tables hold it,
is not converted: nothing here knows the demo store's numbers."""

from __future__ import annotations

import re
from typing import Any

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort

EU_ASKED = re.compile(
    r"\b(?:eu|euro(?:pean)?)\s*(?:size\s*)?(\d{2}(?:[.,]5)?)\b|\b(?:size\s*)?(\d{2}(?:[.,]5)?)\s*(?:eu|euro(?:pean)?)\b",
    re.I,
)
GUIDE_QUERY = "Size guide boots US men's women's EU sizes half sizes"
ROW = re.compile(r"^\|\s*(US men's|US women's|EU)\s*\|(.*)\|\s*$", re.I | re.M)


def eu_asked(text: str) -> str | None:
    """The EU size a message names ("EU 44", "44 EU", "european size 43"), or None."""
    m = EU_ASKED.search(text)
    return (m.group(1) or m.group(2)).replace(",", ".") if m else None


def eu_to_us(kb: KnowledgePort, eu: str, gender: str | None) -> tuple[str, str] | None:
    """(US size, its gender's words) the boots table gives for the EU size: ("11", "men's"); None when the guide
    holds no such EU size for that gender, or, with no gender, when both tables hold it."""
    page = find(kb, GUIDE_QUERY, r"\|\s*EU\s*\|")
    found: list[tuple[str, str]] = []
    us: tuple[str, list[str]] | None = None
    for m in ROW.finditer(page.text):
        cells = [c.strip() for c in m.group(2).split("|")]
        label = m.group(1).lower()
        if label.startswith("us"):
            us = ("men's" if "women" not in label else "women's", cells)
            continue
        if us is None:
            continue
        for n, cell in enumerate(cells):
            if n < len(us[1]) and eu in re.split(r"\s*[–-]\s*", cell):
                found.append((us[1][n], us[0]))
        us = None
    if gender in ("men", "women"):
        found = [f for f in found if f[1] == f"{gender}'s"]
    return found[0] if len(found) == 1 else None


def eu_size(kb: KnowledgePort, product: dict[str, Any], text: str) -> tuple[str | None, str]:
    """ "Do the X boots come in EU 44?": the US size for the product's gender and the guide's sentence for it
    ("In our size guide, EU 44 is a US men's 11."); (None, "") for no EU size asked or none the guide converts."""
    eu = eu_asked(text)
    if eu is None or str(product.get("category") or "") != "boots":
        return None, ""
    gender = str(product.get("gender") or "").lower()
    found = eu_to_us(kb, eu, gender if gender in ("men", "women") else None)
    if found is None:
        return None, ""
    size, words = found
    return size, f"In our size guide, EU {eu} is a US {words} {size}."
