"""Real Chromium: an admin creates a campaign for a segment, previews and approves it, sends it through the fake Bot API;
a shopper clicks, an order arrives through POST /api/orders, and the report shows the conversion."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.campaigns.audience import segment_tags
from bot.channels.web.app import create_app
from tests.channels.web.browser import DESKTOP, needs_chromium, shot, staff_login
from tests.channels.web.conftest import PASSWORDS
from tests.fakes.telegram_api import FakeTelegram, fake_telegram
from tests.support.intents import small_services
from tests.support.live_server import live_server

pytestmark = [needs_chromium, pytest.mark.browser]


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with fake_telegram() as server:
        yield server
    assert server.rate_violations() == []


def _shop(web_settings: Any, staff_db: Any, fake: FakeTelegram) -> Any:
    import shutil

    settings = web_settings.model_copy(
        update={"telegram_token": SecretStr(fake.token), "telegram_base_url": fake.base_url}
    )
    settings.home.mkdir(parents=True, exist_ok=True)
    shutil.copy(staff_db, settings.db_path)
    svc = small_services(settings)
    svc.kb.open()
    now = datetime.now(UTC)
    for i, history in enumerate(((200, 230, 260), (210, 240, 270), (5,))):  # two lapsed repeat buyers and one new one
        cid = f"b{i}"
        svc.store.ensure_customer(cid, name=f"Buyer{i} Test", telegram_id=str(7000 + i))
        svc.campaign_store.set_consent(cid, True, source="test signup")
        for n, days in enumerate(history):
            svc.campaign_store.upsert_order(
                {
                    "order_id": f"OLD-{i}-{n}",
                    "customer_id": cid,
                    "date": (now - timedelta(days=days)).isoformat(),
                    "status": "delivered",
                    "items": [{"sku": "NT-JNS-0002", "qty": 1, "price": 89.0}],
                    "total": 89.0,
                }
            )
    return svc


def test_campaign_end_to_end(browser: Any, fake: FakeTelegram, web_settings: Any, staff_db: Any) -> None:
    svc = _shop(web_settings, staff_db, fake)
    tags = segment_tags(svc.store, svc.kb.products())
    segment = "at risk"
    assert segment in tags["b0"] and segment in tags["b1"] and segment not in tags["b2"], (
        tags
    )  # the segment tells the lapsed buyers from the recent one
    with live_server(create_app(svc)) as url:
        ctx = browser.new_context(viewport=DESKTOP)
        page = ctx.new_page()
        staff_login(page, url, "alice", PASSWORDS["alice"])
        page.goto(f"{url}/staff/campaigns")
        page.fill("input[name=name]", "Come back for denim")
        page.fill("input[name=segments]", segment)
        page.fill("input[name=skus]", "NT-JNS-0001")
        page.fill("input[name=variants]", "A:50,B:50:urgent")
        page.click("#create")
        page.wait_for_selector("#approve")
        assert page.locator(".copy .verdict.ok").count() == 2  # preview: both variants pass the verifier
        assert "Slim Blue Jeans for 59.90 USD" in page.locator(".copy pre.example").first.text_content()
        shot(page, "campaign-draft-desktop")
        page.click("#approve")
        page.wait_for_selector("#send")
        page.click("#send")
        page.wait_for_selector("#status:text-is('done')", timeout=30_000)  # live progress: the page polls, then reloads
        chats = sorted(c.chat_id for c in fake.sent())
        assert chats == [7000, 7001]  # the segment only, each once
        cid = svc.campaign_store.campaigns()[0]["id"]
        rows = {r["customer_id"]: r for r in svc.campaign_store.recipients(cid)}
        fake.press(7000, f"cc:{rows['b0']['id']}")  # the shopper taps "Show me"
        fake.wait_for(
            lambda: svc.campaign_store.recipient(rows["b0"]["id"])["clicked_at"] is not None, what="click recorded"
        )
        order = {
            "order_id": "WEB-1",
            "customer_id": "b0",
            "date": datetime.now(UTC).isoformat(),
            "items": [{"sku": "NT-BTS-0004", "qty": 1, "price": 120.0}],
        }
        r = httpx.post(f"{url}/api/orders", json=order, headers={"Authorization": "Bearer test-admin-token"})
        assert r.status_code == 200 and r.json()["attributed"] == 1
        page.goto(f"{url}/staff/campaigns/{cid}")
        total = page.locator("#report tr.total")
        assert total.locator(".conversions").text_content().strip() == "1"
        variant = rows["b0"]["variant"]
        assert page.locator(f"#report tr[data-variant='{variant}'] .conversions").text_content().strip() == "1"
        assert "120.00" in total.text_content()
        assert page.locator("#report svg.chart").count() == 1 and page.locator("p.ab").count() == 1
        shot(page, "campaign-report-desktop", full_page=True)
        ctx.close()


def test_web_campaign_unsubscribe_button(browser: Any, web_settings: Any) -> None:
    """A web-inbox campaign message carries Show me and Unsubscribe buttons: Show me records the click and shows the
    product, Unsubscribe opts the shopper out at once; another shopper cannot use the buttons' message id."""
    from bot.campaigns.model import Offer, Target, Variant

    svc = small_services(web_settings)
    svc.kb.open()
    with live_server(create_app(svc)) as url:
        ctx = browser.new_context(viewport=DESKTOP)
        page = ctx.new_page()
        page.goto(url + "/")  # the first visit sets the cookie
        cookie = next(c["value"] for c in ctx.cookies() if c["name"] == "shopbot_shopper")
        httpx.post(url + "/chat/stream", json={"text": "hi"}, cookies={"shopbot_shopper": cookie})  # creates them
        customer = svc.store.find_customer(web_cookie=cookie)
        svc.store.update_customer(customer["id"], name="Rosa Park")
        svc.campaign_store.set_consent(customer["id"], True, source="web form")
        cs = svc.campaigns
        cid = cs.draft(
            name="Web jeans",
            channel="web",
            target=Target(),
            offer=Offer(mode="products", skus=["NT-JNS-0002"]),
            variants=[Variant("A")],
            actor="admin",
        )
        cs.approve(cid, actor="admin")
        cs.queue(cid, actor="admin")
        page.goto(url + "/")  # the next visit delivers it
        message = page.locator("#log li.msg.bot", has_text="Hi Rosa!")
        assert "Relaxed Black Jeans for 89.00 USD" in message.text_content()
        button = message.locator(".unsub-btn")
        assert button.is_visible() and svc.campaign_store.consent(customer["id"])
        message_id = int(button.get_attribute("data-message-id"))
        stranger = httpx.Client(base_url=url)
        stranger.get("/")  # another shopper's cookie
        stranger.post("/chat/stream", json={"text": "hi"})
        assert stranger.post("/chat/unsubscribe", json={"message_id": message_id}).status_code == 404
        assert httpx.post(f"{url}/chat/unsubscribe", json={"message_id": message_id}).status_code == 401  # no cookie
        assert svc.campaign_store.consent(customer["id"])  # neither changed anything
        message.locator(".offer-btn").click()  # "Show me": the offered product, and the click recorded
        page.wait_for_selector(".offer-card")
        assert "89.00 USD" in message.locator(".offer-card").text_content()
        assert svc.campaign_store.recipients(cid)[0]["clicked_at"]
        shot(page, "campaign-web-message-desktop")
        button.click()
        page.wait_for_selector(".unsub-done")
        assert "no more offers" in message.locator(".unsub-done").text_content()
        assert not svc.campaign_store.consent(customer["id"])
        assert svc.campaign_store.recipients(cid)[0]["opted_out_at"]  # the report counts the opt-out for the campaign
        assert any(h["source"] == "web:unsubscribe button" for h in svc.campaign_store.consent_history(customer["id"]))
        stranger.close()
        ctx.close()
