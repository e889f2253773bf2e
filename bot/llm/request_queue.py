"""RequestQueue: at most N generator requests at once, first come first served, for threads and coroutines alike."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class _Waiter:
    """One caller in the queue: a thread waits on `event`, a coroutine on `future`."""

    event: threading.Event | None = None
    future: asyncio.Future[None] | None = None
    loop: asyncio.AbstractEventLoop | None = None
    granted: bool = field(default=False)

    def wake(self) -> None:
        self.granted = True
        if self.event is not None:
            self.event.set()
        elif self.future is not None and self.loop is not None:
            self.loop.call_soon_threadsafe(_resolve, self.future)


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class RequestQueue:
    """A fair semaphore usable from worker threads (`slot`) and from the event loop (`aslot`).

    `limit` 0 means no limit. Waiting is bounded by the caller (the composer's deadline cancels it).
    """

    def __init__(self, limit: int) -> None:
        if limit < 0:
            raise ValueError("the request limit must be 0 (no limit) or more")
        self.limit = limit
        self._running = 0
        self._waiting: deque[_Waiter] = deque()
        self._lock = threading.Lock()

    @property
    def running(self) -> int:
        """Requests holding a slot now."""
        return self._running

    @property
    def waiting(self) -> int:
        """Requests queued for a slot now."""
        return len(self._waiting)

    def _try_take(self, waiter: _Waiter) -> bool:
        with self._lock:
            if self.limit == 0 or (self._running < self.limit and not self._waiting):
                self._running += 1
                return True
            self._waiting.append(waiter)
            return False

    def _release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().wake()  # the slot passes straight to the next in line
            else:
                self._running -= 1

    def _abandon(self, waiter: _Waiter) -> None:
        """A waiter gave up: leave the queue, or hand on a slot it was granted meanwhile."""
        with self._lock:
            if not waiter.granted:
                self._waiting.remove(waiter)
                return
        self._release()

    @contextlib.contextmanager
    def slot(self) -> Iterator[float]:
        """Hold one slot in a thread; yields the seconds spent waiting."""
        started = time.perf_counter()
        waiter = _Waiter(event=threading.Event())
        if not self._try_take(waiter):
            assert waiter.event is not None
            try:
                waiter.event.wait()
            except BaseException:
                self._abandon(waiter)
                raise
        try:
            yield time.perf_counter() - started
        finally:
            self._release()

    @contextlib.asynccontextmanager
    async def aslot(self) -> AsyncIterator[float]:
        """Hold one slot in a coroutine without blocking the event loop; yields the seconds spent waiting."""
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        waiter = _Waiter(future=loop.create_future(), loop=loop)
        if not self._try_take(waiter):
            assert waiter.future is not None
            try:
                await waiter.future
            except BaseException:  # cancelled (a timeout): do not leak the slot
                self._abandon(waiter)
                raise
        try:
            yield time.perf_counter() - started
        finally:
            self._release()
