"""Another product's material or description said of this one.

With two products in the grounding (a comparison, a follow-up: "and the Sable?"), a fluent reply can give one the
other's material or features: "The Dover jeans are cotton corduroy" (the Sable jacket's). The price, colours and
stock are checked as records (meaning/products.py); this reads the rest of the catalog passage. A sentence that
speaks of exactly one product (named by a word of its name no other product shares, else the product of the
sentence before or of the question) may not use a word that only another product's data uses: a word of that
product's material, or two words of its description. Words of the products' names, of the question and of the
shop's other pages are free.
"""

from __future__ import annotations

import re

from bot.core.meaning.text import content_words, sentences

_NAME = re.compile(r"(?:^|\n)(?P<name>[^\n(>:]{3,120}?)(?: by [^\n(]{2,40})? \(SKU (?P<sku>[A-Z0-9-]+)\)")
_MATERIAL = re.compile(r"\bMaterial:\s*([^\n]+?)\.(?:\s|$)")


class _Product:
    __slots__ = ("material", "name", "own", "words")

    def __init__(self) -> None:
        self.name: frozenset[str] = frozenset()
        self.own: frozenset[str] = frozenset()  # name words no other product shares
        self.words: frozenset[str] = frozenset()  # every word of its blocks
        self.material: frozenset[str] = frozenset()


def attribute_rules(reply: str, question: str, blocks: list[str]) -> list[tuple[int, str, str]]:
    """(sentence number, "product", reason) for a sentence that gives one product another's material or features."""
    products = products_of(blocks)
    if len(products) < 2:
        return []
    names = frozenset().union(*(p.name for p in products.values()))
    shop = frozenset().union(*(content_words(b) for b in blocks if not _NAME.search(b)))
    free = names | shop | content_words(question)
    out: list[tuple[int, str, str]] = []
    current = named_in(question, products)
    for n, sentence in enumerate(sentences(reply)):
        current = named_in(sentence, products) or current
        if len(current) != 1:
            continue
        mine = products[current[0]]
        said = content_words(sentence) - free - mine.words
        for sku, other in products.items():
            theirs = said & other.words
            if sku != current[0] and (theirs & other.material or len(theirs) >= 2):
                out.append(
                    (n, "product", f"says {', '.join(sorted(theirs))} of one product; the shop's data says it of {sku}")
                )
                break
    return out


def products_of(blocks: list[str]) -> dict[str, _Product]:
    """The products of the grounding's fact lines and catalog passages, by SKU."""
    out: dict[str, _Product] = {}
    for block in blocks:
        for m in _NAME.finditer(block):
            p = out.setdefault(m.group("sku"), _Product())
            p.name |= content_words(m.group("name"))
            p.words |= content_words(block)
            for mat in _MATERIAL.finditer(block):
                p.material |= content_words(mat.group(1))
    for sku, p in out.items():
        p.own = p.name - frozenset().union(*(q.name for s, q in out.items() if s != sku))
    return out


def named_in(text: str, products: dict[str, _Product]) -> list[str]:
    """The SKUs whose name the text names by a word no other product of the grounding shares."""
    words = content_words(text)
    return [sku for sku, p in products.items() if p.own & words]
