"""Issue 10 item 5: a client-chosen conversation id must not become a path in a staff page (it erased two customers)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from bot.app import Services
from bot.errors import StoreError
from tests.channels.web.browser import DESKTOP, needs_chromium, staff_login
from tests.channels.web.conftest import PASSWORDS

CRAFTED = "..\\customers\\c059\\erase?"


def _plant(services: Services, conv_id: str, customer: str = "c001") -> None:
    """A conversation row with this id, as an older version of shopbot would have stored it (bypassing today's checks)."""
    services.store.ensure_customer(customer, name="Cleo")
    with services.store.tx() as db:
        db["conversations"].insert(
            {
                "id": conv_id,
                "customer_id": customer,
                "channel": "api",
                "started_at": "2026-11-29T10:00:00",
                "updated_at": "2026-11-29T10:00:00",
            }
        )
    services.store.add_message(conv_id, "in", "hello")


@pytest.mark.parametrize(
    "bad", [CRAFTED, "../staff", "a/b", "x?y=1", "id with space", "<script>", "é", "a" * 65, "a.b"]
)
async def test_the_api_refuses_ids_that_are_not_ours(anon: httpx.AsyncClient, services: Services, bad: str) -> None:
    services.store.ensure_customer("c059", name="Victim")
    for path in ("/api/chat", "/api/chat/stream"):
        r = await anon.post(path, json={"text": "hi", "conversation_id": bad})
        assert r.status_code == 422, r.text
        assert len(r.content) < 400 and "conversation_id" in r.text
    with pytest.raises(StoreError):
        services.store.open_conversation("c059", "api", conversation_id=bad)
    assert services.store.get_customer("c059") is not None


async def test_the_chat_page_refuses_them_too(anon: httpx.AsyncClient) -> None:
    await anon.get("/")  # the shopper cookie
    r = await anon.post("/chat/stream", json={"text": "hi", "conversation_id": CRAFTED})
    assert r.status_code == 422


async def test_ids_are_url_encoded_in_every_staff_link(
    admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    client, _ = admin
    services.store.ensure_customer("c059", name="Victim")
    _plant(services, CRAFTED)
    encoded = "..%5Ccustomers%5Cc059%5Cerase%3F"
    page = (await client.get("/staff/c/" + encoded)).text
    assert f'action="/staff/c/{encoded}/takeover"' in page
    assert f'action="/staff/c/{encoded}/reply"' in page and f'action="/staff/c/{encoded}/note"' in page
    assert "c059\\erase?/takeover" not in page
    listing = (await client.get("/staff")).text
    assert f'href="/staff/c/{encoded}"' in listing


async def test_erase_needs_the_confirmation_form_naming_the_customer(
    admin: tuple[httpx.AsyncClient, str], services: Services
) -> None:
    client, csrf = admin
    services.store.ensure_customer("c059", name="Victim")
    # what the crafted link used to produce: a CSRF-valid post to the erase URL, with no confirmation
    r = await client.post("/staff/customers/c059/erase", data={"csrf": csrf})
    assert r.status_code == 303 and r.headers["location"] == "/staff/customers/c059/erase"
    assert services.store.get_customer("c059") is not None
    r = await client.post("/staff/customers/c059/erase", data={"csrf": csrf, "confirm": "c001"})
    assert services.store.get_customer("c059") is not None
    page = (await client.get("/staff/customers/c059/erase")).text
    assert 'id="erase-target">c059<' in page and "Victim" in page
    r = await client.post("/staff/customers/c059/erase", data={"csrf": csrf, "confirm": "c059"})
    assert r.status_code == 303 and services.store.get_customer("c059") is None


async def test_server_issued_ids_are_what_the_api_returns(anon: httpx.AsyncClient) -> None:
    reply = (await anon.post("/api/chat", json={"text": "Do you ship to Canada?"})).json()
    assert reply["conversation_id"].startswith("conv-")
    assert json.dumps(reply["conversation_id"]).strip('"').replace("-", "").isalnum()


@needs_chromium
@pytest.mark.browser
def test_take_over_click_in_chromium_posts_to_the_conversation(browser: Any, server: str, services: Services) -> None:
    services.store.ensure_customer("c059", name="Victim")
    _plant(services, CRAFTED)
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    posted: list[str] = []
    page.on("request", lambda req: posted.append(req.url) if req.method == "POST" else None)
    try:
        staff_login(page, server, "alice", PASSWORDS["alice"])
        page.locator("#rows a", has_text="hello").first.click()
        page.wait_for_selector("#takeover")
        page.click("#takeover")
        page.wait_for_selector("#handback")
    finally:
        ctx.close()
    assert services.store.get_customer("c059") is not None
    assert services.store.get_conversation(CRAFTED)["mode"] == "staff"
    assert not [u for u in posted if "/customers/" in u]
    assert any(u.endswith("/staff/c/..%5Ccustomers%5Cc059%5Cerase%3F/takeover") for u in posted), posted
