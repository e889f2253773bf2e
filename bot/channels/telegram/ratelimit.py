"""Outbound limits for the Bot API: 1 message/s per chat, 30/s overall, 429 retry_after and network retries."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.constants import FloodLimit
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.coord import LocalCoordinator

log = logging.getLogger(__name__)

# Methods that put a message in a chat: these count against Telegram's flood limits.
LIMITED = frozenset(
    {
        "sendMessage",
        "editMessageText",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "sendSticker",
        "sendVoice",
        "copyMessage",
        "forwardMessage",
    }
)
# Safe to repeat after a timeout (a repeat cannot show the shopper anything twice).
IDEMPOTENT = frozenset(
    {"sendChatAction", "answerCallbackQuery", "getMe", "setMyCommands", "deleteWebhook", "setWebhook", "getWebhookInfo"}
)


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds, whatever PTB's timedelta setting."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class ChatRateLimiter(BaseRateLimiter[None]):
    """PTB rate limiter: spaces messages per chat and overall, waits out 429s, retries network errors with backoff."""

    def __init__(
        self,
        *,
        per_chat_s: float = 1.0 / FloodLimit.MESSAGES_PER_SECOND_PER_CHAT,
        overall_per_s: int = FloodLimit.MESSAGES_PER_SECOND,
        margin_s: float = 0.02,
        max_retries: int = 4,
        backoff_s: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
        coord: LocalCoordinator | None = None,
    ) -> None:
        self.coord = coord if coord is not None and coord.shared else None  # several workers: buckets shared through it
        self.per_chat_s = per_chat_s + margin_s
        self.overall_per_s = overall_per_s
        self.window_s = 1.0 + margin_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self._clock = clock
        self._chat_next: dict[str, float] = {}
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._recent: deque[_Slot] = deque()
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
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Wait for a free slot, send, and retry on 429 or a network failure."""
        attempt = 0
        while True:
            await self._wait_pause()
            try:
                if endpoint in LIMITED:
                    return await self._limited(callback, args, kwargs, str(data.get("chat_id")))
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
                await asyncio.sleep(self.backoff_s * 2**attempt)
            except NetworkError as exc:
                if attempt >= self.max_retries:
                    raise
                log.warning("network error on %s (%s); retrying", endpoint, exc)
                await asyncio.sleep(self.backoff_s * 2**attempt)
            attempt += 1
            self.retries += 1

    async def _limited(
        self, callback: Callable[..., Coroutine[Any, Any, Any]], args: Any, kwargs: dict[str, Any], chat: str
    ) -> Any:
        """Send while holding the chat's turn; spacing counts from when the previous request finished.

        Counting from the end rather than the start means network jitter can never squeeze two
        messages closer together than the limit when they reach Telegram.
        """
        lock = self._chat_locks.setdefault(chat, asyncio.Lock())
        async with lock:
            delay = self._chat_next.get(chat, 0.0) - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            if self.coord is not None:  # the budgets every worker spends together
                # the chat's spacing counts from when its last send finished, whichever worker sent it
                while (left := await asyncio.to_thread(self.coord.cooldown_left, f"tg:chat:{chat}")) > 0:
                    await asyncio.sleep(left)
                await self.coord.wait_token(f"tg:chat:{chat}", rate=1.0 / self.per_chat_s)
                token = uuid.uuid4().hex  # overall: a place among the last 30 sends of every worker, as below
                while (wait := await asyncio.to_thread(self._start_shared_send, token)) > 0:
                    await asyncio.sleep(wait)
            slot = await self._take_global_slot()
            try:
                await self._wait_pause()  # a 429 may have come in while this one waited for its slot
                return await callback(*args, **kwargs)
            finally:
                slot.done_at = self._clock()
                self._chat_next[chat] = slot.done_at + self.per_chat_s
                if self.coord is not None:
                    await asyncio.to_thread(self._end_shared_send, token, chat)

    def _start_shared_send(self, token: str) -> float:
        assert self.coord is not None
        return self.coord.start_send("tg:global", token, limit=self.overall_per_s, window_s=self.window_s)

    def _end_shared_send(self, token: str, chat: str) -> None:
        assert self.coord is not None
        self.coord.end_send("tg:global", token)
        self.coord.cool_down(f"tg:chat:{chat}", self.per_chat_s)

    async def _take_global_slot(self) -> _Slot:
        """A place among the last `overall_per_s` sends, the oldest of which finished at least a window ago."""
        async with self._global:
            while len(self._recent) >= self.overall_per_s:
                oldest = self._recent[0].done_at
                if oldest is None:
                    await asyncio.sleep(0.005)  # still in flight
                elif (delay := oldest + self.window_s - self._clock()) > 0:
                    await asyncio.sleep(delay)
                else:
                    self._recent.popleft()
            slot = _Slot()
            self._recent.append(slot)
            return slot

    async def _wait_pause(self) -> None:
        while (delay := self._paused_until - self._clock()) > 0:
            await asyncio.sleep(delay)


class _Slot:
    """One limited request: when it finished (None while in flight)."""

    __slots__ = ("done_at",)

    def __init__(self) -> None:
        self.done_at: float | None = None
