"""Erasure tombstones: a one-way key per erased customer id, so no artifact is ever published with that id again.

The key is a SHA-256 of the id, so the tombstone list itself holds no customer id in clear text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable


def tombstone(customer_id: str) -> str:
    """The tombstone key of one customer id."""
    return hashlib.sha256(f"shopbot-erased:{customer_id}".encode()).hexdigest()


def erased_among(ids: Iterable[str], tombstones: Collection[str]) -> list[str]:
    """The ids whose tombstone is in `tombstones`."""
    if not tombstones:
        return []
    return [i for i in ids if tombstone(i) in tombstones]
