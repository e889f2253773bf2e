"""Catalog: the products of one knowledge-base version, one read-only list shared by every turn.

Handing out the same object lets the core keep its indexes (names, SKUs, attributes) per version by identity,
in O(1) per turn, instead of fingerprinting 50,000 products on every call. It is read-only so that sharing it
is safe: a caller that wants to change the list copies it (`list(catalog)`).
"""

from __future__ import annotations

from typing import Any, NoReturn


class Catalog(list[dict[str, Any]]):
    """A list of product dicts that refuses in-place changes."""

    __slots__ = ()

    def _read_only(self, *_: object, **__: object) -> NoReturn:
        raise TypeError("a knowledge-base version's catalog is read-only; copy it with list(catalog) to change it")

    append = extend = insert = pop = remove = clear = sort = reverse = _read_only
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _read_only
