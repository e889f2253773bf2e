"""Concurrency for updates: many chats at once, one update at a time within a chat, in arrival order (across
workers too: with Redis the chat's lock is shared, and its holder runs the chat's older stored updates first).

With a store, the processor also closes the inbox loop: an update already handled (redelivered by
Telegram, or re-fed after a restart) is skipped, and a handled update is marked done.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager, nullcontext
from typing import Any

from telegram import Update
from telegram.ext import Application, BaseUpdateProcessor

from bot.coord import LocalCoordinator
from bot.store import Store

log = logging.getLogger(__name__)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """PTB update processor: concurrent across chats, serial (FIFO) per chat."""

    def __init__(
        self, max_concurrent_updates: int = 256, *, store: Store | None = None, coord: LocalCoordinator | None = None
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.store = store
        self.coord = (
            coord if coord is not None and coord.shared else None
        )  # several workers: a lock per chat across them
        self.application: Application[Any, Any, Any, Any, Any, Any] | None = None  # set by the runner once built
        self._locks: dict[int | str, asyncio.Lock] = {}
        self._waiting: dict[int | str, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Await the handler coroutine while holding the chat's lock."""
        key = _chat_key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._across_workers(key):
                store = self.store if isinstance(update, Update) else None  # other objects are not in the inbox
                update_id = update.update_id if isinstance(update, Update) else -1
                if store is not None and await asyncio.to_thread(store.inbox_state, update_id) == "done":
                    if inspect.iscoroutine(coroutine):
                        coroutine.close()  # handled before (a redelivery or a re-fed copy): never answer twice
                    log.info("update %s was handled already; skipped", update_id)
                    return
                if store is not None and self.coord is not None:
                    await self._older_first(store, key, update_id)
                await coroutine
                if store is not None:
                    await asyncio.to_thread(store.inbox_done, update_id)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle chats so the dict does not grow forever
                del self._waiting[key]
                self._locks.pop(key, None)

    async def _older_first(self, store: Store, key: int | str, update_id: int) -> None:
        """Several workers: this chat's stored updates older than ours that another worker holds (or held, before
        it died) are run here first, under the chat's lock, so a chat's turns follow Telegram's order whichever
        worker took each update; the worker holding one skips it later (it is done)."""
        if self.application is None:
            return
        for row in await asyncio.to_thread(store.inbox_pending, chat_id=str(key), before=update_id):
            try:
                older = Update.de_json(json.loads(row["payload"]), self.application.bot)
            except (TypeError, ValueError, KeyError):
                continue  # undecodable: restart recovery drops it with a warning
            log.info("update %s of this chat came before %s; handling it first", older.update_id, update_id)
            await self.application.process_update(older)
            await asyncio.to_thread(store.inbox_done, older.update_id)

    def _across_workers(self, key: int | str) -> AbstractAsyncContextManager[None]:
        """The chat's lock shared by every worker (Redis); none with one worker. Renewed while the update runs, so a
        worker killed mid-turn holds its chats for at most the 15 s TTL."""
        return self.coord.alock(f"tg:chat:{key}", ttl_s=15, wait_s=600) if self.coord else nullcontext()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_key(update: object) -> int | str:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return f"user:{update.effective_user.id}"
    return "other"
