"""The parts of one product's name are one name.

A reply names a product in full ("The Michael Kors Women's Sable Trucker Jacket is cotton corduroy"); its catalog
passage names it short ("Meet the Sable Trucker Jacket: cotton corduroy"). Read as capitalised names, the reply
says "Michael Kors", "Kors Women" and "Sable Trucker Jacket", the passage only the last, and the swap and binding
rules took the brand for a sibling of the product ("says of michael kors what the shop's data says of another").

Every name key that lies inside exactly one product's name (of the grounding's fact lines and catalog passages)
becomes that product's key; a key inside several products' names (their brand) is dropped where the same
statement names a product, and kept where it names none ("Michael Kors ships ..."). Two different products stay
two siblings, so "the Grove is $108.50" against the Juniper's passage is still read as a swap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.meaning.index import Index, Vocabulary

_NAME = re.compile(r"(?:^|\n)(?P<name>[^\n(>:]{3,120}?)(?: by [^\n(]{2,40})? \(SKU (?P<sku>[A-Z0-9-]+)\)")
KeyMap = dict[str, tuple[str, ...]]  # name key -> the product keys of the products whose name holds it


def product_key_map(text: str, keys: set[str]) -> KeyMap:
    """Which product each name key belongs to, for the keys that lie inside a product's name."""
    names: dict[str, str] = {}
    for m in _NAME.finditer(text):
        names[m.group("sku")] = _plain(m.group("name"))
    if not names:
        return {}
    out: KeyMap = {}
    for key in keys:
        owners = [sku for sku, name in names.items() if re.search(rf"(?<!\w){re.escape(_plain(key))}(?!\w)", name)]
        if owners:
            out[key] = tuple(f"product {sku.lower()}" for sku in owners)
    return out


def _plain(name: str) -> str:
    return re.sub(r"['’]s\b", "", name.lower())


def merged(keys: set[str], kmap: KeyMap, *, keep_shared: bool = False) -> set[str]:
    """The keys with a product's name parts as that product. A part several products share (their brand, their
    kind) is dropped beside a product the same text names; in the grounding (`keep_shared`) it stays and stands for
    each product that shares it too, so "the Quincy is $86.99" finds the price a fact line binds to "Tommy Hilfiger"
    and "they're $80.99" said of "jeans" finds the jeans' price."""
    ids = {kmap[k][0] for k in keys if len(kmap.get(k, ())) == 1}
    out = set()
    for k in keys:
        owners = kmap.get(k, ())
        if not owners:
            out.add(k)
        elif len(owners) == 1:
            out.add(owners[0])
        elif keep_shared:
            out |= {k, *owners}
        elif not ids:
            out.add(k)
    return out


@dataclass(slots=True)
class AliasVocabulary(Vocabulary):
    """The grounding's vocabulary, whose `find` gives a product's name parts as the product."""

    aliases: KeyMap = field(default_factory=dict)

    def find(self, text: str) -> dict[str, set[str]]:
        return {cls: merged(keys, self.aliases) for cls, keys in Vocabulary.find(self, text).items()}


def merge_index(index: Index, text: str) -> None:
    """Rewrite the index's names in place, once per grounding; its vocabulary's `find` merges what it finds."""
    kmap = product_key_map(text, set(index.vocab.classes))
    if not kmap:
        return
    classes = index.vocab.classes
    for key, owners in kmap.items():
        for pid in owners:
            classes.setdefault(pid, set()).update(classes.get(key, set()))
    for u in index.units:
        u.ents = {cls: merged(ks, kmap, keep_shared=True) for cls, ks in u.ents.items()}
        u.ctx_ents = merged(set(u.ctx_ents), kmap, keep_shared=True)
        u.bound = {v: merged(ks, kmap, keep_shared=True) for v, ks in u.bound.items()}
    v = index.vocab
    index.vocab = AliasVocabulary(classes=v.classes, patterns=v.patterns, implies=v.implies, aliases=kmap)
