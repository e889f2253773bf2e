"""Slots: a semaphore every worker sharing a coordinator counts against (e.g. requests to one model server).

A holder's slot is a lease: it expires `ttl_s` after it was last renewed, and a thread renews every held slot
every third of that, so a worker killed with kill -9 frees its slots within `ttl_s` and a live one keeps them
however long its request takes. The coordinator stores the slots (in process, or a sorted set in Redis);
this object keeps the tokens this worker holds and renews them.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)


class SlotStore(Protocol):
    """What a coordinator offers Slots: take, renew and drop one holder's lease."""

    def slot_acquire(self, name: str, token: str, *, limit: int, ttl_s: float) -> bool: ...

    def slot_renew(self, name: str, token: str, *, ttl_s: float) -> bool: ...

    def slot_release(self, name: str, token: str) -> None: ...


class Slots:
    """At most `limit` holders of `name` at once across the workers; `try_acquire` never waits."""

    def __init__(self, store: SlotStore, name: str, limit: int, *, ttl_s: float = 30.0) -> None:
        if limit < 1:
            raise ValueError("a shared slot limit must be 1 or more")
        self._store, self.name, self.limit, self.ttl_s = store, name, limit, ttl_s
        self._held: set[str] = set()
        self._mutex = threading.Lock()
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    @property
    def held(self) -> int:
        """Slots this worker holds now."""
        return len(self._held)

    def try_acquire(self, token: str) -> bool:
        """Take a slot for `token` if fewer than `limit` are held (by every worker together)."""
        if not self._store.slot_acquire(self.name, token, limit=self.limit, ttl_s=self.ttl_s):
            return False
        with self._mutex:
            self._held.add(token)
            if self._renewer is None:
                self._renewer = threading.Thread(target=self._renew, name=f"slots:{self.name}", daemon=True)
                self._renewer.start()
        return True

    def release(self, token: str) -> None:
        """Give the slot back (a token that holds none is ignored)."""
        with self._mutex:
            self._held.discard(token)
        self._store.slot_release(self.name, token)

    def _renew(self) -> None:
        while not self._stop.wait(self.ttl_s / 3):
            with self._mutex:
                tokens = list(self._held)
            for token in tokens:
                kept = self._store.slot_renew(self.name, token, ttl_s=self.ttl_s)
                if not kept and token in self._held:
                    log.warning(
                        "slot %s of %r expired while held (renewal was late); it no longer counts", token[:8], self.name
                    )

    def close(self) -> None:
        """Stop renewing (held slots then expire within ttl_s)."""
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join(timeout=2)
