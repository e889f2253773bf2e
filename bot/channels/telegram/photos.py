"""A shopper's photo on Telegram: fetched with getFile, checked by its bytes, stored for staff (bot/attachments.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from telegram import Message
from telegram.error import TelegramError

from bot.attachments import AttachmentError
from bot.channels.telegram import texts

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)


async def receive_photo(
    services: Services, message: Message, open_conversation: Callable[[], str], *, update_id: int
) -> str:
    """Download the largest size of the photo, store it in the conversation, and say what happened.

    The conversation is opened only once the photo is in hand, so a photo that cannot be fetched leaves no trace.
    """
    largest = max(message.photo, key=lambda p: (p.file_size or 0, p.width * p.height))
    limit = services.settings.attachment_max_bytes
    if largest.file_size and largest.file_size > limit:
        return texts.PHOTO_REFUSED.format(reason=f"it is larger than {limit / 1e6:.1f} MB")
    try:
        file = await largest.get_file()
        if file.file_size and file.file_size > limit:
            return texts.PHOTO_REFUSED.format(reason=f"it is larger than {limit / 1e6:.1f} MB")
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("update %s: could not fetch the photo: %s", update_id, exc)
        return texts.PHOTO_FAILED
    conversation_id = await asyncio.to_thread(open_conversation)
    conv = await asyncio.to_thread(services.store.get_conversation, conversation_id)
    if conv is None:
        return texts.PHOTO_FAILED
    try:
        stored = await asyncio.to_thread(
            services.receive_attachment,
            conv,
            data,
            declared=None,  # Telegram re-encodes photos; the bytes say what they are
            caption=(message.caption or "")[:200],
            external_id=str(update_id),
        )
    except AttachmentError as exc:
        log.info("update %s: photo refused: %s", update_id, exc)
        return texts.PHOTO_REFUSED.format(reason=str(exc))
    log.info("update %s: stored photo %s (%d bytes)", update_id, stored.get("id"), len(data))
    return texts.PHOTO_RECEIVED
