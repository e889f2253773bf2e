"""The Telegram outbox: a stored reply is sent, then marked delivered; after a restart, unsent replies go out once.

A reply becomes "delivered" only after Telegram accepted every part of it. A crash between Telegram's
answer and our mark is the one window in which a reply can be sent twice (Telegram has no idempotency key);
it is milliseconds wide, against the whole turn in which a reply was lost before.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from telegram import Bot

from bot.channels.telegram.delivery import send_reply
from bot.domain import Channel, Reply, flags_from, intent_from
from bot.store import Store

log = logging.getLogger(__name__)


class Outbox:
    """Sends stored replies at most once per process and marks them delivered."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._locks: dict[int, asyncio.Lock] = {}
        # its own thread: the mark must not wait behind turns in the default pool (see Store.mark_delivered)
        self._marker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox")

    async def deliver(self, bot: Bot, chat_id: int, reply: Reply) -> bool:
        """Send `reply` unless it was delivered already; True if it was sent now."""
        mid = reply.message_id
        if mid is None:  # nothing stored (e.g. a canned notice): just send
            await send_reply(bot, chat_id, reply)
            return True
        lock = self._locks.setdefault(mid, asyncio.Lock())
        try:
            async with lock:
                row = await asyncio.to_thread(self.store.get_message, mid)
                if row is None or row.get("delivered_at"):
                    return False
                await send_reply(bot, chat_id, reply)
                self.store.note_delivered(mid)  # at once, on this thread: a few microseconds (see Store.note_delivered)
                await asyncio.get_running_loop().run_in_executor(self._marker, self.store.mark_delivered, mid)
                return True
        finally:
            if not lock.locked():
                self._locks.pop(mid, None)

    def close(self) -> None:
        """Release the marking thread."""
        self._marker.shutdown(wait=True)

    async def flush(self, bot: Bot) -> int:
        """Send every stored Telegram reply that was never confirmed delivered (after a crash); returns how many."""
        await asyncio.to_thread(self.store.apply_delivery_journal)  # deliveries noted just before a crash
        rows = await asyncio.to_thread(self.store.undelivered, Channel.TELEGRAM.value)
        sent = 0
        for row in rows:
            if not row.get("chat_id") or not str(row.get("text") or "").strip():
                await asyncio.to_thread(self.store.mark_delivered, int(row["id"]))
                continue
            reply = Reply(
                text=row["text"],
                sources=row.get("sources") or [],
                flags=flags_from(row.get("flags")),
                intent=intent_from(row.get("intent")),
                conversation_id=row["conversation_id"],
                message_id=int(row["id"]),
            )
            try:
                sent += await self.deliver(bot, int(row["chat_id"]), reply)
            except Exception:  # one undeliverable reply must not block the rest
                log.exception("could not deliver stored reply %s to chat %s", row["id"], row["chat_id"])
        if sent:
            log.info(
                "after restart: sent %d stored Telegram repl%s that had not been delivered",
                sent,
                "y" if sent == 1 else "ies",
            )
        return sent
