"""Keep a running server on the knowledge-base version named by CURRENT (set by the CLI or another process).

Two ways a worker learns of a new version: the `kb_version` event a reload publishes on the live-feed bus (through
Redis it reaches every worker at once), and polling CURRENT every few seconds (the fallback, and the only way
without Redis across processes). Either way the worker loads the version CURRENT names from the shared
knowledge-base folder and swaps its one index reference: a turn reads the old version or the new one, never a mix.
"""

from __future__ import annotations

import asyncio
import logging
import threading

from bot.core.events import EventBus
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
        if self._thread.is_alive():  # never started when polling is off
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


async def follow_published(kb: KnowledgeBase, bus: EventBus) -> None:
    """Switch to CURRENT whenever a `kb_version` event arrives (a reload or rollback on any worker); runs until
    cancelled."""
    async with bus.subscribe() as queue:
        while True:
            event = await queue.get()
            if event.get("type") != "kb_version":
                continue
            try:
                if await asyncio.to_thread(kb.follow_current):
                    log.info("knowledge base: switched to %s, published by another worker", kb.serving_version)
            except Exception:
                log.exception("could not follow the published knowledge-base version %s", event.get("version"))
