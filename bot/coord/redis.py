"""Coordination through Redis (redis-py), for several workers: what one worker publishes, locks or spends,
every worker sees.

- live feed: PUBLISH on one channel; each worker's listener thread fans events out to its own subscribers;
- locks: redis-py's Lock (SET NX PX with a random token, released by compare-and-delete), so a worker killed
  with kill -9 frees the lock after its TTL;
- rate limits: one token bucket per key, refilled by a Lua script on Redis's own clock (workers' clocks
  do not matter);
- de-duplication: SET NX with an expiry;
- cool-downs (a chat's next send counted from when its last one finished): a key with an expiry, read by PTTL;
- slots (a semaphore across workers, e.g. requests to one model server): a sorted set of leases scored by when
  each expires, taken and renewed by Lua scripts on Redis's clock; if Redis cannot be reached, a slot is granted
  (the per-worker limit still holds) and a warning logged, so a turn never fails on it;
- send windows (at most N sends finished within any window, counted from when each finished, so jitter between
  a worker's slot and Telegram's clock cannot bunch them): a sorted set kept by two Lua scripts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import redis

from bot.coord.local import LocalCoordinator, LockTimeout
from bot.core.events import EventBus
from bot.errors import ShopbotError

log = logging.getLogger(__name__)

PREFIX = "shopbot:"
FEED = PREFIX + "feed"
_BUCKET_LUA = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local s = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = math.min(burst, (tonumber(s[1]) or burst) + (now - (tonumber(s[2]) or now)) * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = (1 - tokens) / rate end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""

# a sliding window of sends: a member per send, scored by when it finished (or, while in flight, by the latest it
# may finish); a new send may start while fewer than `limit` sends finished within the last `window` seconds
_SLOT_LUA = """
local limit, window, busy = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + busy, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil((window + busy) * 1000) + 1000)
  return '0'
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tostring(math.min(math.max(0.002, tonumber(oldest[2]) + window - now), 0.05))
"""
_SLOT_DONE_LUA = """
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], 'XX', tonumber(t[1]) + tonumber(t[2]) / 1000000, ARGV[1])
return 1
"""

# slots: a member per holder, scored by when its lease expires; expired ones are dropped before counting
_SLOT_TAKE_LUA = """
local limit, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local renew = ARGV[4] == '1'
local held = redis.call('ZSCORE', KEYS[1], ARGV[3])
if renew and not held then return 0 end
if not held and redis.call('ZCARD', KEYS[1]) >= limit then return 0 end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
redis.call('PEXPIRE', KEYS[1], math.ceil(ttl * 1000) + 1000)
return 1
"""


class RedisEventBus(EventBus):
    """An EventBus whose events travel through Redis pub/sub, so every worker's subscribers get every event."""

    def __init__(self, client: redis.Redis, channel: str = FEED) -> None:
        super().__init__()
        self._client, self._channel = client, channel
        self._pubsub = client.pubsub(ignore_subscribe_messages=True)
        self._pubsub.subscribe(channel)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="shopbot-redis-feed", daemon=True)
        self._thread.start()

    def publish(self, event: dict[str, Any]) -> None:
        """Send to every worker (this one included, through its listener); locally only if Redis is down."""
        try:
            self._client.publish(self._channel, json.dumps(event, default=str))
        except redis.RedisError as exc:
            log.warning("live feed: Redis publish failed (%s); delivering on this worker only", exc)
            super().publish(event)

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                message = self._pubsub.get_message(timeout=0.5)
            except (redis.RedisError, ValueError) as exc:  # ValueError: closed while waiting
                if self._stop.is_set():
                    return
                log.warning("live feed: Redis subscription lost (%s); reconnecting", exc)
                self._stop.wait(1.0)
                continue
            if message and message.get("type") == "message":
                try:
                    event = json.loads(message["data"])
                except (TypeError, ValueError):
                    continue
                if isinstance(event, dict):
                    super().publish(event)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._pubsub.close()


