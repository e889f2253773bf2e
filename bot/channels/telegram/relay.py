"""Deliver staff messages written in the web dashboard to the shopper's Telegram chat."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.channels.telegram import texts
from bot.channels.telegram.render import MAX_CHARS, split_escaped
from bot.core.events import EventBus

log = logging.getLogger(__name__)


async def relay_staff_messages(bus: EventBus, bot: Bot, *, ready: asyncio.Event | None = None) -> None:
    """Forever: for each {"type": "staff_message", "channel": "telegram", "chat_id", "text"} event, send the text there."""
    async with bus.subscribe() as queue:
        if ready is not None:
            ready.set()
        while True:
            event = await queue.get()
            if event.get("type") != "staff_message" or event.get("channel") != "telegram" or not event.get("chat_id"):
                continue
            header = texts.STAFF_PREFIX.format(author=html.escape(str(event.get("author") or "Staff")))
            try:
                for i, chunk in enumerate(split_escaped(str(event.get("text", "")), limit=MAX_CHARS - 96)):
                    await bot.send_message(int(event["chat_id"]), (header if i == 0 else "") + chunk, parse_mode="HTML")
            except (TelegramError, ValueError) as exc:
                log.error("could not deliver a staff message to Telegram chat %s: %s", event.get("chat_id"), exc)
