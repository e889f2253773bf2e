"""RequestQueue: at most N generator requests at once, first come first served, for threads and coroutines alike.

With several workers the queue can also share a limit with the others (`share`): a request that got its place
here then takes one of the shared slots (the coordinator's, through Redis), so N is the limit for all of them
together. Within a worker the order stays first come first served; between workers, whoever asks first after
a slot frees up gets it (each polls, 5 ms doubling to 50 ms).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Protocol

POLL_FIRST_S, POLL_MAX_S = 0.005, 0.05


class SharedSlots(Protocol):
    """A limit shared with other workers (bot.coord.slots.Slots): never waits, the queue polls it."""

    limit: int

    def try_acquire(self, token: str) -> bool: ...

    def release(self, token: str) -> None: ...


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
        self._shared: SharedSlots | None = None

    def share(self, slots: SharedSlots | None) -> None:
        """Also hold one of `slots` (shared with other workers) while a request runs; None: this worker only."""
        if slots is not None and slots.limit != self.limit:
            raise ValueError(f"the shared limit ({slots.limit}) must be this queue's ({self.limit})")
        self._shared = slots if self.limit else None

    @property
    def shared(self) -> bool:
        """True when the limit counts every worker's requests together."""
        return self._shared is not None

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
            token = self._take_shared() if self._shared is not None else None
            try:
                yield time.perf_counter() - started
            finally:
                if token is not None and self._shared is not None:
                    self._shared.release(token)
        finally:
            self._release()

    def _take_shared(self) -> str:
        assert self._shared is not None
        token, pause = uuid.uuid4().hex, POLL_FIRST_S
        while not self._shared.try_acquire(token):
            time.sleep(pause)
            pause = min(pause * 2, POLL_MAX_S)
        return token

    async def _atake_shared(self) -> str:
        shared = self._shared
        assert shared is not None
        token, pause = uuid.uuid4().hex, POLL_FIRST_S
        while True:
            attempt = asyncio.ensure_future(asyncio.to_thread(shared.try_acquire, token))
            try:
                if await asyncio.shield(attempt):
                    return token
            except asyncio.CancelledError:  # the try may still succeed in its thread: give that slot back then
                attempt.add_done_callback(lambda f: _release_if_taken(f, shared, token))
                raise
            await asyncio.sleep(pause)
            pause = min(pause * 2, POLL_MAX_S)

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
            token = await self._atake_shared() if self._shared is not None else None
            try:
                yield time.perf_counter() - started
            finally:
                if token is not None and self._shared is not None:
                    await asyncio.to_thread(self._shared.release, token)
        finally:
            self._release()


def _release_if_taken(attempt: asyncio.Future[bool], shared: SharedSlots, token: str) -> None:
    if not attempt.cancelled() and attempt.exception() is None and attempt.result():
        shared.release(token)
