"""The web chat against abuse over real HTTP: recommendation clicks only on cards the shopper was shown, and feedback
answers that cannot tell another shopper's reply from none (issue 10)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from bot.app import Services
from bot.channels.web.pages import SHOPPER_COOKIE
from tests.channels.web.sse_client import parse_frames


async def _say(client: httpx.AsyncClient, text: str, conversation_id: str | None = None) -> dict:
    r = await client.post("/chat/stream", json={"text": text, "conversation_id": conversation_id})
    assert r.status_code == 200, r.text
    return parse_frames(r.text)[-1][1]


async def _shown(client: httpx.AsyncClient) -> tuple[dict, list[str]]:
    reply = await _say(client, "show me jeans")
    skus = [c["sku"] for c in reply["cards"]]
    assert skus, reply
    return reply, skus


async def test_a_click_counts_only_for_a_card_shown_with_that_reply(
    app: FastAPI, anon: httpx.AsyncClient, services: Services
) -> None:
    await anon.get("/")
    reply, shown = await _shown(anon)
    body = {"kind": "click", "message_id": reply["message_id"], "conversation_id": reply["conversation_id"]}
    assert (await anon.post("/chat/rec", json={**body, "sku": shown[0]})).status_code == 200
    # not shown with that reply (a real product, one not in the catalog, a made-up string): refused, nothing counted
    never_shown = sorted({"NT-JNS-0001", "NT-JNS-0002", "NT-JKT-0003", "NT-BTS-0004"} - set(shown))
    for sku in [*never_shown, "NT-NOPE-9999", "<script>"]:
        r = await anon.post("/chat/rec", json={**body, "sku": sku})
        assert r.status_code == 422 and "not shown" in r.json()["detail"], (sku, r.text)
    # a click needs the reply it was shown with
    assert (await anon.post("/chat/rec", json={"kind": "click", "sku": shown[0]})).status_code == 422
    # a reply of another shopper, or none: the same 404 either way
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as other:
        await other.get("/")
        theirs, their_shown = await _shown(other)
        mine = await anon.post("/chat/rec", json={"sku": their_shown[0], "message_id": theirs["message_id"]})
        none = await anon.post("/chat/rec", json={"sku": their_shown[0], "message_id": 10_000_000})
        assert mine.status_code == none.status_code == 404 and mine.json() == none.json()
        # my reply named with another conversation's id is refused as well
        r = await anon.post("/chat/rec", json={**body, "sku": shown[0], "conversation_id": theirs["conversation_id"]})
        assert r.status_code == 404
    clicks = services.store.events("rec_click")
    assert [c["data"]["sku"] for c in clicks] == [shown[0]]
    customer = services.store.find_customer(web_cookie=anon.cookies[SHOPPER_COOKIE])
    assert [i["sku"] for i in services.store.interactions(customer["id"])] == [shown[0]]


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
