"""The Telegram channel's per-chat order and flood limits across two workers sharing one Redis."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path

from bot.channels.telegram.processor import PerChatUpdateProcessor
from bot.channels.telegram.ratelimit import ChatRateLimiter
from bot.coord import open_coordinator
from tests.fakes.telegram_api import fake_telegram


async def test_one_chats_updates_never_overlap_across_workers(redis_url: str) -> None:
    """Two workers' processors get updates of one chat at once: the shared lock runs them one at a time."""
    a, b = open_coordinator(redis_url), open_coordinator(redis_url)
    procs = [PerChatUpdateProcessor(8, coord=a), PerChatUpdateProcessor(8, coord=b)]
    state = {"inside": 0, "overlap": 0, "done": 0}

    async def turn() -> None:
        state["inside"] += 1
        state["overlap"] += state["inside"] > 1
        await asyncio.sleep(0.02)
        state["inside"] -= 1
        state["done"] += 1

    # non-Update objects all map to one chat key ("other"), as one chat's updates would
    await asyncio.gather(*(procs[i % 2].do_process_update(object(), turn()) for i in range(12)))
    assert (state["done"], state["overlap"]) == (12, 0)
    a.close()
    b.close()


async def test_without_redis_two_processors_do_overlap() -> None:
    """The control: in-process coordinators share nothing, so two 'workers' run the same chat at once."""
    procs = [PerChatUpdateProcessor(8, coord=open_coordinator()), PerChatUpdateProcessor(8, coord=open_coordinator())]
    state = {"inside": 0, "overlap": 0}

    async def turn() -> None:
        state["inside"] += 1
        state["overlap"] += state["inside"] > 1
        await asyncio.sleep(0.02)
        state["inside"] -= 1

    await asyncio.gather(*(procs[i % 2].do_process_update(object(), turn()) for i in range(6)))
    assert state["overlap"] > 0


async def test_one_chats_sends_keep_one_per_second_across_workers(redis_url: str) -> None:
    """Two workers' rate limiters sending to one chat: every send at least ~1 s after the previous, whoever sent it."""
    a, b = open_coordinator(redis_url), open_coordinator(redis_url)
    limiters = [ChatRateLimiter(coord=a, margin_s=0.0), ChatRateLimiter(coord=b, margin_s=0.0)]
    chat = f"chat-{uuid.uuid4().hex[:8]}"
    sent: list[float] = []

    async def send() -> bool:
        sent.append(time.monotonic())
        return True

    await asyncio.gather(
        *(limiters[i % 2].process_request(send, (), {}, "sendMessage", {"chat_id": chat}, None) for i in range(4))
    )
    gaps = [later - earlier for earlier, later in zip(sorted(sent), sorted(sent)[1:], strict=False)]
    assert len(sent) == 4 and min(gaps) >= 0.9, gaps
    a.close()
    b.close()


async def test_a_chats_older_update_held_by_another_worker_runs_first(redis_url: str, tmp_path: Path) -> None:
    """Worker A stored update 1 of a chat but has not run it yet; worker B gets update 2 of the same chat and runs
    update 1 first (from the shared inbox), then its own; when A comes to update 1 it is done and skipped."""
    from telegram import Update
    from telegram.ext import ApplicationBuilder, MessageHandler, filters

    from bot.channels.telegram.inbox import store_updates
    from bot.store import Store

    store = Store(str(tmp_path / "shop.db"))
    ran: list[int] = []

    async def handler(update: Update, _context: object) -> None:
        ran.append(update.update_id)

    with fake_telegram() as fake:
        app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
        app.add_handler(MessageHandler(filters.ALL, handler))
        u1, u2 = (Update.de_json(fake.message_update(42, f"message {n}", update_id=n), app.bot) for n in (1, 2))
        await store_updates(store, [u1, u2])  # both acknowledged to Telegram: A holds 1, B holds 2
        a, b = open_coordinator(redis_url), open_coordinator(redis_url)
        proc_a, proc_b = (PerChatUpdateProcessor(8, store=store, coord=c) for c in (a, b))
        proc_a.application = proc_b.application = app
        async with app:
            await proc_b.do_process_update(u2, app.process_update(u2))
            await proc_a.do_process_update(u1, app.process_update(u1))
    assert ran == [1, 2]
    assert store.inbox_state(1) == store.inbox_state(2) == "done"
    a.close()
    b.close()
    store.close()
