"""Sending: the typing indicator while a reply is produced, and a rendered reply in one or more messages."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
from collections.abc import AsyncIterator, Callable

from telegram import Bot, Message
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError

from bot.channels.telegram.render import PARSE_MODE, render
from bot.domain import Reply
from bot.tombstones import pseudonym

log = logging.getLogger(__name__)
_TAGS = re.compile(r"</?[a-z]+>")


@contextlib.asynccontextmanager
async def typing_indicator(bot: Bot, chat_id: int, *, interval_s: float = 4.0) -> AsyncIterator[None]:
    """Show "typing…" at once and every `interval_s` until the block ends (Telegram shows it for ~5 s)."""

    async def keep_typing() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError as exc:  # a missed indicator is cosmetic
                log.debug("typing indicator for %s failed: %s", pseudonym(chat_id), exc)
            await asyncio.sleep(interval_s)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def send_reply(
    bot: Bot,
    chat_id: int,
    reply: Reply,
    *,
    first_part: int = 0,
    on_part: Callable[[int], None] | None = None,
) -> list[Message]:
    """Send the reply as HTML in order; the keyboard rides on the last part.

    `first_part` skips parts Telegram confirmed before (a resend after a crash); `on_part(i)` is called as
    soon as Telegram confirmed part i.
    """
    rendered = render(reply)
    sent: list[Message] = []
    last = len(rendered.chunks) - 1
    for i, chunk in enumerate(rendered.chunks):
        if i < first_part:
            continue
        markup = rendered.keyboard if i == last else None
        try:
            sent.append(await bot.send_message(chat_id, chunk, parse_mode=PARSE_MODE, reply_markup=markup))
        except BadRequest as exc:
            if "parse" not in str(exc).lower():
                raise
            log.warning("Telegram rejected our HTML (%s); sending plain text", exc)
            sent.append(await bot.send_message(chat_id, html.unescape(_TAGS.sub("", chunk)), reply_markup=markup))
        if on_part is not None:
            on_part(i)
    return sent
