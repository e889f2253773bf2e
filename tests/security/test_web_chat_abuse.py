"""The web chat against abuse over real HTTP: page visits that write nothing, recommendation clicks only on cards the
shopper was shown, and feedback answers that cannot tell another shopper's reply from none (issue 10)."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI

from bot.app import Services
from bot.channels.web.pages import SHOPPER_COOKIE
from tests.channels.web.sse_client import iter_events, parse_frames


def _customers(services: Services) -> int:
    return int(services.store.db.execute("SELECT COUNT(*) FROM customers").fetchone()[0])


async def _say(client: httpx.AsyncClient, text: str, conversation_id: str | None = None) -> dict:
    r = await client.post("/chat/stream", json={"text": text, "conversation_id": conversation_id})
    assert r.status_code == 200, r.text
    return parse_frames(r.text)[-1][1]


def test_page_visits_write_no_customer(server: str, services: Services) -> None:
    before = _customers(services)
    for _ in range(100):  # a crawler: no cookie kept, a new visitor every time
        assert httpx.get(server + "/").status_code == 200
    with httpx.Client(base_url=server) as browser:  # a reload loop: the same cookie every time
        for _ in range(20):
            assert browser.get("/").status_code == 200
        token = browser.cookies[SHOPPER_COOKIE]
        assert _customers(services) == before
        # the first message creates the shopper, under the cookie the page gave
        r = browser.post("/chat/stream", json={"text": "Do you ship to Canada?"})
        assert r.status_code == 200 and parse_frames(r.text)[-1][0] == "reply"
        customer = services.store.find_customer(web_cookie=token)
        assert customer is not None and _customers(services) == before + 1
        reply = parse_frames(r.text)[-1][1]
        assert services.store.get_conversation(reply["conversation_id"])["customer_id"] == customer["id"]
        # reloads and more messages keep that one customer and cookie
        assert "Do you ship to Canada?" in browser.get("/").text
        assert browser.cookies[SHOPPER_COOKIE] == token
        browser.post("/chat/stream", json={"text": "And to the UK?", "conversation_id": reply["conversation_id"]})
        assert _customers(services) == before + 1


async def test_a_visitor_without_a_message_gets_no_shopper_actions(
    app: FastAPI, anon: httpx.AsyncClient, services: Services
) -> None:
    await anon.get("/")
    for path, body in (
        ("/chat/feedback", {"message_id": 1, "value": 1}),
        ("/chat/handoff", {"conversation_id": "conv-x"}),
        ("/chat/rec", {"sku": "NT-JNS-0001", "message_id": 1}),
    ):
        assert (await anon.post(path, json=body)).status_code == 404  # owns nothing, so names nothing
    assert _customers(services) == 0
    # a cookie the server never issued is no identity: a fresh one is set, and a message without any is refused
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as forged:
        forged.cookies.set(SHOPPER_COOKIE, "x" * 101)
        assert (await forged.post("/chat/stream", json={"text": "hi"})).status_code == 401
        page = await forged.get("/")
        assert page.status_code == 200 and len(page.cookies[SHOPPER_COOKIE]) == 32
    assert _customers(services) == 0


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


async def test_live_events_reach_a_visitor_who_listened_before_writing(server: str, services: Services) -> None:
    """The page opens /chat/events on load, before any message: staff replies after the first message still arrive."""
    async with (
        httpx.AsyncClient(base_url=server, timeout=30) as shopper,
        httpx.AsyncClient(base_url=server, timeout=30) as other,
    ):
        await shopper.get("/")
        await other.get("/")
        async with shopper.stream("GET", "/chat/events") as stream:
            events = iter_events(stream)
            assert (await anext(events))[0] == "ready"
            assert _customers(services) == 0
            theirs = await _say(other, "Do you ship to Canada?")
            await asyncio.to_thread(services.staff_reply, theirs["conversation_id"], "not for you", staff="bob")
            mine = await _say(shopper, "I need help with my jacket")
            await asyncio.to_thread(services.staff_reply, mine["conversation_id"], "Hi, Bob here.", staff="bob")
            got = await asyncio.wait_for(anext(events), 10)
    assert got[0] == "staff_message" and got[1]["text"] == "Hi, Bob here."
    async with httpx.AsyncClient(base_url=server) as stranger:
        assert (await stranger.get("/chat/events")).status_code == 401  # no cookie at all
