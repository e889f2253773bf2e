"""The inbox's "needs a human" rule, derived from what happened (never from `fallback_used`), and shopper display names.

HTTP through the real app over real SQLite: the shopper side goes through the chat page's own routes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import httpx

from bot.app import Services
from tests.channels.web.sse_client import parse_frames

UK = "Which countries do you ship to, the United Kingdom too?"  # not a yes/no: those are answered from the data, never by the model
INVENTED = "Sure! Call us at 555-123-4567 and use code SAVE20 for 20% off. We ship to the UK in 2 days."


async def _say(shopper: httpx.AsyncClient, text: str) -> dict:
    r = await shopper.post("/chat/stream", json={"text": text})
    assert r.status_code == 200, r.text
    return parse_frames(r.text)[-1][1]


def _row(page: str, conv_id: str) -> str:
    """The list row of one conversation ('' when it is not listed)."""
    m = re.search(rf'<tr data-id="{re.escape(conv_id)}"[^>]*>(.*?)</tr>', page, re.S)
    return m.group(0) if m else ""


def _ago(minutes: float) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


async def test_unanswered_shopper_message_needs_a_human(
    agent: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    client, csrf = agent
    assert services.settings.inbox_unanswered_minutes == 5  # the default
    store = services.store
    store.ensure_customer("u-waiting")
    waiting = store.new_conversation("u-waiting", "web")["id"]
    store.add_message(waiting, "in", "Hello? Is anyone there?", created_at=_ago(12))
    store.ensure_customer("u-fresh")
    fresh = store.new_conversation("u-fresh", "web")["id"]
    store.add_message(fresh, "in", "Just asked", created_at=_ago(1))  # under the 5 minutes: not yet

    page = (await client.get("/staff")).text
    assert "No reply for 12 min" in _row(page, waiting) and 'class="needs-human' in _row(page, waiting)
    assert _row(page, fresh) and "needs-human" not in _row(page, fresh) and "No reply" not in _row(page, fresh)
    view = (await client.get("/staff?flag=needs_human")).text
    assert _row(view, waiting) and not _row(view, fresh)
    assert _row((await client.get("/staff/list?flag=needs_human")).text, waiting)  # the live refresh keeps the view

    # a staff reply answers it: the conversation leaves the view
    r = await client.post(f"/staff/c/{waiting}/reply", data={"csrf": csrf, "text": "Yes, Bob here."})
    assert r.status_code == 303
    assert not _row((await client.get("/staff?flag=needs_human")).text, waiting)


async def test_a_normal_answer_does_not_need_a_human_but_a_thumbs_down_does(
    agent: tuple[httpx.AsyncClient, str], anon: httpx.AsyncClient, services: Services
) -> None:
    client, csrf = agent
    services.settings.inbox_unanswered_minutes = (
        0  # any message without a reply counts at once: the answer must clear it
    )
    await anon.get("/")
    services.chat_model.say(INVENTED)  # the checks reject this, so the shopper gets the extractive answer
    reply = await _say(anon, UK)
    conv = reply["conversation_id"]
    assert "United Kingdom" in reply["text"] and "555" not in reply["text"]
    assert (
        "fallback_used" in reply["flags"]
        and reply["sources"]
        and not {"handoff", "low_confidence", "complaint"} & set(reply["flags"])
    )
    # an extractive answer (the generator's text was not used: `fallback_used`), given ten minutes ago
    store = services.store
    store.ensure_customer("u-extractive")
    extractive = store.new_conversation("u-extractive", "web")["id"]
    asked = store.add_message(
        extractive, "in", "How long do refunds take?", intent="returns_refunds", confidence=0.9, created_at=_ago(10)
    )
    store.add_reply(
        extractive,
        asked,
        "Refunds are issued within 5 business days.",
        intent="returns_refunds",
        confidence=0.9,
        flags=["fallback_used"],
        sources=[{"title": "Returns", "doc_id": "policies/returns"}],
        created_at=_ago(10),
    )
    store.flag_conversation(extractive, "fallback_used")
    page = (await client.get("/staff")).text
    for normal in (conv, extractive):
        assert _row(page, normal) and "needs-human" not in _row(page, normal)
    view = (await client.get("/staff?flag=needs_human")).text
    assert not _row(view, conv) and not _row(view, extractive)

    assert (await anon.post("/chat/feedback", json={"message_id": reply["message_id"], "value": -1})).status_code == 200
    view = (await client.get("/staff?flag=needs_human")).text
    assert "Thumbs down (not helpful)" in _row(view, conv)
    transcript = (await client.get(f"/staff/c/{conv}")).text
    assert "👎 Not helpful" in transcript and re.search(r"<time[^>]*>\d{4}-\d\d-\d\d \d\d:\d\d UTC</time>", transcript)

    await client.post(f"/staff/c/{conv}/reply", data={"csrf": csrf, "text": "Sorry about that, let me help."})
    assert not _row((await client.get("/staff?flag=needs_human")).text, conv)  # staff answered after the thumbs down


async def test_hand_off_request_needs_a_human(agent: tuple[httpx.AsyncClient, str], anon: httpx.AsyncClient) -> None:
    client, _ = agent
    await anon.get("/")
    reply = await _say(anon, UK)
    assert (await anon.post("/chat/handoff", json={"conversation_id": reply["conversation_id"]})).status_code == 200
    assert "Asked for a person" in _row((await client.get("/staff?flag=needs_human")).text, reply["conversation_id"])


async def test_display_names(agent: tuple[httpx.AsyncClient, str], anon: httpx.AsyncClient, services: Services) -> None:
    client, _ = agent
    services.store.ensure_customer("tg-4242", telegram_id="4242", name="Anna")
    tg = services.store.new_conversation("tg-4242", "telegram")["id"]
    services.store.add_message(tg, "in", "hi from telegram")
    await anon.get("/")
    web = (await _say(anon, UK))["conversation_id"]
    web_customer = services.store.get_conversation(web)["customer_id"]
    assert web_customer.startswith("u-")

    page = (await client.get("/staff")).text
    assert re.search(r">Anna</a>", _row(page, tg))
    label = re.search(r">(Visitor \d{1,4} \(web\))</a>", _row(page, web))
    assert (
        label and web_customer not in _row(page, web).split("data-id", 1)[1].split(">", 1)[1]
    )  # the raw id is not shown
    again = re.search(r">(Visitor \d{1,4} \(web\))</a>", _row((await client.get("/staff")).text, web))
    assert again and again.group(1) == label.group(1)  # stable
    transcript = (await client.get(f"/staff/c/{web}")).text
    assert label.group(1) in transcript  # the transcript names the shopper the same way

    services.store.update_customer(web_customer, name="Maria")  # a name given later (e.g. from the shop's orders)
    assert re.search(r">Maria</a>", _row((await client.get("/staff")).text, web))
