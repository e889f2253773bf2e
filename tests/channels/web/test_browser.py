"""Real headless Chromium: shopper and staff flows live, KB reload from the dashboard, and an XSS probe."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services
from bot.channels.web.app import create_app
from bot.config import Settings
from tests.channels.web.browser import DESKTOP, PHONE, needs_chromium, shot, staff_login
from tests.channels.web.conftest import PASSWORDS
from tests.support.intents import small_services
from tests.support.live_server import live_server

pytestmark = [needs_chromium, pytest.mark.browser]

UK = "Do you ship to the United Kingdom?"


@pytest.fixture
def pages(browser: Any, server: str) -> Iterator[tuple[Any, Any]]:
    """A shopper page and a staff page in separate browser contexts (separate cookies), closed before the server stops.

    The Content-Security-Policy is bypassed so that the XSS probe proves the escaping itself, not the CSP safety net.
    """
    shopper_ctx = browser.new_context(viewport=PHONE, bypass_csp=True)
    staff_ctx = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    yield shopper_ctx.new_page(), staff_ctx.new_page()
    shopper_ctx.close()
    staff_ctx.close()


ANSWERED = "#log li.msg.bot:not(.intro) .fb"


def _send(page: Any, text: str) -> None:
    page.fill("#text", text)
    page.click("#send")


def _ask(page: Any, text: str) -> str:
    """Send a message and wait for the bot's finished reply (its feedback buttons appear last)."""
    before = page.locator(ANSWERED).count()
    _send(page, text)
    page.wait_for_function(f"() => document.querySelectorAll({ANSWERED!r}).length > {before}", timeout=20_000)
    return page.locator("#log li.msg.bot:not(.intro) .text").last.text_content()


def test_shopper_and_staff_live(pages: tuple[Any, Any], server: str, services: Services) -> None:
    shopper, staff = pages
    staff_login(staff, server, "bob", PASSWORDS["bob"])
    staff.wait_for_function("document.body.dataset.live === '1'")  # the SSE feed is open
    shopper.goto(server + "/")
    shot(shopper, "chat-empty-phone")

    assert _ask(shopper, UK)
    assert shopper.locator("#log li.msg.bot .sources li").first.text_content() == "Shipping"
    shot(shopper, "chat-reply-phone")

    assert staff.locator("#rows tr[data-id]").count() == 0
    row = staff.locator("#rows tr[data-id]", has_text="web")
    row.wait_for(timeout=10_000)  # appeared without a page load
    shot(staff, "dashboard-list-desktop")
    row.locator("a").first.click()
    staff.wait_for_selector("#takeover")
    assert staff.locator(".msg-in .text").first.text_content() == UK
    staff.click("#takeover")
    staff.wait_for_selector("#handback")
    shopper.locator("#log li.msg.system", has_text="joined").wait_for(timeout=10_000)

    staff.fill("#reply-text", "Hi, Bob here. We only ship to the US and Canada, sorry!")
    staff.click("#reply-form button[type=submit]")
    shopper.locator("#log li.msg.staff", has_text="Bob here").wait_for(timeout=10_000)
    assert shopper.locator("#log li.msg.staff .author").last.text_content() == "bob"

    bot_replies = shopper.locator("#log li.msg.bot:not(.intro)").count()
    _send(shopper, "Thanks, can you check my order too?")
    staff.locator(".msg-in .text", has_text="check my order").wait_for(timeout=10_000)  # transcript refreshed live
    shopper.wait_for_function("!document.querySelector('#log li.msg.pending')")
    assert shopper.locator("#log li.msg.bot:not(.intro)").count() == bot_replies  # the bot stays silent in staff mode
    shot(staff, "conversation-desktop")

    staff.click("#handback")
    staff.wait_for_selector("#takeover")
    shopper.locator("#log li.msg.system", has_text="shop assistant again").wait_for(timeout=10_000)
    assert _ask(shopper, "How long does shipping take?")
    assert shopper.locator("#log li.msg.bot:not(.intro)").count() == bot_replies + 1
    shot(shopper, "chat-staff-reply-phone")

    shopper.locator("#log li.msg.bot:not(.intro) .fb-btn[data-value='-1']").last.click()
    shopper.wait_for_selector("#log li.msg.bot:not(.intro) .fb-btn[data-value='-1'][aria-pressed=true]")
    conv_id = services.store.list_conversations(channel="web")[0]["id"]
    assert "negative_feedback" in services.store.get_conversation(conv_id)["flags"]


def test_returning_shopper_sees_history(pages: tuple[Any, Any], server: str) -> None:
    shopper, _ = pages
    shopper.goto(server + "/")
    _ask(shopper, UK)
    shopper.reload()
    assert shopper.locator("#log li.msg.me .text").first.text_content() == UK


