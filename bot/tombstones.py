"""Erasure tombstones and log pseudonyms, both keyed with a per-home secret.

A tombstone is a one-way key per erased customer id, so no artifact is ever published with that id again.
A plain hash of a short id could be reversed by hashing guesses (`cust-0001`, `tg-<user id>`), so the key is
an HMAC-SHA256 under a secret only this home has (`<home>/erasure.key`: 32 random bytes, created at first
start, mode 0600): `"k1:" + HMAC(secret, SHA-256("shopbot-erased:" + id))`. Keying the old digest lets a
home's existing tombstones (the bare SHA-256, no prefix) be re-keyed without knowing the ids
(`ErasureKey.rekey`). Logs name a customer or chat by `pseudonym(value)`: a short HMAC under the same
secret (a different message), stable across restarts so an operator can follow one shopper through a log,
and useless to anyone without the home.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

KEY_FILE = "erasure.key"
PREFIX = "k1:"  # a keyed tombstone; one without it is a legacy bare SHA-256, re-keyed when the store opens


def legacy_tombstone(customer_id: str) -> str:
    """The unkeyed SHA-256 an older version used (only to find what it left; never store a new one)."""
    return hashlib.sha256(f"shopbot-erased:{customer_id}".encode()).hexdigest()


class ErasureKey:
    """The home's secret: makes tombstones and log pseudonyms."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the erasure key must be at least 16 bytes")
        self._secret = secret

    @classmethod
    def ephemeral(cls) -> ErasureKey:
        """A key for this process only (an in-memory database, or logs before any home is opened)."""
        return cls(secrets.token_bytes(32))

    @classmethod
    def for_home(cls, directory: Path) -> ErasureKey:
        """The home's key, created on first use (0600); safe when several processes start at once."""
        path = directory / KEY_FILE
        if not path.exists():
            directory.mkdir(parents=True, exist_ok=True)
            tmp = directory / f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, secrets.token_hex(32).encode())
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(tmp, path)  # atomic and never overwrites: the first process to start wins
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        text = path.read_text(encoding="ascii").strip()
        try:
            return cls(bytes.fromhex(text))
        except ValueError as exc:
            raise ValueError(f"{path}: not an erasure key (64 hex digits expected)") from exc

    def _mac(self, message: str) -> str:
        return hmac.new(self._secret, message.encode(), hashlib.sha256).hexdigest()

    def tombstone(self, customer_id: str) -> str:
        """The tombstone of one customer id."""
        return self.rekey(legacy_tombstone(customer_id))

    def rekey(self, legacy: str) -> str:
        """The keyed tombstone for a legacy (bare SHA-256) one."""
        return PREFIX + self._mac(legacy)

    def pseudonym(self, value: object) -> str:
        """A short, stable, keyed stand-in for a customer or chat id in logs."""
        return "p:" + self._mac(f"log:{value}")[:10]


_log_key = ErasureKey.ephemeral()


def use_for_logs(key: ErasureKey) -> None:
    """Make `pseudonym` use this home's key (the store does this when it opens a home)."""
    global _log_key
    _log_key = key


def pseudonym(value: object) -> str:
    """A customer or chat id as logs may name it (see the module docstring)."""
    return _log_key.pseudonym(value)


@dataclass(frozen=True)
class Tombstones:
    """Every erasure tombstone of a home and its key: `customer_id in tombstones` tells whether it was erased."""

    key: ErasureKey = field(default_factory=ErasureKey.ephemeral)
    keys: frozenset[str] = frozenset()

    def __contains__(self, customer_id: object) -> bool:
        return bool(self.keys) and isinstance(customer_id, str) and self.key.tombstone(customer_id) in self.keys

    def __len__(self) -> int:
        return len(self.keys)


def erased_among(ids: Iterable[str], tombstones: Tombstones | None) -> list[str]:
    """The ids that have a tombstone."""
    if not tombstones:
        return []
    return [i for i in ids if i in tombstones]
