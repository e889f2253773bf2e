"""Outbound limits for the Bot API: 1 message/s per chat, 30/s overall, 429 retry_after and network retries."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Methods that put a message in a chat: these count against Telegram's flood limits.
LIMITED = frozenset({
    "sendMessage", "editMessageText", "sendPhoto", "sendDocument", "sendMediaGroup", "sendSticker", "sendVoice", "copyMessage", "forwardMessage",
})
# Safe to repeat after a timeout (a repeat cannot show the shopper anything twice).
IDEMPOTENT = frozenset({"sendChatAction", "answerCallbackQuery", "getMe", "setMyCommands", "deleteWebhook", "setWebhook", "getWebhookInfo"})


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds, whatever PTB's timedelta setting."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class ChatRateLimiter(BaseRateLimiter[None]):
    """PTB rate limiter: spaces messages per chat and overall, waits out 429s, retries network errors with backoff."""

    def __init__(self, *, per_chat_s: float = 1.0, overall_per_s: int = 30, margin_s: float = 0.02,
                 max_retries: int = 4, backoff_s: float = 0.5, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_chat_s = per_chat_s + margin_s
        self.overall_per_s = overall_per_s
        self.window_s = 1.0 + margin_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self._clock = clock
        self._chat_next: dict[str, float] = {}
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._recent: deque[float] = deque()
        self._global = asyncio.Lock()
        self._paused_until = 0.0
        self.retries = 0
        self.waits_429 = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]] | None]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]] | None:
        """Wait for a free slot, send, and retry on 429 or a network failure."""
        attempt = 0
        while True:
            await self._wait_pause()
            if endpoint in LIMITED:
                await self._take_slot(str(data.get("chat_id")))
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                self.waits_429 += 1
                self._paused_until = max(self._paused_until, self._clock() + wait)
                log.warning("Telegram asked us to wait %.1fs (%s); pausing all sends", wait, endpoint)
                if attempt >= self.max_retries:
                    raise
            except TimedOut:
                if endpoint not in IDEMPOTENT or attempt >= self.max_retries:
                    raise  # the message may have arrived: sending it again could show it twice
                await self._backoff(endpoint, attempt)
            except NetworkError as exc:
                if attempt >= self.max_retries:
                    raise
                log.warning("network error on %s (%s); retrying", endpoint, exc)
                await self._backoff(endpoint, attempt)
            attempt += 1
            self.retries += 1

    async def _backoff(self, endpoint: str, attempt: int) -> None:
        await asyncio.sleep(self.backoff_s * 2**attempt)

    async def _wait_pause(self) -> None:
        while (delay := self._paused_until - self._clock()) > 0:
            await asyncio.sleep(delay)

    async def _take_slot(self, chat: str) -> None:
        """Reserve the next send time for this chat, then a place in the overall one-second window."""
        lock = self._chat_locks.setdefault(chat, asyncio.Lock())
        async with lock:
            delay = self._chat_next.get(chat, 0.0) - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            async with self._global:
                while len(self._recent) >= self.overall_per_s:
                    delay = self._recent[0] + self.window_s - self._clock()
                    if delay <= 0:
                        self._recent.popleft()
                        continue
                    await asyncio.sleep(delay)
                now = self._clock()
                self._recent.append(now)
            self._chat_next[chat] = now + self.per_chat_s
