"""The Telegram inbox: every update is stored the moment it is fetched, before Telegram is told we have it.

PTB's Updater acknowledges updates implicitly: the *next* getUpdates call passes `offset = last + 1`.
`InboxBot.get_updates` writes the fetched updates to the store before it returns them, so the offset can
only advance past updates that are on disk. In webhook mode the endpoint stores the update before it
answers 200. After a crash, `pending_updates` gives back whatever was stored but not handled.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Bot, Update
from telegram.ext import ExtBot

from bot.store import Store

log = logging.getLogger(__name__)


def inbox_row(update: Update) -> tuple[int, str | None, str]:
    """(update_id, chat_id, JSON payload) of one update."""
    chat = update.effective_chat
    user = update.effective_user
    chat_id = str(chat.id) if chat is not None else (str(user.id) if user is not None else None)
    return update.update_id, chat_id, json.dumps(update.to_dict(), ensure_ascii=False)


async def store_updates(store: Store, updates: list[Update] | tuple[Update, ...]) -> None:
    """Persist updates (idempotent: a redelivered update is stored once)."""
    if updates:
        await asyncio.to_thread(store.inbox_put, [inbox_row(u) for u in updates])


class InboxBot(ExtBot[Any]):
    """An ExtBot that stores every update it fetches before handing it to PTB's Updater."""

    def __init__(self, *args: Any, store: Store, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._inbox_store = store

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        """Fetch, then store, then return: an error while storing re-fetches the same updates (nothing acknowledged)."""
        updates = await super().get_updates(*args, **kwargs)
        await store_updates(self._inbox_store, updates)
        return updates


async def pending_updates(store: Store, bot: Bot) -> list[Update]:
    """Updates stored before a crash and never handled, oldest first (undecodable ones are dropped with a warning)."""
    rows = await asyncio.to_thread(store.inbox_pending)
    out = []
    for row in rows:
        try:
            out.append(Update.de_json(json.loads(row["payload"]), bot))
        except (TypeError, ValueError, KeyError) as exc:
            log.warning("dropping stored Telegram update %s: cannot decode it (%s)", row["update_id"], exc)
            await asyncio.to_thread(store.inbox_done, int(row["update_id"]))
    return out
