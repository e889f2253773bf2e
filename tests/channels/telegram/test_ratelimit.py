"""The outbound limiter on its own: per-chat spacing, the overall window, 429 pauses."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from telegram.error import RetryAfter, TimedOut

from bot.channels.telegram.ratelimit import ChatRateLimiter


class Recorder:
    """Stands in for PTB's HTTP call: records when it ran, optionally failing first."""

    def __init__(self, failures: list[Exception] | None = None) -> None:
        self.times: list[tuple[float, Any]] = []
        self.failures = failures or []

    async def __call__(self, chat: Any) -> bool:
        self.times.append((time.monotonic(), chat))
        if self.failures:
            raise self.failures.pop(0)
        return True


async def send(limiter: ChatRateLimiter, rec: Recorder, chat: int, endpoint: str = "sendMessage") -> Any:
    return await limiter.process_request(rec, (chat,), {}, endpoint, {"chat_id": chat}, None)


async def test_per_chat_and_overall_limits() -> None:
    limiter, rec = ChatRateLimiter(per_chat_s=0.2, overall_per_s=5), Recorder()
    await asyncio.gather(*(send(limiter, rec, chat) for chat in (1, 1, 1, 2, 3, 4, 5, 6, 7)))
    one = [t for t, c in rec.times if c == 1]
    assert all(b - a >= 0.2 for a, b in zip(one, one[1:]))
    times = sorted(t for t, _ in rec.times)
    assert all(times[i + 5] - times[i] >= 1.0 for i in range(len(times) - 5))


async def test_chat_actions_are_not_spaced_but_429_pauses_everything() -> None:
    limiter, rec = ChatRateLimiter(), Recorder([RetryAfter(1)])
    start = time.monotonic()
    await send(limiter, rec, 1)
    await send(limiter, rec, 1, "sendChatAction")
    assert [round(t - start) for t, _ in rec.times] == [0, 1, 1]
    assert limiter.waits_429 == 1


async def test_a_timed_out_send_is_not_repeated_but_a_chat_action_is() -> None:
    limiter = ChatRateLimiter(backoff_s=0.01)
    with pytest.raises(TimedOut):
        await send(limiter, Recorder([TimedOut()]), 1)
    rec = Recorder([TimedOut()])
    assert await send(limiter, rec, 2, "sendChatAction") is True
    assert len(rec.times) == 2
