"""Which product categories go together (a jacket with a scarf or boots, jeans with a belt or shirt)."""

from __future__ import annotations

# Symmetric by construction below; categories are lower-case singular-ish shop words.
_PAIRS: dict[str, tuple[str, ...]] = {
    "jacket": ("scarf", "boots", "gloves", "hat", "sweater", "jeans", "accessories"),
    "coat": ("scarf", "gloves", "boots", "hat", "sweater", "accessories"),
    "jeans": ("belt", "shirt", "t-shirt", "boots", "sneakers", "sweater", "jacket"),
    "chinos": ("belt", "shirt", "t-shirt", "sweater", "loafers", "sneakers"),
    "shirt": ("jeans", "chinos", "tie", "sweater", "belt"),
    "t-shirt": ("jeans", "chinos", "shorts", "sneakers", "jacket"),
    "sweater": ("jeans", "chinos", "shirt", "scarf", "coat", "jacket"),
    "dress": ("shoes", "heels", "handbag", "belt", "jacket", "accessories", "boots"),
    "boots": ("jeans", "socks", "jacket", "coat"),
    "accessories": ("jacket", "coat", "dress"),
    "shoes": ("socks", "dress"),
    "sneakers": ("socks", "jeans", "t-shirt"),
}


def _symmetric(pairs: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for a, others in pairs.items():
        for b in others:
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in table.items()}


COMPLEMENTS: dict[str, frozenset[str]] = _symmetric(_PAIRS)


def normalise(category: str) -> str:
    """Lower-case, trimmed, a trailing plural 's' dropped for known words (scarves -> scarf)."""
    c = category.strip().lower()
    if c in COMPLEMENTS or not c:
        return c
    for cand in (c[:-3] + "f" if c.endswith("ves") else "", c[:-1] if c.endswith("s") else ""):
        if cand and cand in COMPLEMENTS:
            return cand
    return c


def complements_of(category: str) -> frozenset[str]:
    """Categories that go with the given one (empty when unknown)."""
    return COMPLEMENTS.get(normalise(category), frozenset())


def relates(candidate: str, context: str, *, extra: tuple[str, ...] | list[str] = ()) -> bool:
    """True when the candidate's category is the context's own or one of its complements (extra: a product's pairs_with)."""
    a, b = normalise(candidate), normalise(context)
    if not a or not b:
        return False
    return a == b or a in complements_of(b) or a in {normalise(x) for x in extra}
