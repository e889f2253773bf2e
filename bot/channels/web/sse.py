"""Server-sent event streams fed by the EventBus, for the dashboard and the shopper's page."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from fastapi import Request
from fastapi.responses import StreamingResponse
from fastapi.sse import format_sse_event

from bot.core.events import EventBus

log = logging.getLogger(__name__)

KEEPALIVE_S = 15.0
# EventSource reconnects by itself (the dashboard refreshes on reconnect), so streams are bounded; a server shutdown
# still waits for open streams unless uvicorn runs with timeout_graceful_shutdown.
MAX_STREAM_S = 300.0

EventFilter = Callable[[dict[str, Any]], Awaitable[dict[str, Any] | None]]


def sse_frame(event: str, data: dict[str, Any]) -> str:
    """One server-sent event frame with a JSON payload, encoded by FastAPI's own SSE support."""
    return format_sse_event(event=event, data_str=json.dumps(data, ensure_ascii=False, default=str)).decode()


async def _frames(request: Request, bus: EventBus, select: EventFilter, max_s: float) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_s
    async with bus.subscribe() as queue:
        yield sse_frame("ready", {"subscribers": bus.subscribers, "worker": os.getpid()})  # which worker streams
        while loop.time() < deadline:
            try:
                event = await asyncio.wait_for(queue.get(), timeout=min(KEEPALIVE_S, max(deadline - loop.time(), 0.01)))
            except TimeoutError:
                if await request.is_disconnected():
                    return
                yield ": keep-alive\n\n"
                continue
            chosen = await select(event)
            if chosen is not None:
                yield sse_frame(str(chosen.get("type", "message")), chosen)


def event_stream(
    request: Request, bus: EventBus, select: EventFilter, *, max_s: float = MAX_STREAM_S
) -> StreamingResponse:
    """Stream the bus events that `select` keeps (it may reshape them) as SSE."""
    return StreamingResponse(
        _frames(request, bus, select, max_s),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
