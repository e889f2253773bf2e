"""Keep a running server on the knowledge-base version named by CURRENT (set by the CLI or another process)."""

from __future__ import annotations

import logging
import threading

from bot.kb.knowledge_base import KnowledgeBase

log = logging.getLogger(__name__)


class CurrentWatcher:
    """Polls the CURRENT pointer and swaps to a version published by `shopbot kb reload` or `rollback`."""

    def __init__(self, kb: KnowledgeBase, *, interval_s: float = 2.0) -> None:
        self.kb = kb
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kb-watch", daemon=True)

    def start(self) -> None:
        """Start polling in a daemon thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop polling."""
        self._stop.set()
        self._thread.join(timeout=5)

    def check(self) -> bool:
        """Swap if CURRENT names another version than the one being served; True if it swapped."""
        return self.kb.follow_current()

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.check()
            except Exception:
                log.exception("knowledge-base watcher error")
