"""How cold a coat is made for ("is the kingsley peacoat warm enough for a chicago winter?"): beside the listing's
winter tag, the product care FAQ's own temperature sentence for the product's build ('Jackets and coats tagged
"winter" or "insulated" ... are made for cold weather, down to about 14°F (-10°C) with layers.'), and for a jacket not
tagged for winter the sentence that names its build ("Denim, bomber, rain and softshell jackets are for mild weather,
about 50-65°F"). Only when warmth is asked, only for the kinds the sentence names (jackets, coats), quoted as the
page's words; None otherwise. Read from the pages at run time."""

from __future__ import annotations

import re
from typing import Any

from bot.core.catalog.plain import warm_answer
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.turn import hit_source

TEMP = re.compile(r"\d+\s?°\s?[FC]\b")
WARM_TAG = re.compile(r'"?\b(?:winter|insulated)\b"?', re.I)
QUERY = "Jackets: is this jacket warm enough for winter? cold weather temperature"


def warm_rating(kb: KnowledgePort, product: dict[str, Any], text: str) -> tuple[str, dict[str, str]] | None:
    """The care page's temperature sentence for this product's build, with its source; None when not asked or none
    names the product's kind and build."""
    kind = str(product.get("category") or "").lower()
    if not kind or warm_answer(product, text) is None:
        return None
    page = find(kb, QUERY, r"\d+\s?°\s?F")
    if page.hit is None:
        return None
    tags = {str(t).lower() for t in product.get("tags") or []}
    warm = bool(tags & {"winter", "insulated"})
    own = set(re.findall(r"[a-z]{4,}", " ".join([str(product.get("name") or ""), *tags]).lower()))
    for s in page.sentences:
        subject = re.split(r"\s(?:are|is)\s", s, maxsplit=1)[0]
        if not TEMP.search(s) or not re.search(rf"\b{re.escape(kind)}s?\b", subject, re.I):
            continue
        if warm and WARM_TAG.search(subject):
            break
        builds = set(re.findall(r"[a-z]{4,}", subject.lower())) - {kind, f"{kind}s", "tagged", "and"}
        if not warm and not WARM_TAG.search(subject) and builds & own:
            break
    else:
        return None
    name = re.split(r"\s[–-]\s", page.hit.passage.title)[0].strip() or "page"
    return f'Our {name} says: "{s.replace(chr(34), chr(39))}"', hit_source(page.hit)
