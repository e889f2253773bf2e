"""The shopper's chat page: cookie identity, streamed replies, feedback, hand-off, live staff messages."""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from bot.app import Services
from bot.channels.web import marketing
from bot.channels.web.api import wait_ready
from bot.channels.web.chat_api import MAX_TEXT, stream_events
from bot.channels.web.dashboard_queries import customer_conversations
from bot.channels.web.sse import event_stream
from bot.channels.web.templating import render
from bot.channels.web.validation import CleanStr
from bot.domain import Channel, Flag, IncomingMessage
from bot.domain.ids import CONVERSATION_ID_PATTERN
from bot.tombstones import pseudonym

log = logging.getLogger(__name__)
router = APIRouter()

SHOPPER_COOKIE = "shopbot_shopper"
COOKIE_MAX_AGE = 365 * 24 * 3600
HISTORY = 30
NO_REPLY = "no such reply"
_NOBODY = "-"  # the customer id of a visitor who has not written: no conversation has it
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")  # secrets.token_urlsafe(24), as the page issues it


def _svc(request: Request) -> Services:
    return request.app.state.services


def _shopper(request: Request) -> dict[str, Any] | None:
    """The customer behind the shopper cookie, if any."""
    token = request.cookies.get(SHOPPER_COOKIE)
    if not token or len(token) > 100:
        return None
    return _svc(request).store.find_customer(web_cookie=token)


def _fresh_token(request: Request) -> str | None:
    """A cookie the chat page issued (its form) that no customer holds yet: the visitor has not written."""
    token = request.cookies.get(SHOPPER_COOKIE) or ""
    return token if _TOKEN.fullmatch(token) else None


def _require_shopper(request: Request) -> dict[str, Any]:
    """The cookie's customer; a visitor who has not written yet owns nothing (every id they name gets the route's
    404, as it would for a shopper); 401 without a cookie the page issued."""
    customer = _shopper(request)
    if customer is None:
        if _fresh_token(request) is None:
            raise HTTPException(401, "open the chat page first")
        return {"id": _NOBODY}
    return customer


def shopper_or_401(request: Request) -> dict[str, Any]:
    """The cookie's customer, created on the visitor's first message or photo (a page visit writes nothing);
    401 when the chat page was never opened (no cookie it issued)."""
    customer = _shopper(request)
    if customer is not None:
        return customer
    token = _fresh_token(request)
    if token is None:
        raise HTTPException(401, "open the chat page first")
    store = _svc(request).store
    store.ensure_customer(None, web_cookie=token)
    customer = store.find_customer(web_cookie=token)  # two first messages at once: the unique cookie keeps one row
    assert customer is not None
    log.info("new web shopper %s", pseudonym(customer["id"]))
    return customer


def _require_json(request: Request) -> None:
    # A cross-site form cannot send application/json without a CORS preflight, which we never grant.
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise HTTPException(415, "send application/json")


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request) -> Response:
    """The chat page; a returning shopper (by cookie) sees their latest web conversation. A new visitor gets a cookie
    and nothing is written: the customer is created by their first message (a crawler or a reload loop adds no row)."""
    svc = _svc(request)
    customer = _shopper(request)
    token = request.cookies.get(SHOPPER_COOKIE) if customer else _fresh_token(request)
    token = token or secrets.token_urlsafe(24)  # 32 characters; the customer row waits for the first message
    conv = None
    if customer is not None:
        convs = customer_conversations(svc.store, customer["id"], channel=Channel.WEB.value, limit=1)
        conv = _deliver_campaigns(svc, customer["id"], convs[0] if convs else None)
    history = [m for m in svc.store.messages(conv["id"], limit=HISTORY) if m["direction"] != "note"] if conv else []
    response = render(
        request,
        "chat.html",
        conversation=conv,
        history=history,
        embed=request.query_params.get("embed") == "1",
        csat_pending=bool(conv and svc.inbox.csat_pending(conv["id"])),  # asked on resolve, not yet answered
    )
    response.set_cookie(
        SHOPPER_COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=svc.settings.env == "production",
        path="/",
    )
    return response


