"""POST /api/orders over real HTTP, and the web inbox: delivered when the shopper opens the chat; STOP unsubscribes."""

from __future__ import annotations

import httpx
from pydantic import SecretStr

from bot.campaigns.model import Offer, Target, Variant
from bot.channels.web.app import create_app
from tests.campaigns.conftest import shop_settings
from tests.support.intents import small_services
from tests.support.live_server import live_server

TOKEN = "orders-token-123"


def _app(tmp_path, knowledge_dir):
    svc = small_services(shop_settings(tmp_path / "var", knowledge_dir, admin_token=SecretStr(TOKEN)))
    return svc, create_app(svc)


def test_post_orders_needs_the_token_and_validates_everything_first(tmp_path, knowledge_dir):
    svc, app = _app(tmp_path, knowledge_dir)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    good = {
        "order_id": "H1",
        "customer_id": "h1",
        "date": "2026-11-20T10:00:00Z",
        "items": [{"sku": "NT-JNS-0001", "qty": 1, "price": 59.9}],
    }
    with live_server(app) as url:
        assert httpx.post(f"{url}/api/orders", json=good).status_code == 401
        assert httpx.post(f"{url}/api/orders", json=good, headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = httpx.post(f"{url}/api/orders", json=[good, {**good, "order_id": "H2", "items": []}], headers=auth)
        assert r.status_code == 422 and "orders[1]" in r.json()["detail"] and "items" in r.json()["detail"]
        assert svc.store.get_order("H1") is None  # nothing stored from a batch with a bad order
        bad = httpx.post(
            f"{url}/api/orders", content=b"\xff\x00junk", headers={**auth, "content-type": "application/json"}
        )
        assert bad.status_code == 400
        assert httpx.post(f"{url}/api/orders", json="hello", headers=auth).status_code == 422
        r = httpx.post(f"{url}/api/orders", json={"orders": [good]}, headers=auth)
        assert r.status_code == 200 and r.json()["created"] == 1
        r = httpx.post(f"{url}/api/orders", json={**good, "status": "delivered"}, headers=auth)
        assert r.json()["updated"] == 1 and svc.store.get_order("H1")["status"] == "delivered"


def test_web_inbox_delivered_on_next_visit_and_stop_unsubscribes(tmp_path, knowledge_dir):
    svc, app = _app(tmp_path, knowledge_dir)
    with live_server(app) as url, httpx.Client(base_url=url) as browser:
        assert browser.get("/").status_code == 200  # the first visit sets the cookie
        browser.post("/chat/stream", json={"text": "hi"})  # the first message creates the customer
        customer = svc.store.find_customer(web_cookie=browser.cookies["shopbot_shopper"])
        svc.store.update_customer(customer["id"], name="Rosa Park")
        svc.campaign_store.set_consent(customer["id"], True, source="web form")
        cs = svc.campaigns
        cid = cs.draft(
            name="Web jeans",
            channel="web",
            target=Target(),
            offer=Offer(mode="products", skus=["NT-JNS-0002"]),
            tone="friendly",
            variants=[Variant("A")],
            actor="admin",
        )
        cs.approve(cid, actor="admin")
        cs.queue(cid, actor="admin")
        assert svc.campaign_store.counts(cid) == {"queued": 1}
        page = browser.get("/").text
        assert "Hi Rosa!" in page and "Relaxed Black Jeans for 89.00 USD" in page and "STOP" in page
        row = svc.campaign_store.recipients(cid)[0]
        assert row["status"] == "sent" and row["opened_at"]
        assert browser.get("/").text.count("Hi Rosa!") == 1  # delivered once
        r = browser.post("/chat/stream", json={"text": "STOP"})
        assert "no more offers" in r.text
        assert not svc.campaign_store.consent(customer["id"])


def test_web_unsubscribe_button_and_privacy_commands(tmp_path, knowledge_dir):
    """The Unsubscribe button's endpoint acts only for the shopper whose conversation holds the campaign message;
    /privacy works in the web chat as in Telegram."""
    svc, app = _app(tmp_path, knowledge_dir)
    with live_server(app) as url, httpx.Client(base_url=url) as shopper, httpx.Client(base_url=url) as other:
        for client in (shopper, other):
            client.get("/")
            client.post("/chat/stream", json={"text": "hi"})  # the first message creates the customer
        customer = svc.store.find_customer(web_cookie=shopper.cookies["shopbot_shopper"])
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
        page = shopper.get("/").text
        assert page.count('class="unsub-btn"') == 1
        message_id = int(page.split('class="unsub-btn" data-message-id="')[1].split('"')[0])
        conv = svc.store.get_message(message_id)["conversation_id"]
        plain = svc.store.add_message(conv, "out", "A normal reply.")  # not a campaign message
        assert other.post("/chat/unsubscribe", json={"message_id": message_id}).status_code == 404  # not theirs
        assert shopper.post("/chat/unsubscribe", json={"message_id": plain}).status_code == 404
        assert shopper.post("/chat/unsubscribe", json={"message_id": 10**9}).status_code == 404
        form = shopper.post(
            "/chat/unsubscribe", content=f'{{"message_id": {message_id}}}', headers={"content-type": "text/plain"}
        )
        assert form.status_code in (415, 422)  # what a cross-site form can send is refused
        assert shopper.post("/chat/unsubscribe", json={"message_id": "x"}).status_code == 422
        assert svc.campaign_store.consent(customer["id"])  # nothing above changed it
        assert other.post("/chat/offer", json={"message_id": message_id}).status_code == 404
        assert shopper.post("/chat/offer", json={"message_id": plain}).status_code == 404
        assert svc.campaign_store.recipients(cid)[0]["clicked_at"] is None
        offer = shopper.post("/chat/offer", json={"message_id": message_id}).json()["product"]
        assert offer["name"] == "Relaxed Black Jeans" and offer["price"] == 89.0
        assert svc.campaign_store.recipients(cid)[0]["clicked_at"]  # the click counts for the campaign
        r = shopper.post("/chat/unsubscribe", json={"message_id": message_id})
        assert r.status_code == 200 and "no more offers" in r.json()["text"]
        assert not svc.campaign_store.consent(customer["id"])
        assert svc.campaign_store.recipients(cid)[0]["opted_out_at"]

        def say(text: str) -> str:
            return shopper.post("/chat/stream", json={"text": text}).text

        assert "offers from the shop are off" in say("/privacy")
        assert "occasional offers" in say("/privacy marketing on") and svc.campaign_store.consent(customer["id"])
        assert "no more offers" in say("/privacy marketing off") and not svc.campaign_store.consent(customer["id"])
        say("/privacy marketing on")
        assert "are off" in say("/privacy off")
        assert (
            not svc.campaign_store.consent(customer["id"])
            and svc.store.get_customer(customer["id"])["personalization"] == 0
        )
        assert "suggestions are on" in say("/privacy on")
        say("/privacy marketing on")
        assert "no more offers" in say("/stop") and not svc.campaign_store.consent(customer["id"])
        sources = [h["source"] for h in svc.campaign_store.consent_history(customer["id"])]
        assert {"web:unsubscribe button", "web:/privacy off", "web:/privacy marketing off", "web:STOP"} <= set(sources)
