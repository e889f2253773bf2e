"""Real headless Chromium, a full shift: two agents sign in; conversations that ask for a person are assigned
round-robin; one agent takes a conversation, uses a canned reply, asks for a photo and sees it, resolves; the shopper
rates it; the rating shows on the metrics page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services
from tests.channels.web.browser import DESKTOP, PHONE, needs_chromium, shot, staff_login
from tests.channels.web.conftest import PASSWORDS
from tests.channels.web.test_browser import _ask
from tests.channels.web.test_learning_browser import png

pytestmark = [needs_chromium, pytest.mark.browser]

RETURNS = "You can send unworn items back; I have opened a return for you and will e-mail the label."


@pytest.fixture
def contexts(browser: Any, server: str) -> Iterator[Any]:
    """New pages in separate browser contexts (separate cookies), closed before the server stops."""
    made: list[Any] = []

    def new(viewport: dict[str, int] = DESKTOP) -> Any:
        ctx = browser.new_context(viewport=viewport, bypass_csp=True)  # CSP bypassed only for wait_for_function
        made.append(ctx)
        return ctx.new_page()

    yield new
    for ctx in made:
        ctx.close()


def test_a_full_shift(contexts: Any, server: str, services: Services, tmp_path: Path) -> None:
    alice, bob = contexts(), contexts()
    staff_login(alice, server, "alice", PASSWORDS["alice"])
    staff_login(bob, server, "bob", PASSWORDS["bob"])

    # the admin adds a canned reply in the browser
    alice.goto(server + "/staff/canned")
    alice.fill("#canned-form input[name=shortcut]", "/returns")
    alice.fill("#canned-form textarea[name=text]", RETURNS)
    alice.click("#canned-form button[type=submit]")
    alice.locator('#canned tr[data-shortcut="returns"]').wait_for()

    # two shoppers ask for a person: one conversation each goes to alice and to bob (both are online)
    shoppers, convs = [], []
    for question in ("My jeans arrived torn", "Do you ship to the United Kingdom?"):
        shopper = contexts(PHONE)
        shopper.goto(server + "/")
        _ask(shopper, question)
        shopper.click("#handoff")
        shopper.locator("#log li.msg.system", has_text="member of our team").wait_for(timeout=10_000)
        shoppers.append(shopper)
        convs.append(services.store.list_conversations(channel="web")[0]["id"])
    deadline = time.monotonic() + 10  # the round-robin assigner listens to the live feed
    while not all(services.store.get_conversation(c)["assigned_to"] for c in convs) and time.monotonic() < deadline:
        time.sleep(0.05)
    owners = [services.store.get_conversation(c)["assigned_to"] for c in convs]
    assert sorted(owners) == ["alice", "bob"]
    mine = convs[owners.index("bob")]
    shopper = shoppers[owners.index("bob")]

    bob.goto(server + "/staff?view=mine")
    assert bob.locator("#rows tr[data-id]").count() == 1
    row = bob.locator(f'#rows tr[data-id="{mine}"]')
    assert row.locator("td.assignee").text_content().strip() == "bob"
    assert "Asked for a person" in row.locator("td.attention").text_content()
    assert "unread" in row.text_content()
    shot(bob, "shift-mine-desktop")

    # bob takes it, answers with the canned reply (edited a little), and asks for a photo
    row.locator("a").first.click()
    bob.wait_for_selector("#takeover")
    bob.click("#takeover")
    bob.wait_for_selector("#handback")
    bob.click("#reply-text")
    bob.keyboard.type("/returns")
    bob.keyboard.press("Tab")
    assert bob.input_value("#reply-text") == RETURNS
    bob.keyboard.type(" Could you send a photo of the damage?")
    bob.click("#reply-form button[type=submit]")
    shopper.locator("#log li.msg.staff", has_text="send a photo").wait_for(timeout=10_000)
    assert RETURNS in shopper.locator("#log li.msg.staff").last.text_content()

    # the shopper sends the photo; bob sees it inline in the live transcript
    photo = tmp_path / "torn-jeans.png"
    photo.write_bytes(png())
    shopper.set_input_files("#photo", str(photo))
    shopper.locator("#log li.msg.me.photo-sent").wait_for(timeout=10_000)
    bob.locator(".msg-in img.attachment-img").wait_for(timeout=10_000)
    bob.wait_for_function(
        "() => { const i = document.querySelector('.msg-in img.attachment-img'); return i && i.complete && i.naturalWidth > 0; }"
    )

    # resolved: the shopper is asked once for a rating and gives 4
    bob.click("#status-resolved")
    bob.locator("#status", has_text="Resolved").wait_for()
    shopper.locator("#csat .csat-btn").first.wait_for(timeout=10_000)
    shot(shopper, "shift-rating-phone")
    shopper.click('#csat .csat-btn[data-score="4"]')
    shopper.locator("#csat", has_text="You rated us 4 out of 5").wait_for(timeout=10_000)
    assert services.inbox.csat_of(mine)["score"] == 4

    bob.goto(server + "/staff/metrics?days=7")
    assert bob.locator("#csat-figure").text_content().strip() == "100% rated 4–5 · average 4.00/5"
    assert "1 rating of 1 asked" in bob.locator("#tile-csat").text_content()
    assert "human" in bob.locator("#tile-frt").text_content()
    shot(bob, "shift-metrics-desktop", full_page=True)

    # the other conversation is still alice's, open, in her "Mine" view
    alice.goto(server + "/staff?view=mine")
    assert alice.locator("#rows tr[data-id]").count() == 1
    assert alice.locator("#view-mine .count").text_content() == "1"
