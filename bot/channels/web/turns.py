"""Turns that outlive their HTTP request: a browser that disconnects mid-reply does not cancel the turn.

The turn runs as its own task; the request only listens to it. When the client goes away, Starlette
cancels the request, not the task, so the reply is still composed, stored and published (the chat page
shows it when the shopper comes back, and a retry with the same message id gets it). On shutdown the
server waits for turns still running.

With several workers (a shared coordinator: Redis), a turn holds its conversation's lock across workers from
before its message is stored until its reply is stored, so turns of one chat run one at a time and in the order
they took the lock, whichever worker received them (the assistant's own lock covers one worker).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, nullcontext
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.coord import LocalCoordinator
from bot.domain import Channel, IncomingMessage, Reply

if TYPE_CHECKING:
    from bot.app import Services
    from bot.core.ports import AssistantPort

log = logging.getLogger(__name__)
_DONE = object()
TURN_LOCK_TTL_S = 15.0  # renewed while the turn runs; a killed worker's lock frees within this
TURN_LOCK_WAIT_S = 300.0


def turn_lock_name(msg: IncomingMessage) -> str:
    """The conversation's lock name (the assistant's key: an anonymous first message shares no lock)."""
    if msg.conversation_id:
        return f"turn:conversation:{msg.conversation_id}"
    if msg.customer_id:
        return f"turn:{msg.channel}:{msg.customer_id}"
    return ""


def across_workers(coord: LocalCoordinator | None, msg: IncomingMessage) -> AbstractAsyncContextManager[None]:
    """The turn's lock shared by every worker (Redis); nothing with one worker (the assistant's lock suffices)."""
    name = turn_lock_name(msg)
    if coord is None or not coord.shared or not name:
        return nullcontext()
    return coord.alock(name, ttl_s=TURN_LOCK_TTL_S, wait_s=TURN_LOCK_WAIT_S)


class DetachedTurns:
    """Runs assistant turns in tasks that a disconnecting client cannot cancel."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def _keep(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def handle(
        self, assistant: AssistantPort, msg: IncomingMessage, *, coord: LocalCoordinator | None = None
    ) -> Reply:
        """One turn (under the conversation's lock across workers when `coord` is shared); if the caller is
        cancelled the turn still finishes."""

        async def run() -> Reply:
            async with across_workers(coord, msg):
                reply: Reply = await assistant.handle(msg)
                return reply

        task: asyncio.Task[Reply] = asyncio.create_task(run(), name=f"turn:{msg.message_id}")
        self._keep(task)
        return await asyncio.shield(task)

    async def stream(
        self, assistant: AssistantPort, msg: IncomingMessage, *, coord: LocalCoordinator | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """The turn's events; closing this iterator (client gone) leaves the turn running to the end."""
        queue: asyncio.Queue[Any] = asyncio.Queue()

        async def run() -> None:
            try:
                async with across_workers(coord, msg):
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


async def recover_unanswered(services: Services, *, max_age_s: float = 3600.0) -> dict[str, int]:
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
            # under the conversation's lock (and the customer's, which a first message's turn holds): a turn
            # still running on another worker finishes first, and then its stored reply is replayed, not redone
            first = IncomingMessage("", channel=channel, customer_id=conv["customer_id"])
            async with across_workers(services.coord, first):
                await TURNS.handle(
                    services.assistant,
                    IncomingMessage(
                        msg["text"],
                        channel=channel,
                        customer_id=conv["customer_id"],
                        conversation_id=conv["id"],
                        message_id=external.removeprefix(f"{channel.value}:"),
                    ),
                    coord=services.coord,
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
