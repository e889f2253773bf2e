"""Real headless Chromium: an admin edits an article, a staff answer becomes a published FAQ, a shopper sends a photo."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services
from tests.channels.web.browser import DESKTOP, PHONE, needs_chromium, shot, staff_login
from tests.channels.web.conftest import PASSWORDS

pytestmark = [needs_chromium, pytest.mark.browser]

PRICE_Q = "How much does standard shipping cost?"
GIFT_Q = "How much does gift wrapping cost?"
ANSWERED = "#log li.msg.bot:not(.intro) .fb"


@pytest.fixture
def contexts(browser: Any, server: str) -> Iterator[Any]:
    """New browser contexts (separate cookies) on demand, all closed before the server stops (hence `server`)."""
    made: list[Any] = []

    def new(viewport: dict[str, int] = DESKTOP) -> Any:
        ctx = browser.new_context(viewport=viewport)
        made.append(ctx)
        return ctx.new_page()

    yield new
    for ctx in made:
        ctx.close()


def _ask(page: Any, text: str) -> str:
    """Send a message on the chat page and return the bot's finished reply."""
    before = page.locator(ANSWERED).count()
    page.fill("#text", text)
    page.click("#send")
    page.wait_for_function(f"() => document.querySelectorAll({ANSWERED!r}).length > {before}", timeout=20_000)
    return str(page.locator("#log li.msg.bot:not(.intro) .text").last.text_content())


