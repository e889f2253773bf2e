"""The shopper's answer to the one-question rating (1-5) asked when staff resolve a conversation."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from bot.channels.web.pages import _own_conversation, _require_json, _require_shopper, _svc

router = APIRouter()


class Rating(BaseModel):
    """A 1-5 rating of one of the shopper's own conversations."""

    conversation_id: str = Field(max_length=100)
    score: int = Field(ge=1, le=5)


@router.post("/chat/csat")
async def rate(request: Request, body: Rating) -> dict[str, bool]:
    """Store the rating once; 409 when the conversation was not resolved, or was rated already."""
    _require_json(request)
    svc = _svc(request)
    customer = await asyncio.to_thread(_require_shopper, request)
    await asyncio.to_thread(_own_conversation, svc, customer, body.conversation_id)
    if not await asyncio.to_thread(svc.record_csat, body.conversation_id, customer["id"], body.score):
        raise HTTPException(409, "this conversation was not resolved, or you rated it already")
    return {"ok": True}
