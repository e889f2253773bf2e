"""The Telegram outbox: a stored reply is sent, then marked delivered; after a restart, unsent replies go out once.

Delivery guarantee (Telegram's Bot API has no idempotency key and no way to read back what a bot sent):
- a stored reply is never lost: it stays in the outbox until Telegram confirmed every part;
- a confirmed reply or part is never sent again: each confirmation is appended to the delivery journal
  the moment Telegram answers (bot.store.journal), before anything else runs;
- the one case left is a send that was in flight when the process was killed: Telegram may have accepted
  it without our hearing back. Such a reply is marked `send_interrupted_at` at restart and sent again
  from its first unconfirmed part, so the shopper may see that one message twice: at most one duplicate
  message per send in flight at the crash. (Not resending would turn the same uncertainty into a lost reply.)
With several workers (Redis) a reply's send holds a lock shared by all of them, and the delivered mark is read
under it, so a worker that restarts and flushes the outbox never sends a reply another worker is sending.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, nullcontext
from functools import partial

from telegram import Bot

from bot.channels.telegram.delivery import send_reply
from bot.coord import LocalCoordinator
from bot.domain import Channel, Reply, flags_from, intent_from
from bot.store import Store
from bot.tombstones import pseudonym

log = logging.getLogger(__name__)


class Outbox:
    """Sends stored replies at most once per process and marks them delivered."""

    def __init__(self, store: Store, *, coord: LocalCoordinator | None = None) -> None:
        self.store = store
        self.coord = coord if coord is not None and coord.shared else None  # several workers: one sender per reply
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}  # tasks holding or waiting for each lock (a lock is dropped when none are)
        # its own thread: the mark must not wait behind turns in the default pool (see Store.mark_delivered)
        self._marker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox")

    async def deliver(self, bot: Bot, chat_id: int, reply: Reply) -> bool:
        """Send `reply` unless it was delivered already; True if it was sent now."""
        mid = reply.message_id
        if mid is None:  # nothing stored (e.g. a canned notice): just send
            await send_reply(bot, chat_id, reply)
            return True
        lock = self._locks.setdefault(mid, asyncio.Lock())
        self._users[mid] = self._users.get(mid, 0) + 1
        try:
            async with lock, self._across_workers(mid):
                row = await asyncio.to_thread(self.store.get_message, mid)
                if row is None or row.get("delivered_at"):
                    return False
                self.store.journal.note_sending(mid)  # the journal notes are appends on this thread: microseconds
                first = int(row.get("sent_parts") or 0)  # parts confirmed before a crash are not sent again
                await send_reply(
                    bot, chat_id, reply, first_part=first, on_part=partial(self.store.journal.note_part_sent, mid)
                )
                self.store.journal.note_delivered(mid)
                await asyncio.get_running_loop().run_in_executor(self._marker, self.store.mark_delivered, mid)
                return True
        finally:
            self._users[mid] -= 1
            if not self._users[mid]:
                del self._users[mid]
                self._locks.pop(mid, None)

    def _across_workers(self, mid: int) -> AbstractAsyncContextManager[None]:
        return self.coord.alock(f"tg:out:{mid}", ttl_s=15, wait_s=300) if self.coord else nullcontext()

    def close(self) -> None:
        """Release the marking thread."""
        self._marker.shutdown(wait=True)

    async def flush(self, bot: Bot) -> int:
        """Send every stored Telegram reply that was never confirmed delivered (after a crash); returns how many."""
        journal = await asyncio.to_thread(self.store.apply_delivery_journal, crashed=True)
        if journal["interrupted"]:
            log.warning(
                "%d Telegram repl%s were being sent when the process stopped; sending again (Telegram cannot say "
                "whether the shopper got them, so each may show twice)",
                journal["interrupted"],
                "y" if journal["interrupted"] == 1 else "ies",
            )
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
                log.exception("could not deliver stored reply %s to chat %s", row["id"], pseudonym(row["chat_id"]))
        if sent:
            log.info(
                "after restart: sent %d stored Telegram repl%s that had not been delivered",
                sent,
                "y" if sent == 1 else "ies",
            )
        return sent
