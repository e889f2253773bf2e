"""The web chat against abuse over real HTTP: feedback answers that cannot tell another shopper's reply from none
(issue 10)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from bot.app import Services
from tests.channels.web.sse_client import parse_frames


async def _say(client: httpx.AsyncClient, text: str, conversation_id: str | None = None) -> dict:
    r = await client.post("/chat/stream", json={"text": text, "conversation_id": conversation_id})
    assert r.status_code == 200, r.text
    return parse_frames(r.text)[-1][1]


async def test_feedback_answers_the_same_for_another_shoppers_reply_and_none(
    app: FastAPI, anon: httpx.AsyncClient, services: Services
) -> None:
    await anon.get("/")
    mine = await _say(anon, "What is your return window?")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as attacker:
        await attacker.get("/")
        await _say(attacker, "hello")
        answers = []
        # their reply, their own message (inbound), ids that do not exist, one past SQLite's integers
        for message_id in (mine["message_id"], mine["message_id"] - 1, 10_000_000, 0, -5, 2**70):
            r = await attacker.post("/chat/feedback", json={"message_id": message_id, "value": 1})
            answers.append((r.status_code, r.content))
        assert len(set(answers)) == 1 and answers[0][0] == 404, answers
    assert services.store.get_message(mine["message_id"])["feedback"] is None
    # the owner's own feedback still works
    assert (await anon.post("/chat/feedback", json={"message_id": mine["message_id"], "value": 1})).status_code == 200
    assert services.store.get_message(mine["message_id"])["feedback"] == 1