def png(width: int = 24, height: int = 16) -> bytes:
    """A real (decodable) PNG: an orange rectangle."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xf9\x73\x16" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_an_admin_edits_an_article_the_bot_uses_it_and_a_broken_edit_is_refused(
    contexts: Any, server: str, services: Services, knowledge_dir: Path
) -> None:
    shopper, admin = contexts(PHONE), contexts()
    shopper.goto(server + "/")
    assert "8 dollars" in _ask(shopper, PRICE_Q)

    staff_login(admin, server, "alice", PASSWORDS["alice"])
    admin.goto(server + "/staff/kb")
    admin.click("#articles-link")
    admin.fill("#kb-q", "standard shipping")
    admin.click("form[role=search] button[type=submit]")
    admin.locator("#articles a", has_text="Shipping").click()
    admin.wait_for_selector("#article h2")
    assert admin.locator("#article-path").text_content() == "policies/shipping.md"
    text = admin.input_value("#article-text")
    admin.fill("#article-text", text.replace("costs 8 dollars", "costs 6 dollars"))
    admin.click("#preview-button")
    admin.locator("#preview", has_text="costs 6 dollars").wait_for(timeout=10_000)
    shot(admin, "kb-edit-desktop")
    admin.click("#save-article")
    admin.locator(".notice", has_text="now serving").wait_for(timeout=30_000)
    assert "costs 6 dollars" in str(admin.locator("#article").text_content())
    assert admin.locator("#history tr.edit-saved", has_text="alice").count() == 1

    reply = _ask(shopper, PRICE_Q)  # the bot's next answer uses the new text
    assert "6 dollars" in reply and "8 dollars" not in reply

    serving = services.kb.serving_version
    admin.fill("#article-text", "---\ntitle: Shipping\ncategory: [policy\n---\nStandard shipping costs 1 dollar.\n")
    admin.click("#save-article")
    error = admin.locator("#edit-error")
    error.wait_for(timeout=30_000)
    assert "front matter" in str(error.text_content()) and "previous version is still serving" in str(
        error.text_content()
    )
    shot(admin, "kb-edit-refused-desktop")
    assert services.kb.serving_version == serving
    assert "costs 6 dollars" in (knowledge_dir / "policies" / "shipping.md").read_text(encoding="utf-8")
    reply = _ask(shopper, PRICE_Q)  # the old version keeps serving
    assert "6 dollars" in reply and "1 dollar" not in reply
    admin.goto(server + "/staff/kb/edits")
    assert admin.locator("tr.edit-rejected", has_text="alice").count() == 1


def test_a_staff_answer_becomes_a_faq_entry_the_bot_answers_from(
    contexts: Any, server: str, services: Services, knowledge_dir: Path
) -> None:
    shopper, agent, admin = contexts(PHONE), contexts(), contexts()
    shopper.goto(server + "/")
    assert "5 dollars" not in _ask(shopper, GIFT_Q)  # the bot does not know yet

    staff_login(agent, server, "bob", PASSWORDS["bob"])
    agent.locator("#rows tr[data-id] a").first.click()
    agent.wait_for_selector("#takeover")
    agent.click("#takeover")
    agent.wait_for_selector("#handback")
    agent.fill("#reply-text", "Gift wrapping costs 5 dollars per order. Tick the box at checkout.")
    agent.click("#reply-form button[type=submit]")
    shopper.locator("#log li.msg.staff", has_text="5 dollars").wait_for(timeout=10_000)
    agent.locator(".msg-staff .make-draft").first.click()
    agent.wait_for_url("**/staff/kb/drafts/*")
    draft_url = agent.url
    assert agent.locator("h1").text_content().startswith("FAQ draft")  # type: ignore[union-attr]
    assert GIFT_Q in str(agent.locator("main").text_content())
    assert agent.locator("#publish").count() == 0  # agents cannot publish

    staff_login(admin, server, "alice", PASSWORDS["alice"])
    admin.goto(server + "/staff/kb/articles")
    admin.locator("#drafts a", has_text=GIFT_Q).click()
    assert admin.url == draft_url
    assert admin.input_value("#draft-question") == GIFT_Q
    shot(admin, "kb-draft-desktop")
    admin.click("#publish")
    admin.locator(".notice", has_text="Published").wait_for(timeout=30_000)
    assert "5 dollars" in str(admin.locator("#article").text_content())
    [published] = services.knowledge_store.drafts(status="published")
    assert (knowledge_dir / published["path"]).is_file()

    other = contexts(PHONE)  # a new shopper asks the same question
    other.goto(server + "/")
    reply = _ask(other, GIFT_Q)
    assert "5 dollars" in reply
    assert other.locator("#log li.msg.bot .sources li").first.text_content() == GIFT_Q


def test_a_shopper_sends_a_photo_and_the_agent_sees_it(
    contexts: Any, server: str, services: Services, tmp_path: Path
) -> None:
    shopper, agent = contexts(PHONE), contexts()
    shopper.goto(server + "/")
    _ask(shopper, "My jeans arrived torn")
    staff_login(agent, server, "bob", PASSWORDS["bob"])
    agent.locator("#rows tr[data-id] a").first.click()
    agent.wait_for_selector("#takeover")
    agent.click("#takeover")
    agent.wait_for_selector("#handback")
    agent.fill("#reply-text", "Sorry about that! Could you send a photo of the damage?")
    agent.click("#reply-form button[type=submit]")
    shopper.locator("#log li.msg.staff", has_text="send a photo").wait_for(timeout=10_000)

    photo = tmp_path / "torn-jeans.png"
    photo.write_bytes(png())
    shopper.set_input_files("#photo", str(photo))
    shopper.locator("#log li.msg.me.photo-sent").wait_for(timeout=10_000)
    shot(shopper, "chat-photo-phone")

    img = agent.locator(".msg-in img.attachment-img")
    img.wait_for(timeout=10_000)  # the transcript refreshed live
    agent.wait_for_function(
        "() => { const i = document.querySelector('.msg-in img.attachment-img'); return i && i.complete && i.naturalWidth === 24; }"
    )
    shot(agent, "conversation-photo-desktop")

    fake = tmp_path / "invoice.png"
    fake.write_bytes(b"%PDF-1.7\nnot an image\n")  # lies about its type
    shopper.set_input_files("#photo", str(fake))
    shopper.locator("#log li.msg.system", has_text="not sent").wait_for(timeout=10_000)
    with services.store.tx() as db:
        assert db.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
