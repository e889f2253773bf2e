"""After a restart: answer Telegram messages that were received but never answered, or flag them for staff."""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import nullcontext
from datetime import datetime
from typing import TYPE_CHECKING

from telegram import Bot

from bot.channels.telegram.outbox import Outbox
from bot.core.ports import AssistantPort
from bot.domain import Channel, Flag, IncomingMessage

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


def _age_s(created_at: str) -> float:
    try:
        return time.time() - datetime.fromisoformat(created_at.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return float("inf")


async def recover_unanswered(
    services: Services,
    assistant: AssistantPort,
    bot: Bot,
    *,
    outbox: Outbox,
    max_age_s: float = 3600.0,
    skip: set[str] | None = None,
) -> dict[str, int]:
    """Re-answer recent unanswered Telegram messages (once each); flag older ones or ones we cannot reach for staff.

    Messages whose external id is in `skip` are being re-handled from the inbox already.
    """
    store = services.store
    pending = await asyncio.to_thread(store.unanswered)
    counts = {"answered": 0, "flagged": 0}
    for msg in pending:
        conv = await asyncio.to_thread(store.get_conversation, msg["conversation_id"])
        if conv is None or conv["channel"] != Channel.TELEGRAM.value or msg.get("external_id") in (skip or set()):
            continue
        chat_id = conv.get("chat_id")
        if conv.get("mode") == "staff":
            continue  # staff hold it: they see the message in the dashboard
        if not chat_id or _age_s(str(msg.get("created_at", ""))) > max_age_s:
            await asyncio.to_thread(store.flag_conversation, conv["id"], "unanswered")
            counts["flagged"] += 1
            continue
        # The same message id again: the assistant answers the stored, unanswered row (or replays a stored reply),
        # and the outbox sends it once.
        message_id = (msg.get("external_id") or "").removeprefix("telegram:") or f"stored-{msg['id']}"
        # under the chat's lock across workers: an update another worker is handling finishes first (then the
        # stored reply is replayed, not redone)
        held = (
            services.coord.alock(f"tg:chat:{chat_id}", ttl_s=15, wait_s=600) if services.coord.shared else nullcontext()
        )
        async with held:
            reply = await assistant.handle(
                IncomingMessage(
                    msg["text"],
                    channel=Channel.TELEGRAM,
                    customer_id=conv["customer_id"],
                    conversation_id=conv["id"],
                    message_id=message_id,
                )
            )
        if reply.text.strip() and Flag.STAFF_MODE not in reply.flags and await outbox.deliver(bot, int(chat_id), reply):
            counts["answered"] += 1
        await asyncio.to_thread(store.mark_answered, msg["id"])  # also rows stored without a channel id
    if counts["answered"] or counts["flagged"]:
        log.info(
            "after restart: answered %d unanswered Telegram message(s), flagged %d for staff",
            counts["answered"],
            counts["flagged"],
        )
    return counts
