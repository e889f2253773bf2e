"""Answers that depend only on the knowledge-base version, kept for the version.

A policy section found by a fixed query ("Shipping options and costs United States") is the same for every turn
until the knowledge base changes; finding it again costs a query embedding and a hybrid search each time (five of
them for a shipping question that names a place, and at 50,000 products a search whose words read as a product
filter scans the filtered products too). `per_version` keeps such a value per version: the key is the version's
read-only `Catalog` (one per loaded version, found by identity), so a reload, a policy-page edit included, starts
afresh. A knowledge base that hands out plain lists (test doubles, tools) is never memoised.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from bot.core.ports import KnowledgePort
from bot.domain import Catalog

T = TypeVar("T")

KEEP_VERSIONS = 2  # the serving version and the one before (a reload swaps mid-turn)
MAX_VALUES = 256  # per version: the keys are the call sites' fixed queries, never a shopper's words

_values: dict[int, tuple[Catalog, dict[Hashable, Any]]] = {}
_mutex = threading.Lock()


def per_version(kb: KnowledgePort, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per knowledge-base version and `key`; the kept value on later calls. Callers must not
    change what they get back (hand out copies of mutable parts)."""
    catalog = kb.products()
    if not isinstance(catalog, Catalog):
        return compute()
    with _mutex:
        held = _values.get(id(catalog))
        if held is not None and held[0] is catalog and key in held[1]:
            return held[1][key]
    value = compute()
    with _mutex:
        held = _values.get(id(catalog))
        if held is None or held[0] is not catalog:
            while len(_values) >= KEEP_VERSIONS:
                _values.pop(next(iter(_values)))
            held = _values[id(catalog)] = (catalog, {})
        if len(held[1]) < MAX_VALUES:
            held[1][key] = value
    return value
