"""A section scoped to one kind of product ("Shirts: will my shirt shrink?") answers questions about that kind only.

"Will my wool sweater shrink?" is not answered by "Our cotton shirts are pre-washed and shrink less than 2%": the
question names a kind of product (a sweater) that the section neither is about nor mentions. The kinds are read
from the data: the last word of the catalog's product names ("... Merino Sweater", "... Hiking Boots") and the
kind a section's heading is scoped to (the words before its colon). A question that names no kind, or names the
section's own kind, or a kind the section's text mentions ("Jackets and coats tagged winter"), is about it."""

from __future__ import annotations

import re
from collections.abc import Sequence

WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # "t-shirt" is one word: a T-shirt is not a shirt
SCOPED = re.compile(r"^\s*([A-Za-z][A-Za-z' -]{1,30}):\s+\S")  # "Shirts: will my shirt shrink?"
_KINDS: dict[int, tuple[Sequence[str], frozenset[str]]] = {}  # per names tuple (a version's), two kept


def kind_of(word: str) -> str:
    """One spelling for a kind's singular and plural ("boots" -> "boot", "dress" stays)."""
    w = word.lower()
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def product_kinds(names: Sequence[str]) -> frozenset[str]:
    """The kinds of product the catalog sells: its names' last words ("Sweater", "Boots", "T-Shirt"); kept for the
    last two name tuples (a knowledge-base version's), so a turn does not read every name again."""
    key = id(names)
    cached = _KINDS.get(key)
    if cached is not None and cached[0] is names:
        return cached[1]
    # a product's name, not a brand's ("Calvin Klein"): three words or more, ending in a word of letters
    kinds = frozenset(kind_of(w[-1]) for n in names if len(w := n.split()) >= 3 and w[-1].replace("-", "").isalpha())
    if len(_KINDS) >= 2:
        _KINDS.clear()
    _KINDS[key] = (names, kinds)
    return kinds


def scoped_kind(heading: str) -> str:
    """The kind a section's heading is scoped to ("Shirts: will my shirt shrink?" -> "shirt"), or ''."""
    m = SCOPED.match(heading.rsplit(" > ", 1)[-1])
    return kind_of(m.group(1).strip()) if m and " " not in m.group(1).strip() else ""


def kinds_named(text: str, kinds: frozenset[str]) -> set[str]:
    """The kinds of product a text names."""
    return {k for w in WORD.findall(text.lower()) if (k := kind_of(w)) in kinds}


def off_subject(question: str, heading: str, text: str, kinds: frozenset[str]) -> bool:
    """The section is scoped to another kind of product than the one the question names."""
    scope = scoped_kind(heading)
    if scope not in kinds:
        return False  # no heading scope, or one that is no kind of product ("Returns: ...")
    asked = kinds_named(question, kinds)
    return bool(asked) and scope not in asked and not asked & kinds_named(text, kinds)
