"""Turns that outlive their HTTP request: a browser that disconnects mid-reply does not cancel the turn.

The turn runs as its own task; the request only listens to it. When the client goes away, Starlette
cancels the request, not the task, so the reply is still composed, stored and published (the chat page
shows it when the shopper comes back, and a retry with the same message id gets it). On shutdown the
server waits for turns still running.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

from bot.domain import Channel, IncomingMessage, Reply

log = logging.getLogger(__name__)
_DONE = object()


class DetachedTurns:
    """Runs assistant turns in tasks that a disconnecting client cannot cancel."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def _keep(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(self, assistant: Any, msg: IncomingMessage) -> Reply:
        """One turn; if the caller is cancelled the turn still finishes."""
        task: asyncio.Task[Reply] = asyncio.create_task(assistant.handle(msg), name=f"turn:{msg.message_id}")
        self._keep(task)
        return await asyncio.shield(task)

    async def stream(self, assistant: Any, msg: IncomingMessage) -> AsyncIterator[dict[str, Any]]:
        """The turn's events; closing this iterator (client gone) leaves the turn running to the end."""
        queue: asyncio.Queue[Any] = asyncio.Queue()

        async def run() -> None:
            try:
                async for event in assistant.stream(msg):
                    queue.put_nowait(event)
            except BaseException as exc:  # handed to the listener, if one is still there
                queue.put_nowait(exc)
                if not isinstance(exc, Exception):
                    raise
            finally:
                queue.put_nowait(_DONE)

        task = asyncio.create_task(run(), name=f"turn:{msg.message_id}")
        self._keep(task)
        try:
            while (item := await queue.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            if not task.done():
                log.info("client left during turn %s; finishing it in the background", msg.message_id or "?")

    @property
    def running(self) -> int:
        """Turns still in progress."""
        return len(self._tasks)

    async def drain(self, *, timeout_s: float = 30.0) -> None:
        """Wait (bounded) for running turns, e.g. at shutdown."""
        if self._tasks:
            log.info("waiting for %d turn(s) to finish", len(self._tasks))
            await asyncio.wait(set(self._tasks), timeout=timeout_s)


TURNS = DetachedTurns()


async def recover_unanswered(services: Any, *, max_age_s: float = 3600.0) -> dict[str, int]:
    """After a restart: answer web and API messages a crash left unanswered (recent ones), flag the rest for staff.

    The reply is stored like any other, so the chat page shows it when the shopper comes back, and a client
    retrying the same message id gets it.
    """
    store = services.store
    counts = {"answered": 0, "flagged": 0}
    channels = {Channel.WEB.value: Channel.WEB, Channel.API.value: Channel.API}
    for msg in await asyncio.to_thread(store.unanswered):
        conv = await asyncio.to_thread(store.get_conversation, msg["conversation_id"])
        if conv is None or conv["channel"] not in channels or conv.get("mode") == "staff":
            continue
        channel = channels[conv["channel"]]
        external = str(msg.get("external_id") or "")
        try:
            age = time.time() - datetime.fromisoformat(str(msg["created_at"])).timestamp()
        except ValueError:
            age = float("inf")
        if not external.startswith(f"{channel.value}:") or age > max_age_s:
            await asyncio.to_thread(store.flag_conversation, conv["id"], "unanswered")
            await asyncio.to_thread(store.mark_answered, msg["id"])
            counts["flagged"] += 1
            continue
        try:
            await TURNS.handle(
                services.assistant,
                IncomingMessage(
                    msg["text"],
                    channel=channel,
                    customer_id=conv["customer_id"],
                    conversation_id=conv["id"],
                    message_id=external.removeprefix(f"{channel.value}:"),
                ),
            )
            counts["answered"] += 1
        except Exception:  # one bad turn must not stop the recovery of the others
            log.exception("could not answer stored message %s after restart; flagging it", msg["id"])
            await asyncio.to_thread(store.flag_conversation, conv["id"], "unanswered")
            counts["flagged"] += 1
        await asyncio.to_thread(store.mark_answered, msg["id"])
    if counts["answered"] or counts["flagged"]:
        log.warning(
            "after restart: answered %d web message(s) left unanswered, flagged %d for staff",
            counts["answered"],
            counts["flagged"],
        )
    return counts
