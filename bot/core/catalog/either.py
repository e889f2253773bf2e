"""A style or a kind: "puffer or parka" asks for puffers of any kind OR parkas, not for puffer parkas. Read as two
searches (the kind without the style word, the style word without the kind), each with everything else asked (the
gender, size, warmth, budget), and their matches shown together; a shopper asking for either is never told that
none exists because no parka is also a puffer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.core.catalog.attributes import BY_KEY as ATTRIBUTES
from bot.core.catalog.concepts import BY_KEY as CONCEPTS
from bot.core.catalog.words import KIND_WORDS
from bot.domain import Constraints

_OR = re.compile(r"\b([a-z][a-z-]+)\s+or\s+(?:an?\s+)?([a-z][a-z-]+)\b")
_KIND_PATTERNS = [(re.compile(rf"^(?:{pattern})$"), kind) for pattern, kind in KIND_WORDS]


def _kind_of(word: str) -> str | None:
    return next((kind for pattern, kind in _KIND_PATTERNS if pattern.match(word)), None)


def _style_of(word: str, c: Constraints) -> str | None:
    """The style feature the word was read as ("puffers" -> "puffer"), not an attribute or a concept."""
    for f in c.features:
        if f in ATTRIBUTES or f in CONCEPTS or f == "warm":
            continue
        if word == f or word.rstrip("s") == f:
            return f
    return None


def either_sides(text: str, c: Constraints) -> list[Constraints]:
    """The two searches of "<style> or <kind>" / "<kind> or <style>", or [] when the message asks no such choice."""
    for m in _OR.finditer(text.lower()):
        a, b = m.group(1), m.group(2)
        for style_word, kind_word in ((a, b), (b, a)):
            style, kind = _style_of(style_word, c), _kind_of(kind_word)
            if style and kind and kind in c.categories:
                kinds = [k for k in c.categories if k != kind]
                return [
                    replace(c, features=[f for f in c.features if f != style], categories=[kind]),
                    replace(c, categories=kinds, features=list(c.features)),
                ]
    return []


def merged(found: Sequence[Sequence[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The matches of each side, each product once, in the order found (side by side)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for products in found:
        for p in products:
            if str(p.get("sku")) not in seen:
                seen.add(str(p.get("sku")))
                out.append(p)
    return out
