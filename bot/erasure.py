"""Erasure across processes: running servers notice an erasure made elsewhere and drop what they hold.

`shopbot customers erase` usually runs in another process than `shopbot serve` or `shopbot telegram`.
The store keeps a tombstone per erased id (a keyed hash, never the id); a watcher thread in each long-running
process polls the tombstone table and, when it changes, drops in-memory copies that could still hold the
erased customer (the recommender is reloaded from its published version, which the eraser already
scrubbed). Publishing a model checks the same tombstones, so nothing can bring the customer back.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


class ErasureWatcher:
    """Polls the store's erasure marker and calls `services.forget_cached()` when another process erased someone."""

    def __init__(self, services: Services, *, interval_s: float = 2.0) -> None:
        self.services = services
        self.interval_s = interval_s
        self._seen: tuple[int, int] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="erasure-watch", daemon=True)

    def check(self) -> bool:
        """React to a new or finished erasure since the last check; True if it did."""
        marker = self.services.store.erasure_marker()
        if self._seen is None or marker == self._seen:
            self._seen = marker
            return False
        self._seen = marker
        log.warning("an erasure was made by another process; dropping cached customer data")
        self.services.forget_cached()
        return True

    def start(self) -> None:
        """Take the current marker as the baseline and poll in a daemon thread."""
        self.check()
        self._thread.start()

    def stop(self) -> None:
        """Stop polling."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.check()
            except Exception:  # the watcher must never die
                log.exception("erasure watcher error")