def test_admin_reloads_the_knowledge_base(
    pages: tuple[Any, Any], server: str, services: Services, knowledge_dir: Path
) -> None:
    _, admin = pages
    staff_login(admin, server, "alice", PASSWORDS["alice"])
    admin.goto(server + "/staff/kb")
    before = admin.locator("#serving").text_content()
    (knowledge_dir / "policies" / "gift.md").write_text("# Gift cards\n\nGift cards never expire.\n", encoding="utf-8")
    admin.click("#reload")
    admin.wait_for_function(f"document.querySelector('#serving').textContent !== {before!r}", timeout=30_000)
    after = admin.locator("#serving").text_content()
    assert after == services.kb.status()["current"] != before
    assert admin.locator("#versions tr.current").text_content().strip().startswith(after)
    assert "Last reload" in admin.locator("#last-result").text_content()
    shot(admin, "kb-desktop")


XSS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2; alert(2)">',
    "[click me](javascript:window.__xss=3)",
    '<a href="javascript:window.__xss=4">link</a><svg onload="window.__xss=5">',
]


def test_xss_probe(pages: tuple[Any, Any], server: str, services: Services, knowledge_dir: Path) -> None:
    shopper, staff = pages
    dialogs: list[str] = []
    for page in (shopper, staff):
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    (knowledge_dir / "policies" / "evil.md").write_text(
        '---\ntitle: "<img src=x onerror=window.__xss=6>"\n---\n# <script>window.__xss=7</script>\n\nShipping is free <b onmouseover=alert(7)>.\n',
        encoding="utf-8",
    )
    services.kb.reload()
    shopper.goto(server + "/")
    for text in XSS:
        _ask(shopper, text)
    conv = services.store.list_conversations(channel="web")[0]
    services.store.update_customer(conv["customer_id"], name='<img src=x onerror="window.__xss=8">')
    services.staff_reply(conv["id"], '<img src=x onerror="window.__xss=9">staff', staff="<b>bob</b>")
    shopper.locator("#log li.msg.staff").wait_for(timeout=10_000)
    shopper.reload()  # history rendered by the server
    assert shopper.locator("#log li.msg.me .text").first.text_content() == XSS[0]

    staff_login(staff, server, "alice", PASSWORDS["alice"])
    visited = [
        "/staff",
        f"/staff/c/{conv['id']}",
        f"/staff/customers/{conv['customer_id']}",
        "/staff/kb",
        "/staff/metrics",
        "/staff?q=script",
    ]
    for path in visited:
        staff.goto(server + path)
        staff.wait_for_load_state("load")
        staff.wait_for_timeout(200)
        assert staff.evaluate("window.__xss") is None, path
    staff.goto(f"{server}/staff/c/{conv['id']}")
    texts = staff.locator(".msg-in .text").all_text_contents()
    assert texts[: len(XSS)] == XSS  # shown literally
    assert staff.locator(".msg img, .msg script, .msg svg, .customer img").count() == 0
    shot(staff, "xss-probe-desktop")
    assert shopper.evaluate("window.__xss") is None
    assert dialogs == []


def test_recommendation_card_click_is_counted(browser: Any, web_settings: Settings, staff_db: Path) -> None:
    web_settings.home.mkdir(parents=True, exist_ok=True)
    shutil.copy(staff_db, web_settings.db_path)
    # a second pair of blue jeans: a recommendation must match what this turn asks about (blue jeans)
    catalog = web_settings.knowledge_dir / "catalog" / "products.jsonl"
    extra = {
        "sku": "NT-JNS-0005",
        "name": "Straight Blue Jeans",
        "brand": "Levi's",
        "category": "jeans",
        "description": "Straight-leg jeans in mid-blue denim.",
        "sizes": ["M", "L"],
        "colors": ["blue"],
        "material": "denim",
        "price": 69.0,
        "currency": "USD",
        "stock": {"M": 5, "L": 2},
        "rating": 4.4,
    }
    catalog.write_text(catalog.read_text(encoding="utf-8") + json.dumps(extra) + "\n", encoding="utf-8")
    services = small_services(web_settings.model_copy(update={"recommend": True, "recommend_every_n_turns": 1}))
    services.kb.open()
    for i in range(12):  # purchase history for the recommender to learn from
        services.store.ensure_customer(f"h{i}")
        for sku in ["NT-JNS-0001", "NT-JNS-0005"] if i % 2 else ["NT-JKT-0003", "NT-BTS-0004"]:
            services.store.add_interaction(f"h{i}", sku, "purchase")
    with live_server(create_app(services)) as url:
        ctx = browser.new_context(viewport=PHONE)
        page = ctx.new_page()
        page.goto(url + "/")
        # a question about one product may carry one recommendation (a product list may not)
        _ask(page, "How much are the Slim Blue Jeans?")
        card = page.locator("#log .cards a.card:has(.reason)").first
        card.wait_for()
        assert card.locator("strong").text_content() and card.locator(".reason").text_content()
        shot(page, "chat-card-phone")
        card.click()
        page.wait_for_timeout(300)
        ctx.close()
    assert len(services.store.events("rec_click")) == 1 and len(services.store.events("rec_impression")) == 1
    assert (
        services.store.events("rec_click")[0]["data"]["sku"]
        == services.store.events("rec_impression")[0]["data"]["sku"]
    )