def _deliver_campaigns(svc: Services, customer_id: str, conv: dict[str, Any] | None) -> dict[str, Any] | None:
    """Web-inbox campaign messages waiting for this shopper become bot messages in their chat (the rules are checked now)."""
    delivered = svc.campaigns.deliver_web_inbox(customer_id)
    if delivered and conv is None:
        conv = svc.store.open_conversation(customer_id, Channel.WEB.value)
    for r in delivered:
        assert conv is not None
        svc.store.add_message(
            conv["id"],
            "out",
            r["text"] + marketing.FOOTER,
            flags=["campaign"],
            sources=[{"campaign_recipient": r["id"], "sku": r.get("sku")}],
        )
    return conv


class ShopperMessage(BaseModel):
    """Body of POST /chat/stream (the customer comes from the cookie, never from the body)."""

    text: CleanStr = Field(min_length=1, max_length=MAX_TEXT)
    conversation_id: str | None = Field(None, pattern=CONVERSATION_ID_PATTERN)
    message_id: CleanStr | None = Field(None, max_length=100)


@router.post("/chat/stream")
async def chat_stream(request: Request, body: ShopperMessage) -> StreamingResponse:
    """One turn for the cookie's customer on the web channel, streamed as token / replace / reply events."""
    _require_json(request)
    await wait_ready(request)
    # a visitor's first message creates their customer; continuing a conversation needs one already
    find = shopper_or_401 if body.conversation_id is None else _require_shopper
    customer = await asyncio.to_thread(find, request)
    if body.conversation_id is not None:
        # only the cookie's own web conversation continues; any other id gets nothing (not even a new conversation under it)
        conv = await asyncio.to_thread(_svc(request).store.get_conversation, body.conversation_id)
        if conv is None or conv["customer_id"] != customer["id"] or conv.get("channel") != Channel.WEB.value:
            raise HTTPException(404, "no such conversation")
    if body.text.strip().lower().strip("/!. ") in marketing.STOP_WORDS or body.text.lower().startswith("/privacy"):
        # STOP and /privacy act at once, with no model involved
        return StreamingResponse(
            _command(_svc(request), customer, body.text, body.conversation_id), media_type="text/event-stream"
        )
    msg = IncomingMessage(
        text=body.text,
        channel=Channel.WEB,
        customer_id=customer["id"],
        conversation_id=body.conversation_id,
        message_id=body.message_id,
    )
    return StreamingResponse(
        stream_events(_svc(request), msg),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _command(svc: Services, customer: dict[str, Any], text: str, conversation_id: str | None) -> Any:
    from bot.channels.web.sse import sse_frame
    from bot.domain import Reply

    answer = await asyncio.to_thread(marketing.command_reply, svc, customer["id"], text) or ""
    conv = await asyncio.to_thread(
        svc.store.open_conversation, customer["id"], Channel.WEB.value, conversation_id=conversation_id
    )
    flags = {Flag.UNSUBSCRIBED} if answer == marketing.UNSUBSCRIBED else set()
    yield sse_frame("reply", Reply(text=answer, flags=flags, conversation_id=conv["id"]).to_dict())


class Unsubscribe(BaseModel):
    """A button under a campaign message (Show me, Unsubscribe)."""

    message_id: int


@router.post("/chat/offer")
def campaign_offer(request: Request, body: Unsubscribe) -> dict[str, Any]:
    """The "Show me" button under a campaign message: the click is recorded and the offered product returned."""
    _require_json(request)
    svc, customer = _svc(request), _require_shopper(request)
    product = marketing.offer_from_message(svc, customer["id"], body.message_id)
    if product is None:
        raise HTTPException(404, "no such campaign message")
    return {"ok": True, "product": product}


@router.post("/chat/unsubscribe")
def unsubscribe(request: Request, body: Unsubscribe) -> dict[str, Any]:
    """Opt the cookie's customer out of marketing at once, from a campaign message in one of their conversations."""
    _require_json(request)
    svc, customer = _svc(request), _require_shopper(request)
    if not marketing.unsubscribe_from_message(svc, customer["id"], body.message_id):
        raise HTTPException(404, "no such campaign message")
    return {"ok": True, "text": marketing.UNSUBSCRIBED}


class Feedback(BaseModel):
    """👍 / 👎 on one bot message."""

    message_id: int
    value: int = Field(ge=-1, le=1)


class ConversationRef(BaseModel):
    """A conversation of the cookie's customer."""

    conversation_id: str = Field(max_length=100)


class RecEvent(BaseModel):
    """A product card clicked (impressions are recorded server-side when the card is added to a reply)."""

    kind: str = Field("click", pattern="^click$")
    sku: str = Field(max_length=64)
    message_id: int  # the reply the card was shown with
    conversation_id: str | None = Field(None, max_length=100)


def _own_conversation(svc: Services, customer: dict[str, Any], conversation_id: str) -> dict[str, Any]:
    conv = svc.store.get_conversation(conversation_id)
    if conv is None or conv["customer_id"] != customer["id"]:
        raise HTTPException(404, "no such conversation")
    return conv


def _own_reply(svc: Services, customer: dict[str, Any], message_id: int) -> dict[str, Any]:
    """A bot reply in one of the customer's conversations; 404 with one body for every other id (none, another
    shopper's, an inbound message)."""
    msg = svc.store.get_message(message_id)
    conv = svc.store.get_conversation(msg["conversation_id"]) if msg is not None else None
    if msg is None or msg["direction"] != "out" or conv is None or conv["customer_id"] != customer["id"]:
        raise HTTPException(404, NO_REPLY)
    return msg


@router.post("/chat/feedback")
def feedback(request: Request, body: Feedback) -> dict[str, bool]:
    """Record 👍 / 👎 on a reply of the shopper's own conversation; any other id gets the one same 404, so the route
    cannot tell whether an id exists in someone else's conversation."""
    _require_json(request)
    svc, customer = _svc(request), _require_shopper(request)
    _own_reply(svc, customer, body.message_id)
    if body.value == 0:
        raise HTTPException(404, NO_REPLY)
    svc.record_feedback(body.message_id, body.value)
    return {"ok": True}


@router.post("/chat/handoff")
def handoff(request: Request, body: ConversationRef) -> dict[str, bool]:
    """The shopper asked for a person."""
    _require_json(request)
    svc, customer = _svc(request), _require_shopper(request)
    _own_conversation(svc, customer, body.conversation_id)
    svc.request_handoff(body.conversation_id, reason="web_button")
    return {"ok": True}


@router.post("/chat/rec")
def rec_click(request: Request, body: RecEvent) -> dict[str, bool]:
    """Count a click on a product card (the `rec_click` event) and feed it to the recommender as an interaction.

    Only a card the named reply showed counts: the reply must be the shopper's own (404, the same body as for an
    id that does not exist) and the SKU one of its cards (422), so a page cannot click products it was never shown.
    """
    _require_json(request)
    svc, customer = _svc(request), _require_shopper(request)
    msg = _own_reply(svc, customer, body.message_id)
    conv_id = msg["conversation_id"]
    if body.conversation_id is not None and body.conversation_id != conv_id:
        raise HTTPException(404, NO_REPLY)
    if body.sku not in (msg.get("cards") or []):
        raise HTTPException(422, "that product was not shown with this reply")
    svc.store.event(
        "rec_click",
        conversation_id=conv_id,
        customer_id=customer["id"],
        sku=body.sku,
        message_id=body.message_id,
        channel="web",
    )
    svc.store.add_interaction(customer["id"], body.sku, "click")
    return {"ok": True}


@router.get("/chat/events")
async def shopper_events(request: Request) -> Response:
    """Staff messages, takeover notices and rating questions for the cookie's customer, live (a visitor who has
    not written yet listens too: their customer is looked up when an event comes, as their first message makes it)."""
    customer = await asyncio.to_thread(_shopper, request)
    if customer is None and _fresh_token(request) is None:
        raise HTTPException(401, "open the chat page first")
    svc = _svc(request)
    owners: dict[str, bool] = {}

    async def select(event: dict[str, Any]) -> dict[str, Any] | None:
        nonlocal customer
        if event.get("type") not in ("staff_message", "mode", "csat_request"):
            return None
        customer = customer or await asyncio.to_thread(_shopper, request)
        if customer is None:
            return None
        conv_id = str(event.get("conversation_id"))
        if conv_id not in owners:
            conv = await asyncio.to_thread(svc.store.get_conversation, conv_id)
            owners[conv_id] = conv is not None and conv["customer_id"] == customer["id"]
        if not owners[conv_id]:
            return None
        if event["type"] == "staff_message":
            return {
                "type": "staff_message",
                "conversation_id": conv_id,
                "text": event.get("text", ""),
                "author": event.get("author", ""),
            }
        if event["type"] == "csat_request":  # the conversation was resolved: one 1-5 rating question
            return {"type": "csat_request", "conversation_id": conv_id}
        return {"type": "mode", "conversation_id": conv_id, "mode": event.get("mode")}

    return event_stream(request, svc.bus, select)
