"""POST /api/chat and its streaming variant over server-sent events."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Header, HTTPException
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from bot.channels.web.api import ServicesDep, wait_ready
from bot.channels.web.sse import sse_frame
from bot.channels.web.turns import TURNS
from bot.channels.web.validation import CleanStr
from bot.domain import Channel, IncomingMessage, Reply
from bot.domain.ids import CONVERSATION_ID_PATTERN
from bot.errors import ShopbotError

if TYPE_CHECKING:
    from bot.app import Services

log = logging.getLogger(__name__)
router = APIRouter()

MAX_TEXT = 20_000


class ChatRequest(BaseModel):
    """Body of POST /api/chat."""

    text: CleanStr = Field(max_length=MAX_TEXT)
    customer_id: CleanStr | None = Field(None, max_length=100)
    conversation_id: str | None = Field(
        None, pattern=CONVERSATION_ID_PATTERN, description="An id returned by an earlier reply"
    )
    conversation_token: CleanStr | None = Field(
        None, max_length=200, description="The token returned with that id (anonymous clients)"
    )
    message_id: CleanStr | None = Field(
        None, max_length=100, description="Client-side id; a repeat in the same conversation is answered once"
    )


def to_message(body: ChatRequest, *, channel: Channel = Channel.API, customer_id: str | None = None) -> IncomingMessage:
    """The channel-neutral message for the assistant."""
    return IncomingMessage(
        text=body.text,
        channel=channel,
        customer_id=customer_id or body.customer_id,
        conversation_id=body.conversation_id,
        message_id=body.message_id,
    )


def conversation_token(svc: Services, conversation_id: str) -> str:
    """The secret that, with the id, continues an anonymous API conversation (an HMAC under SHOPBOT_SECRET_KEY)."""
    key = svc.settings.secret_key.get_secret_value().encode()
    return hmac.new(key, f"conversation:{conversation_id}".encode(), hashlib.sha256).hexdigest()


def check_customer_claim(body: ChatRequest, svc: Services, authorization: str | None) -> None:
    """Acting as a named customer (their orders, their profile) needs the admin token: only the shop's own backend may."""
    if body.customer_id is None:
        return
    expected = svc.settings.admin_token.get_secret_value()
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "customer_id needs Authorization: Bearer <SHOPBOT_ADMIN_TOKEN>; omit it to chat anonymously",
            headers={"WWW-Authenticate": "Bearer"},
        )


def bound_customer(body: ChatRequest, svc: Services) -> str | None:
    """The customer a continued conversation belongs to, if the caller may continue it; 404 otherwise.

    An id alone proves nothing (it shows in logs, links and screenshots): an anonymous caller must also present
    the conversation's token, and the shop's backend (admin token) must name the conversation's own customer.
    """
    if body.conversation_id is None:
        return body.customer_id
    conv = svc.store.get_conversation(body.conversation_id)
    if conv is None or conv.get("channel") != Channel.API.value:
        raise HTTPException(404, "no such conversation; omit conversation_id to start one")
    if body.customer_id is not None:
        if conv["customer_id"] != body.customer_id:
            raise HTTPException(404, "no such conversation; omit conversation_id to start one")
        return body.customer_id
    given = body.conversation_token or ""
    if not given or not hmac.compare_digest(given, conversation_token(svc, body.conversation_id)):
        raise HTTPException(404, "no such conversation; send the conversation_token returned with it")
    return str(conv["customer_id"])


def api_reply(svc: Services, reply: Reply) -> dict[str, Any]:
    """The reply as JSON, with the token that continues its conversation."""
    data: dict[str, Any] = reply.to_dict()
    if data.get("conversation_id"):
        data["conversation_token"] = conversation_token(svc, data["conversation_id"])
    return data


@router.post("/api/chat", dependencies=[Depends(wait_ready)])
async def chat(
    body: ChatRequest, svc: ServicesDep, authorization: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    """One turn: the reply with its sources, cards, buttons and flags."""
    check_customer_claim(body, svc, authorization)
    customer_id = bound_customer(body, svc)
    try:
        reply = await TURNS.handle(
            svc.assistant, to_message(body, customer_id=customer_id), coord=svc.coord
        )  # survives a disconnect
    except ShopbotError as exc:
        log.exception("chat turn failed")
        raise HTTPException(503, f"the assistant is unavailable: {exc}") from exc
    return api_reply(svc, reply)


async def stream_events(
    svc: Services, msg: IncomingMessage, *, render: Callable[[Reply], dict[str, Any]] | None = None
) -> AsyncIterator[str]:
    """token / replace / reply events for one turn; errors become an `error` event."""
    try:
        async for event in TURNS.stream(
            svc.assistant, msg, coord=svc.coord
        ):  # a disconnect stops listening, not the turn
            if event["type"] == "reply":
                yield sse_frame("reply", render(event["reply"]) if render else event["reply"].to_dict())
            else:
                yield sse_frame(event["type"], {"text": event["text"]})
    except ShopbotError as exc:
        log.exception("streamed chat turn failed")
        yield sse_frame("error", {"error": str(exc)})


@router.post("/api/chat/stream", dependencies=[Depends(wait_ready)])
async def chat_stream(
    body: ChatRequest, svc: ServicesDep, authorization: Annotated[str | None, Header()] = None
) -> StreamingResponse:
    """The same turn, streamed: `token` events as the model writes, `replace` if the verifier swapped the text, then `reply`."""
    check_customer_claim(body, svc, authorization)
    customer_id = bound_customer(body, svc)
    return StreamingResponse(
        stream_events(svc, to_message(body, customer_id=customer_id), render=lambda reply: api_reply(svc, reply)),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
