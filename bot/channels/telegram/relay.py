"""Deliver staff messages written in the web dashboard to the shopper's Telegram chat."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import TelegramError

from bot.channels.telegram import texts
from bot.channels.telegram.render import MAX_CHARS, split_escaped
from bot.core.events import EventBus
from bot.tombstones import pseudonym

log = logging.getLogger(__name__)


async def relay_staff_messages(bus: EventBus, bot: Bot, *, ready: asyncio.Event | None = None) -> None:
    """Forever: send each Telegram staff message ({"type": "staff_message", "chat_id", "text"}) to its chat, and ask
    for a rating when a Telegram conversation is resolved ({"type": "csat_request"})."""
    async with bus.subscribe() as queue:
        if ready is not None:
            ready.set()
        while True:
            event = await queue.get()
            if event.get("channel") != "telegram" or not event.get("chat_id"):
                continue
            if event.get("type") == "csat_request":
                await _ask_rating(bot, event)
                continue
            if event.get("type") != "staff_message":
                continue
            header = texts.STAFF_PREFIX.format(author=html.escape(str(event.get("author") or "Staff")))
            try:
                for i, chunk in enumerate(split_escaped(str(event.get("text", "")), limit=MAX_CHARS - 96)):
                    await bot.send_message(int(event["chat_id"]), (header if i == 0 else "") + chunk, parse_mode="HTML")
            except (TelegramError, ValueError) as exc:
                log.error(
                    "could not deliver a staff message to Telegram chat %s: %s", pseudonym(event.get("chat_id")), exc
                )


async def _ask_rating(bot: Bot, event: dict[str, object]) -> None:
    """The one 1-5 rating question after staff resolved the conversation, as an inline keyboard."""
    conv_id = str(event.get("conversation_id") or "")
    if not conv_id or len(f"r:5:{conv_id}".encode()) > 64:  # Telegram's callback_data limit
        return
    buttons = [InlineKeyboardButton(f"{n} ⭐", callback_data=f"r:{n}:{conv_id}") for n in range(1, 6)]
    try:
        await bot.send_message(
            int(str(event["chat_id"])), texts.CSAT_QUESTION, reply_markup=InlineKeyboardMarkup([buttons])
        )
    except (TelegramError, ValueError) as exc:
        log.error("could not ask Telegram chat %s for a rating: %s", pseudonym(event.get("chat_id")), exc)
