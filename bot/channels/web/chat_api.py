"""POST /api/chat and its streaming variant over server-sent events."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

import secrets

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from bot.channels.web.api import ServicesDep
from bot.domain import Channel, IncomingMessage
from bot.errors import ShopbotError

log = logging.getLogger(__name__)
router = APIRouter()

MAX_TEXT = 20_000


class ChatRequest(BaseModel):
    """Body of POST /api/chat."""

    text: str = Field(max_length=MAX_TEXT)
    customer_id: str | None = Field(None, max_length=100)
    conversation_id: str | None = Field(None, max_length=100)
    message_id: str | None = Field(None, max_length=100, description="Client-side id; a repeat is answered once")


def to_message(body: ChatRequest, *, channel: Channel = Channel.API) -> IncomingMessage:
    """The channel-neutral message for the assistant."""
    return IncomingMessage(
        text=body.text, channel=channel, customer_id=body.customer_id, conversation_id=body.conversation_id, message_id=body.message_id
    )


def check_customer_claim(body: ChatRequest, svc: Any, authorization: str | None) -> None:
    """Acting as a named customer (their orders, their profile) needs the admin token: only the shop's own backend may."""
    if body.customer_id is None:
        return
    expected = svc.settings.admin_token.get_secret_value()
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(401, "customer_id needs Authorization: Bearer <SHOPBOT_ADMIN_TOKEN>; omit it to chat anonymously",
                            headers={"WWW-Authenticate": "Bearer"})


@router.post("/api/chat")
async def chat(body: ChatRequest, svc: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """One turn: the reply with its sources, cards, buttons and flags."""
    check_customer_claim(body, svc, authorization)
    try:
        reply = await svc.assistant.handle(to_message(body))
    except ShopbotError as exc:
        log.exception("chat turn failed")
        raise HTTPException(503, f"the assistant is unavailable: {exc}") from exc
    return reply.to_dict()


def sse(event: str, data: dict[str, Any]) -> str:
    """One server-sent event."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def stream_events(svc: Any, msg: IncomingMessage) -> AsyncIterator[str]:
    """token / replace / reply events for one turn; errors become an `error` event."""
    try:
        async for event in svc.assistant.stream(msg):
            if event["type"] == "reply":
                yield sse("reply", event["reply"].to_dict())
            else:
                yield sse(event["type"], {"text": event["text"]})
    except ShopbotError as exc:
        log.exception("streamed chat turn failed")
        yield sse("error", {"error": str(exc)})


@router.post("/api/chat/stream")
async def chat_stream(body: ChatRequest, svc: ServicesDep, authorization: Annotated[str | None, Header()] = None) -> StreamingResponse:
    """The same turn, streamed: `token` events as the model writes, `replace` if the verifier swapped the text, then `reply`."""
    check_customer_claim(body, svc, authorization)
    return StreamingResponse(
        stream_events(svc, to_message(body)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
