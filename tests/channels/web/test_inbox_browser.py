"""Real headless Chromium: a shopper left unanswered shows as "needs a human"; a shopper who got a normal answer does not."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import Services
from tests.channels.web.browser import DESKTOP, PHONE, needs_chromium, shot, staff_login
from tests.channels.web.conftest import PASSWORDS
from tests.channels.web.test_browser import UK, _ask, _send

pytestmark = [needs_chromium, pytest.mark.browser]

INVENTED = "Sure! Call us at 555-123-4567 and use code SAVE20 for 20% off. We ship to the UK in 2 days."
WAIT_MINUTES = 0.05  # 3 s stands in for the default 5 minutes


def test_unanswered_shopper_needs_a_human_answered_one_does_not(browser: Any, server: str, services: Services) -> None:
    services.settings.inbox_unanswered_minutes = WAIT_MINUTES
    # the CSP is bypassed only so that Playwright's wait_for_function may evaluate its predicate
    answered_ctx, waiting_ctx = (
        browser.new_context(viewport=PHONE, bypass_csp=True),
        browser.new_context(viewport=PHONE, bypass_csp=True),
    )
    staff_ctx = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    try:
        answered, waiting, staff = answered_ctx.new_page(), waiting_ctx.new_page(), staff_ctx.new_page()
        staff_login(staff, server, "bob", PASSWORDS["bob"])

        answered.goto(server + "/")
        services.chat_model.say(INVENTED)  # never used: a yes/no rule question is answered with the shop's own sentence
        assert "United Kingdom" in _ask(answered, UK)
        answered_id = services.store.list_conversations(channel="web")[0]["id"]
        out = [m for m in services.store.messages(answered_id) if m["direction"] == "out"][-1]
        assert (
            out["author"] == "extractive"
            and out["sources"]
            and not {"handoff", "low_confidence", "complaint"} & set(out["flags"])
        )

        waiting.goto(server + "/")
        assert _ask(waiting, "How long does shipping take?")
        waiting_id = next(c["id"] for c in services.store.list_conversations(channel="web") if c["id"] != answered_id)
        staff.goto(server + f"/staff/c/{waiting_id}")
        staff.click("#takeover")  # the bot goes silent; nobody on staff answers
        staff.wait_for_selector("#handback")
        waiting.locator("#log li.msg.system", has_text="joined").wait_for(timeout=10_000)
        _send(waiting, "Hello? I need to change my delivery address")
        waiting.wait_for_function("!document.querySelector('#log li.msg.pending')")

        staff.wait_for_timeout(WAIT_MINUTES * 60_000 + 500)  # longer than the setting, for both conversations
        staff.goto(server + "/staff")
        waiting_row = staff.locator(f'#rows tr[data-id="{waiting_id}"]')
        answered_row = staff.locator(f'#rows tr[data-id="{answered_id}"]')
        assert "No reply for" in waiting_row.locator("td.attention").text_content()
        assert "needs-human" in (waiting_row.get_attribute("class") or "")
        assert answered_row.locator("td.attention").text_content().strip() == ""
        assert "needs-human" not in (answered_row.get_attribute("class") or "")
        assert waiting_row.locator("a").first.text_content().startswith("Visitor ")  # a friendly name, not u-…
        shot(staff, "dashboard-needs-human-desktop")

        staff.click("#view-needs-human")
        staff.wait_for_url("**/staff?flag=needs_human")
        assert staff.locator(f'#rows tr[data-id="{waiting_id}"]').count() == 1
        assert staff.locator(f'#rows tr[data-id="{answered_id}"]').count() == 0
    finally:
        for ctx in (answered_ctx, waiting_ctx, staff_ctx):
            ctx.close()
