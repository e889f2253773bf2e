"""The shopper's chat page: cookie identity, streamed web turns, feedback, hand-off, recommendation events, live staff replies."""

from __future__ import annotations

import asyncio

import httpx

from bot.app import Services
from bot.channels.web.pages import SHOPPER_COOKIE
from tests.channels.web.sse_client import iter_events, parse_frames


async def _say(client: httpx.AsyncClient, text: str, conversation_id: str | None = None) -> dict:
    r = await client.post("/chat/stream", json={"text": text, "conversation_id": conversation_id})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = parse_frames(r.text)
    assert events[-1][0] == "reply" and events[0][0] == "token"  # streamed as written, then the final reply
    return events[-1][1]


async def test_cookie_identifies_the_returning_shopper(anon: httpx.AsyncClient, services: Services) -> None:
    first = await anon.get("/")
    assert first.status_code == 200
    set_cookie = first.headers["set-cookie"]
    assert f"{SHOPPER_COOKIE}=" in set_cookie and "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie
    token = anon.cookies[SHOPPER_COOKIE]
    assert services.store.find_customer(web_cookie=token) is None  # a visit writes nothing; the first message does
    reply = await _say(anon, "Do you ship to the United Kingdom?")
    customer = services.store.find_customer(web_cookie=token)
    assert customer is not None
    conv = services.store.get_conversation(reply["conversation_id"])
    assert conv["customer_id"] == customer["id"] and conv["channel"] == "web"
    again = await anon.get("/")
    assert anon.cookies[SHOPPER_COOKIE] == token
    assert "Do you ship to the United Kingdom?" in again.text and reply["conversation_id"] in again.text
    # a second message continues the same conversation
    second = await _say(anon, "How long does shipping take?", reply["conversation_id"])
    assert second["conversation_id"] == reply["conversation_id"]
    assert [m["direction"] for m in services.store.messages(reply["conversation_id"])] == ["in", "out", "in", "out"]


async def test_chat_endpoints_need_the_cookie_and_json(anon: httpx.AsyncClient) -> None:
    assert (await anon.post("/chat/stream", json={"text": "hi"})).status_code == 401
    await anon.get("/")
    r = await anon.post(
        "/chat/stream", content=b"text=hi", headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code in (415, 422)
    assert (await anon.post("/chat/stream", json={"text": ""})).status_code == 422


async def test_the_body_cannot_choose_another_customer(anon: httpx.AsyncClient, services: Services) -> None:
    services.store.ensure_customer("victim", name="Vic")
    await anon.get("/")
    r = await anon.post("/chat/stream", json={"text": "where is my order", "customer_id": "victim"})
    reply = parse_frames(r.text)[-1][1]
    assert services.store.get_conversation(reply["conversation_id"])["customer_id"] != "victim"


async def test_feedback_and_handoff_only_on_own_conversation(app, anon: httpx.AsyncClient, services: Services) -> None:
    await anon.get("/")
    reply = await _say(anon, "What is your return window?")
    r = await anon.post("/chat/feedback", json={"message_id": reply["message_id"], "value": -1})
    assert r.status_code == 200
    assert services.store.get_message(reply["message_id"])["feedback"] == -1
    assert "negative_feedback" in services.store.get_conversation(reply["conversation_id"])["flags"]
    assert (await anon.post("/chat/handoff", json={"conversation_id": reply["conversation_id"]})).status_code == 200
    assert "handoff" in services.store.get_conversation(reply["conversation_id"])["flags"]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as other:
        await other.get("/")
        assert (
            await other.post("/chat/feedback", json={"message_id": reply["message_id"], "value": 1})
        ).status_code == 404
        assert (
            await other.post("/chat/handoff", json={"conversation_id": reply["conversation_id"]})
        ).status_code == 404
    assert services.store.get_message(reply["message_id"])["feedback"] == -1


async def test_recommendation_clicks_are_counted(anon: httpx.AsyncClient, services: Services) -> None:
    await anon.get("/")
    reply = await _say(anon, "show me jeans")
    customer = services.store.find_customer(web_cookie=anon.cookies[SHOPPER_COOKIE])
    assert "NT-JNS-0001" in [c["sku"] for c in reply["cards"]]
    body = {
        "kind": "click",
        "sku": "NT-JNS-0001",
        "message_id": reply["message_id"],
        "conversation_id": reply["conversation_id"],
    }
    assert (await anon.post("/chat/rec", json=body)).status_code == 200
    # impressions are the server's job (recorded when a card is added), so the page cannot inflate them
    assert (await anon.post("/chat/rec", json={**body, "kind": "impression"})).status_code == 422
    assert (await anon.post("/chat/rec", json={**body, "conversation_id": "conv-someone-else"})).status_code == 404
    clicks = services.store.events("rec_click")
    assert (
        len(clicks) == 1
        and clicks[0]["conversation_id"] == reply["conversation_id"]
        and clicks[0]["data"]["sku"] == "NT-JNS-0001"
    )
    assert [(i["sku"], i["kind"]) for i in services.store.interactions(customer["id"])] == [("NT-JNS-0001", "click")]


async def test_staff_replies_reach_only_their_shopper_live(server: str, services: Services) -> None:
    async with (
        httpx.AsyncClient(base_url=server, timeout=30) as shopper,
        httpx.AsyncClient(base_url=server, timeout=30) as other,
    ):
        await shopper.get("/")
        await other.get("/")
        mine = await _say(shopper, "I need help with my jacket")
        theirs = await _say(other, "Do you ship to Canada?")
        async with shopper.stream("GET", "/chat/events") as stream:
            events = iter_events(stream)
            assert (await anext(events))[0] == "ready"
            await asyncio.to_thread(services.staff_reply, theirs["conversation_id"], "not for you", staff="bob")
            await asyncio.to_thread(services.set_mode, mine["conversation_id"], "staff", staff="bob")
            await asyncio.to_thread(
                services.staff_reply, mine["conversation_id"], "Hi, Bob from the shop here.", staff="bob"
            )
            got = [await asyncio.wait_for(anext(events), 10), await asyncio.wait_for(anext(events), 10)]
    assert got[0] == ("mode", {"type": "mode", "conversation_id": mine["conversation_id"], "mode": "staff"})
    assert (
        got[1][0] == "staff_message"
        and got[1][1]["text"] == "Hi, Bob from the shop here."
        and got[1][1]["author"] == "bob"
    )
