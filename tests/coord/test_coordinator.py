"""Coordination between workers, in process and through a real Redis server: two coordinators stand for two
workers (with Redis they share nothing but the server; in process they are one object, as one worker is)."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Iterator

import pytest

from bot.coord import LocalCoordinator, open_coordinator
from bot.coord.local import LockTimeout
from bot.errors import ShopbotError


@pytest.fixture(params=["local", "redis"])
def workers(request: pytest.FixtureRequest) -> Iterator[tuple[LocalCoordinator, LocalCoordinator]]:
    if request.param == "local":
        one = LocalCoordinator()
        yield one, one
        return
    url = request.getfixturevalue("redis_url")
    a, b = open_coordinator(url), open_coordinator(url)
    yield a, b
    a.close()
    b.close()


def key() -> str:
    return uuid.uuid4().hex


def test_an_update_id_is_handled_once_whichever_worker_sees_it(
    workers: tuple[LocalCoordinator, LocalCoordinator],
) -> None:
    a, b = workers
    k = key()
    assert a.first_time(f"tg:{k}") is True
    assert b.first_time(f"tg:{k}") is False
    assert a.first_time(f"tg:{k}") is False
    assert b.first_time(f"tg:{k}-other") is True


def test_a_seen_key_expires(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    a, b = workers
    k = key()
    assert a.first_time(k, ttl_s=0.2)
    time.sleep(0.3)
    assert b.first_time(k, ttl_s=0.2)


def test_rate_limit_buckets_are_shared(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    """A 1/s per-chat bucket with a burst of 2: the third message waits, whichever worker sends it."""
    a, b = workers
    bucket = f"tg:chat:{key()}"
    assert a.take(bucket, rate=1.0, burst=2) == 0.0
    assert b.take(bucket, rate=1.0, burst=2) == 0.0
    wait = a.take(bucket, rate=1.0, burst=2)
    assert 0.5 < wait <= 1.0
    assert b.take(bucket, rate=1.0, burst=2) > 0.0  # a refused take spends nothing
    time.sleep(wait + 0.05)
    assert b.take(bucket, rate=1.0, burst=2) == 0.0


def test_a_global_bucket_holds_its_rate_across_workers(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    """30/s overall: two workers sending as fast as the bucket allows for ~1 s send about 30 + burst, not 60."""
    a, b = workers
    bucket = f"tg:global:{key()}"
    sent = [0, 0]

    def send(i: int, coord: LocalCoordinator) -> None:
        end = time.monotonic() + 1.0
        while time.monotonic() < end:
            wait = coord.take(bucket, rate=30.0, burst=5)
            if wait == 0.0:
                sent[i] += 1
            else:
                time.sleep(min(wait, 0.01))

    threads = [threading.Thread(target=send, args=(i, c)) for i, c in enumerate((a, b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 25 <= sum(sent) <= 5 + 30 * 1.2, sent


def test_a_conversation_lock_keeps_turns_in_order_across_workers(
    workers: tuple[LocalCoordinator, LocalCoordinator],
) -> None:
    """Read-modify-write under the lock from two workers: no update is lost, no two holders overlap."""
    a, b = workers
    name = f"conv:{key()}"
    state = {"n": 0, "inside": 0, "overlap": 0}

    def turns(coord: LocalCoordinator) -> None:
        for _ in range(30):
            with coord.lock(name, ttl_s=10, wait_s=10):
                state["inside"] += 1
                state["overlap"] += state["inside"] > 1
                n = state["n"]
                time.sleep(0.001)
                state["n"] = n + 1
                state["inside"] -= 1

    threads = [threading.Thread(target=turns, args=(c,)) for c in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (state["n"], state["overlap"]) == (60, 0)


def test_a_held_lock_times_out_with_a_clear_error(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    a, b = workers
    name = f"conv:{key()}"
    got: list[BaseException] = []

    def other() -> None:
        try:
            with b.lock(name, wait_s=0.3):
                pass
        except LockTimeout as exc:
            got.append(exc)

    with a.lock(name, ttl_s=10):
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert got and "still held" in str(got[0])


async def test_the_live_feed_reaches_every_worker(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    """Staff on worker B see the message that arrived on worker A."""
    a, b = workers
    tag = key()
    async with b.bus.subscribe() as queue_b, a.bus.subscribe() as queue_a:
        await asyncio.sleep(0.1)
        a.bus.publish({"type": "message", "conversation_id": tag, "text": "hello"})
        got_b = await asyncio.wait_for(queue_b.get(), timeout=5)
        got_a = await asyncio.wait_for(queue_a.get(), timeout=5)
    assert got_b == got_a == {"type": "message", "conversation_id": tag, "text": "hello"}
    assert queue_a.empty() and queue_b.empty()  # each subscriber got it once


def test_redis_lock_is_freed_when_its_holder_dies(redis_url: str) -> None:
    """A worker killed mid-turn (its lock never released) blocks that chat only until the lock's TTL."""
    dead, alive = open_coordinator(redis_url), open_coordinator(redis_url)
    name = f"conv:{key()}"
    held = dead.lock(name, ttl_s=0.5)
    held.__enter__()  # never exited: the holder "dies"
    started = time.monotonic()
    with alive.lock(name, wait_s=5):
        waited = time.monotonic() - started
    assert 0.2 < waited < 2.0
    dead.close()
    alive.close()


def test_unreachable_redis_is_a_one_line_error() -> None:
    with pytest.raises(ShopbotError, match=r"cannot reach Redis at redis://u:\*\*\*@127\.0\.0\.1:1/0") as info:
        open_coordinator("redis://u:secret@127.0.0.1:1/0")
    assert "secret" not in str(info.value) and "\n" not in str(info.value)


def test_a_cool_down_started_on_one_worker_holds_on_the_other(
    workers: tuple[LocalCoordinator, LocalCoordinator],
) -> None:
    """A chat's next Telegram send waits for the cool-down its last send started, whichever worker sent it."""
    a, b = workers
    k = f"tg:chat:{key()}"
    assert b.cooldown_left(k) == 0.0
    a.cool_down(k, 30.0)
    assert 0.0 < b.cooldown_left(k) <= 30.0
    assert a.cooldown_left(f"tg:chat:{key()}") == 0.0


def test_a_send_window_holds_its_limit_across_workers(workers: tuple[LocalCoordinator, LocalCoordinator]) -> None:
    """At most 3 sends in any 30 s, whichever worker sends: in-flight sends count, finished ones count until the
    window has passed since they finished."""
    a, b = workers
    window = f"tg:global:{key()}"
    assert a.start_send(window, "s1", limit=3, window_s=30) == 0.0
    assert b.start_send(window, "s2", limit=3, window_s=30) == 0.0
    a.end_send(window, "s1")
    assert b.start_send(window, "s3", limit=3, window_s=30) == 0.0
    assert a.start_send(window, "s4", limit=3, window_s=30) > 0.0  # full: s1 finished just now, s2 and s3 in flight
    assert b.start_send(f"tg:global:{key()}", "s5", limit=3, window_s=30) == 0.0  # another window is its own