class RedisCoordinator(LocalCoordinator):
    """The coordinator shared by every worker that points at the same Redis."""

    shared = True

    def __init__(self, url: str) -> None:
        super().__init__()
        self._client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30)
        try:
            self._client.ping()
        except redis.RedisError as exc:
            raise ShopbotError(f"cannot reach Redis at {_redact(url)}: {exc}") from exc
        self._bucket = self._client.register_script(_BUCKET_LUA)
        self._slot = self._client.register_script(_SLOT_LUA)
        self._slot_done = self._client.register_script(_SLOT_DONE_LUA)
        self._slot_take = self._client.register_script(_SLOT_TAKE_LUA)
        self.bus = RedisEventBus(self._client)

    def first_time(self, key: str, *, ttl_s: float = 86400.0) -> bool:
        return bool(self._client.set(PREFIX + "seen:" + key, 1, nx=True, px=max(1, int(ttl_s * 1000))))

    def take(self, bucket: str, *, rate: float, burst: float = 1.0) -> float:
        return float(self._bucket(keys=[PREFIX + "bucket:" + bucket], args=[rate, burst]))

    def start_send(self, window: str, token: str, *, limit: int, window_s: float, busy_s: float = 10.0) -> float:
        args: list[str | int | float] = [
            int(limit),
            float(window_s),
            float(busy_s),
            token,
        ]  # plain numbers: redis-py sends an IntEnum's repr
        return float(self._slot(keys=[PREFIX + "window:" + window], args=args))

    def end_send(self, window: str, token: str) -> None:
        self._slot_done(keys=[PREFIX + "window:" + window], args=[token])

    def slot_acquire(self, name: str, token: str, *, limit: int, ttl_s: float) -> bool:
        try:
            return bool(self._slot_take(keys=[PREFIX + "slots:" + name], args=[int(limit), float(ttl_s), token, 0]))
        except redis.RedisError as exc:
            log.warning(
                "shared slots %r: Redis unreachable (%s); going ahead under this worker's limit only", name, exc
            )
            return True

    def slot_renew(self, name: str, token: str, *, ttl_s: float) -> bool:
        try:
            return bool(self._slot_take(keys=[PREFIX + "slots:" + name], args=[1, float(ttl_s), token, 1]))
        except redis.RedisError as exc:  # away for a moment: the next round (a third of the TTL later) tries again
            log.warning("shared slots %r: could not renew a lease (%s)", name, exc)
            return True

    def slot_release(self, name: str, token: str) -> None:
        try:
            self._client.zrem(PREFIX + "slots:" + name, token)
        except redis.RedisError as exc:  # the lease expires by itself
            log.warning("shared slots %r: could not release (%s); it expires within its TTL", name, exc)

    def cooldown_left(self, key: str) -> float:
        left: int = self._client.pttl(PREFIX + "cool:" + key)  # type: ignore[assignment]  # sync client: an int
        return max(0.0, left / 1000)  # -2 (none) and -1 (no expiry) give 0

    def cool_down(self, key: str, seconds: float) -> None:
        self._client.set(PREFIX + "cool:" + key, 1, px=max(1, int(seconds * 1000)))

    @contextmanager
    def lock(self, name: str, *, ttl_s: float = 60.0, wait_s: float = 60.0) -> Iterator[None]:
        lock = self._client.lock(PREFIX + "lock:" + name, timeout=ttl_s, blocking_timeout=wait_s, thread_local=False)
        if not lock.acquire():
            raise LockTimeout(f"lock {name!r} is still held after {wait_s:.0f}s")
        try:
            yield
        finally:
            try:
                lock.release()
            except redis.exceptions.LockError:
                log.warning("lock %r expired before it was released (a turn outlived its %.0fs TTL)", name, ttl_s)

    @asynccontextmanager
    async def alock(self, name: str, *, ttl_s: float = 60.0, wait_s: float = 60.0) -> AsyncIterator[None]:
        """The lock for asyncio code, kept alive while held: its TTL is renewed every third of `ttl_s`, so a long
        turn keeps it and a worker killed with kill -9 frees it within `ttl_s`."""
        lock = self._client.lock(PREFIX + "lock:" + name, timeout=ttl_s, thread_local=False)
        # tries without blocking, sleeping on the event loop between them: a blocking acquire would hold a pool
        # thread per waiting turn, and with enough waiters the holder could not get a thread to renew or release
        deadline, pause = time.monotonic() + wait_s, 0.005
        while not await asyncio.to_thread(lock.acquire, blocking=False):
            if time.monotonic() >= deadline:
                raise LockTimeout(f"lock {name!r} is still held after {wait_s:.0f}s")
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.1)

        async def keep_alive() -> None:
            while True:
                await asyncio.sleep(ttl_s / 3)
                try:
                    await asyncio.to_thread(lock.reacquire)
                except redis.RedisError as exc:  # LockNotOwnedError included: warned once, not fatal to the turn
                    log.warning("could not renew lock %r (%s)", name, exc)
                    return

        renewer = asyncio.create_task(keep_alive(), name=f"renew:{name}")
        try:
            yield
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer
            try:
                await asyncio.to_thread(lock.release)
            except redis.exceptions.LockError:
                log.warning("lock %r expired before it was released", name)

    def close(self) -> None:
        super().close()
        assert isinstance(self.bus, RedisEventBus)
        self.bus.close()
        self._client.close()


def _redact(url: str) -> str:
    head, sep, tail = url.partition("://")
    if "@" not in tail:
        return url
    creds, _, host = tail.rpartition("@")
    return f"{head}{sep}{creds.split(':', 1)[0]}:***@{host}" if ":" in creds else url
