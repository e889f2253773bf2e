"""The in-process coordinator: what one worker needs, with nothing to install."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from bot.coord.slots import Slots
from bot.core.events import EventBus
from bot.errors import ShopbotError


class LockTimeout(ShopbotError):
    """A named lock stayed held by someone else for longer than the caller would wait."""


class LocalCoordinator:
    """Events, locks, token buckets and first-seen keys held in this process's memory."""

    shared = False  # True where other workers see the same state (Redis)

    def __init__(self) -> None:
        self.bus = EventBus()
        self._mutex = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._buckets: dict[str, tuple[float, float]] = {}  # name -> (tokens, at)
        self._seen: dict[str, float] = {}  # key -> expires at
        self._windows: dict[str, dict[str, float]] = {}  # window -> send token -> finished (or latest finish) at
        self._slots: dict[str, dict[str, float]] = {}  # slots name -> holder token -> lease expires at
        self._semaphores: list[Slots] = []

    def first_time(self, key: str, *, ttl_s: float = 86400.0) -> bool:
        """True the first time `key` is offered within `ttl_s` (update-id de-duplication)."""
        now = time.monotonic()
        with self._mutex:
            if len(self._seen) > 100_000:
                self._seen = {k: t for k, t in self._seen.items() if t > now}
            if self._seen.get(key, 0.0) > now:
                return False
            self._seen[key] = now + ttl_s
            return True

    def take(self, bucket: str, *, rate: float, burst: float = 1.0) -> float:
        """Take one token from `bucket` (refilled at `rate` per second up to `burst`): 0.0 if taken, else the
        seconds to wait before trying again (nothing is taken then)."""
        now = time.monotonic()
        with self._mutex:
            tokens, at = self._buckets.get(bucket, (burst, now))
            tokens = min(burst, tokens + (now - at) * rate)
            if tokens >= 1.0:
                self._buckets[bucket] = (tokens - 1.0, now)
                return 0.0
            self._buckets[bucket] = (tokens, now)
            return (1.0 - tokens) / rate

    def start_send(self, window: str, token: str, *, limit: int, window_s: float, busy_s: float = 10.0) -> float:
        """Start a send in `window` (at most `limit` sends finished within any `window_s` seconds; one in flight
        counts as finishing at the latest `busy_s` from now): 0.0 if started, else the seconds to wait first."""
        now = time.monotonic()
        with self._mutex:
            sends = {t: at for t, at in self._windows.setdefault(window, {}).items() if at > now - window_s}
            self._windows[window] = sends
            if len(sends) < limit:
                sends[token] = now + busy_s
                return 0.0
            return min(max(0.002, min(sends.values()) + window_s - now), 0.05)

    def end_send(self, window: str, token: str) -> None:
        """The send `token` finished now."""
        with self._mutex:
            sends = self._windows.get(window, {})
            if token in sends:
                sends[token] = time.monotonic()

    def cooldown_left(self, key: str) -> float:
        """Seconds until the cool-down `key` ends (0.0 when there is none)."""
        with self._mutex:
            return max(0.0, self._seen.get("cool:" + key, 0.0) - time.monotonic())

    def cool_down(self, key: str, seconds: float) -> None:
        """Start (or restart) the cool-down `key`: e.g. after a send, when the chat may get the next one."""
        with self._mutex:
            self._seen["cool:" + key] = time.monotonic() + seconds

    def slots(self, name: str, limit: int, *, ttl_s: float = 30.0) -> Slots:
        """A semaphore of `limit` slots that every worker on this coordinator counts against (leases renewed while
        held, freed within `ttl_s` of a holder's death)."""
        slots = Slots(self, name, limit, ttl_s=ttl_s)
        self._semaphores.append(slots)
        return slots

    def slot_acquire(self, name: str, token: str, *, limit: int, ttl_s: float) -> bool:
        """Take (or renew) `token`'s lease on one of `limit` slots of `name`; False when all are held."""
        now = time.monotonic()
        with self._mutex:
            held = {t: at for t, at in self._slots.get(name, {}).items() if at > now}
            self._slots[name] = held
            if token not in held and len(held) >= limit:
                return False
            held[token] = now + ttl_s
            return True

    def slot_renew(self, name: str, token: str, *, ttl_s: float) -> bool:
        """Extend a lease still held; False when it had expired (or was released)."""
        now = time.monotonic()
        with self._mutex:
            held = self._slots.get(name, {})
            if held.get(token, 0.0) <= now:
                return False
            held[token] = now + ttl_s
            return True

    def slot_release(self, name: str, token: str) -> None:
        """Drop `token`'s lease."""
        with self._mutex:
            self._slots.get(name, {}).pop(token, None)

    @contextmanager
    def lock(self, name: str, *, ttl_s: float = 60.0, wait_s: float = 60.0) -> Iterator[None]:
        """Hold the named lock (e.g. `conv:<id>`, so one chat's turns run in order); LockTimeout after `wait_s`."""
        with self._mutex:
            lock = self._locks.setdefault(name, threading.Lock())
        if not lock.acquire(timeout=wait_s):
            raise LockTimeout(f"lock {name!r} is still held after {wait_s:.0f}s")
        try:
            yield
        finally:
            lock.release()

    @asynccontextmanager
    async def alock(self, name: str, *, ttl_s: float = 60.0, wait_s: float = 60.0) -> AsyncIterator[None]:
        """`lock` for asyncio code: acquired and released on worker threads, never blocking the event loop."""
        held = self.lock(name, ttl_s=ttl_s, wait_s=wait_s)
        await asyncio.to_thread(held.__enter__)
        try:
            yield
        finally:
            await asyncio.to_thread(held.__exit__, None, None, None)

    async def wait_token(self, bucket: str, *, rate: float, burst: float = 1.0) -> float:
        """Wait until `bucket` gives a token; returns the seconds waited."""
        waited = 0.0
        while (wait := await asyncio.to_thread(self.take, bucket, rate=rate, burst=burst)) > 0:
            await asyncio.sleep(wait)
            waited += wait
        return waited

    def close(self) -> None:
        """Stop the slot renewers (nothing else to release in process)."""
        for slots in self._semaphores:
            slots.close()
