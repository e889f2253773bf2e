"""The web shopper's one-question rating after staff resolve the conversation: once, only their own, 1-5."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from bot.app import Services
from tests.channels.web.test_chat_page import _say


async def test_a_resolved_conversation_is_rated_once_by_its_own_shopper(
    app: FastAPI, anon: httpx.AsyncClient, services: Services
) -> None:
    await anon.get("/")
    conv = (await _say(anon, "What is your return window?"))["conversation_id"]
    rate = {"conversation_id": conv, "score": 4}
    assert (await anon.post("/chat/csat", json=rate)).status_code == 409  # not resolved: nothing was asked
    assert 'data-csat-pending=""' in (await anon.get("/")).text

    services.set_status(conv, "resolved", staff="bob")
    assert 'data-csat-pending="1"' in (await anon.get("/")).text  # a reload still shows the question
    assert (await anon.post("/chat/csat", json={**rate, "score": 6})).status_code == 422
    assert (
        await anon.post("/chat/csat", content=b"score=4", headers={"content-type": "application/x-www-form-urlencoded"})
    ).status_code in (415, 422)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as other:
        await other.get("/")
        assert (await other.post("/chat/csat", json=rate)).status_code == 404  # not their conversation
    assert (await anon.post("/chat/csat", json=rate)).status_code == 200
    assert (await anon.post("/chat/csat", json={**rate, "score": 1})).status_code == 409  # once
    assert services.inbox.csat_of(conv)["score"] == 4
    assert 'data-csat-pending=""' in (await anon.get("/")).text

    services.set_status(conv, "open", staff="bob")
    services.set_status(conv, "resolved", staff="bob")
    assert len([e for e in services.store.events("status")]) == 3
    assert services.inbox.csat_of(conv)["score"] == 4  # resolving again asks nothing new


async def test_rating_needs_the_shopper_cookie(anon: httpx.AsyncClient) -> None:
    assert (await anon.post("/chat/csat", json={"conversation_id": "conv-x", "score": 3})).status_code == 401
