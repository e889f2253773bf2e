"""An in-process event bus: the pipeline publishes, live dashboards and channels subscribe."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

log = logging.getLogger(__name__)


class EventBus:
    """Fan-out of small dict events to asyncio subscribers; publish() is safe from any thread."""

    def __init__(self, *, max_queue: int = 1000) -> None:
        self._subs: list[tuple[asyncio.AbstractEventLoop, asyncio.Queue[dict[str, Any]]]] = []
        self._lock = threading.Lock()
        self._max_queue = max_queue

    def publish(self, event: dict[str, Any]) -> None:
        """Deliver an event to every subscriber (dropped for a subscriber whose queue is full)."""
        with self._lock:
            subs = list(self._subs)
        for loop, queue in subs:
            try:
                loop.call_soon_threadsafe(_put, queue, event)
            except RuntimeError:  # loop closed: the subscriber is gone
                self._remove(queue)

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        """A queue receiving every event published while the context is open."""
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(self._max_queue)
        with self._lock:
            self._subs.append((asyncio.get_running_loop(), queue))
        try:
            yield queue
        finally:
            self._remove(queue)

    def _remove(self, queue: asyncio.Queue[dict[str, Any]]) -> None:
        with self._lock:
            self._subs = [(lp, q) for lp, q in self._subs if q is not queue]

    @property
    def subscribers(self) -> int:
        """How many subscribers are listening."""
        return len(self._subs)


def _put(queue: asyncio.Queue[dict[str, Any]], event: dict[str, Any]) -> None:
    try:
        queue.put_nowait(event)
    except asyncio.QueueFull:
        log.warning("event subscriber is too slow; dropping an event")
