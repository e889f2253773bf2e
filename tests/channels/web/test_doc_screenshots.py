"""Every page at desktop and phone width on a populated store; the screenshots go to test-artifacts/web/.

With SHOPBOT_DOC_SCREENSHOTS=1 they are also copied to docs/screenshots/ (what docs/web.md shows).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import Services
from bot.errors import KnowledgeBaseError
from bot.llm.fake import ScriptedChatModel
from tests.channels.web.browser import DESKTOP, PHONE, needs_chromium, shot, staff_login
from tests.channels.web.conftest import PASSWORDS

pytestmark = [needs_chromium, pytest.mark.browser]

DOCS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
RULES = [
    (r"united kingdom|\buk\b", "We ship to the United States and Canada. We do not ship to the United Kingdom."),
    (r"return", "You can return any item within 30 days of delivery for a full refund."),
    (r"shipping take|how long", "Standard shipping takes 3 to 5 business days and costs 8 dollars."),
]
HISTORY = [
    (
        "telegram",
        "Where is my order ORD-50001?",
        "Order ORD-50001 shipped with UPS on Nov 21 and should arrive by Nov 27.",
        "order_status",
        [],
        1,
    ),
    (
        "telegram",
        "Do you ship to Mexico?",
        "I'm not sure about that. Would you like to talk to a person?",
        "shipping",
        ["low_confidence", "handoff"],
        None,
    ),
    (
        "web",
        "What is your return window?",
        "You can return any item within 30 days of delivery for a full refund.",
        "returns_refunds",
        [],
        1,
    ),
    (
        "web",
        "Can I pay with crypto?",
        "We accept Visa, Mastercard, American Express and PayPal.",
        "payment",
        ["fallback_used"],
        -1,
    ),
    (
        "api",
        "Are the wool jackets warm?",
        "The Wool Winter Jacket is a warm wool jacket for cold winter days.",
        "product_question",
        [],
        1,
    ),
    (
        "telegram",
        "I want to cancel my order",
        "I've opened a cancellation request; our team will confirm by email.",
        "order_change",
        ["case_opened"],
        None,
    ),
    (
        "web",
        "Do you have gift wrapping?",
        "Sorry, I can only help with questions about our shop.",
        "out_of_scope",
        ["out_of_scope", "handoff"],
        -1,
    ),
]


def populate(services: Services, *, days: int = 10, seed: int = 3) -> None:
    """Two weeks of plausible traffic written straight into the store (dates in the past)."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with services.store.tx() as db:
        for d in range(days, 0, -1):
            for n in range(rng.randint(2, 6)):
                channel, question, answer, intent, flags, feedback = rng.choice(HISTORY)
                ts = (now - timedelta(days=d, minutes=rng.randint(0, 600))).isoformat(timespec="milliseconds")
                cid, conv = f"demo-{d}-{n}", f"conv-demo-{d}-{n}"
                db["customers"].insert(
                    {
                        "id": cid,
                        "name": rng.choice(["Ann Lee", "Bo Chen", "Carla Diaz", "Dev Patel"]),
                        "created_at": ts,
                        "profile": "{}",
                    },
                    ignore=True,
                )
                conv_flags = [f for f in flags if f != "case_opened"] + (
                    ["negative_feedback"] if feedback == -1 else []
                )
                db["conversations"].insert(
                    {
                        "id": conv,
                        "customer_id": cid,
                        "channel": channel,
                        "started_at": ts,
                        "updated_at": ts,
                        "mode": "bot",
                        "flags": json.dumps(conv_flags),
                        "flagged": int(bool(conv_flags)),
                    }
                )
                db["messages"].insert(
                    {
                        "conversation_id": conv,
                        "direction": "in",
                        "text": question,
                        "intent": intent,
                        "confidence": 0.9,
                        "created_at": ts,
                        "answered": 1,
                    }
                )
                author = (
                    "extractive"
                    if "fallback_used" in flags
                    else "canned"
                    if "handoff" in flags
                    else rng.choice(["model", "template"])
                )
                db["messages"].insert(
                    {
                        "conversation_id": conv,
                        "direction": "out",
                        "text": answer,
                        "intent": intent,
                        "flags": json.dumps(flags),
                        "feedback": feedback,
                        "created_at": ts,
                        "author": author,
                        "timings": json.dumps({"total_s": round(rng.uniform(0.4, 2.5), 3)}),
                    }
                )
                if rng.random() < 0.6:  # resolved later that day; most staff-resolved ones were rated
                    done = (datetime.fromisoformat(ts) + timedelta(minutes=rng.randint(3, 90))).isoformat(
                        timespec="milliseconds"
                    )
                    db["conversations"].update(
                        conv, {"status": "resolved", "resolved_at": done, "assigned_to": rng.choice(["alice", "bob"])}
                    )
                    db["events"].insert(
                        {"ts": done, "kind": "status", "conversation_id": conv, "data": json.dumps({"to": "resolved"})}
                    )
                    if rng.random() < 0.7:
                        db["csat"].insert(
                            {
                                "conversation_id": conv,
                                "customer_id": cid,
                                "channel": channel,
                                "asked_at": done,
                                "score": rng.choice([3, 4, 4, 5, 5, 5, 2]),
                                "answered_at": done,
                            }
                        )
                for kind in ["rec_impression"] * rng.randint(0, 3) + ["rec_click"] * rng.randint(0, 1):
                    db["events"].insert({"ts": ts, "kind": kind, "customer_id": cid, "data": "{}"})


@pytest.fixture
def demo(services: Services, knowledge_dir: Path) -> Services:
    services.__dict__["chat_model"] = ScriptedChatModel(rules=RULES, default="Here is what our shop information says.")
    populate(services)
    services.inbox.save_canned(
        "returns", "You can return unworn items; I'll send you the return form by e-mail.", by="alice"
    )
    services.inbox.save_canned("photo", "Could you send us a photo of the item, please?", by="alice")
    (knowledge_dir / "policies" / "gift.md").write_text("# Gift cards\n\nGift cards never expire.\n", encoding="utf-8")
    services.kb.reload()  # a second version for the KB page
    (knowledge_dir / "policies" / "faq.json").write_text(
        '[{"question": "Gift wrap?", "answer": "Yes"},\n{oops}]', encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError):
        services.kb.reload()  # and a last error to show
    return services


@pytest.fixture
def contexts(browser: Any, server: str) -> Iterator[dict[str, Any]]:
    ctxs = {
        "desktop": browser.new_context(viewport=DESKTOP),
        "phone": browser.new_context(viewport=PHONE, is_mobile=True),
    }
    yield ctxs
    for ctx in ctxs.values():
        ctx.close()


def test_every_page_at_desktop_and_phone_width(demo: Services, server: str, contexts: dict[str, Any]) -> None:
    copy_to = DOCS if os.environ.get("SHOPBOT_DOC_SCREENSHOTS") == "1" else None
    shopper = contexts["phone"].new_page()
    shopper.goto(server + "/")
    for question in ("Do you ship to the UK?", "What is your return policy?"):
        before = shopper.locator("#log .fb").count()
        shopper.fill("#text", question)
        shopper.click("#send")
        shopper.wait_for_function(f"() => document.querySelectorAll('#log .fb').length > {before}")
    conv = demo.store.list_conversations(channel="web")[0]
    demo.set_mode(conv["id"], "staff", staff="bob")
    demo.staff_reply(conv["id"], "Hi, I'm Bob from the shop. Happy to help with anything else!", staff="bob")
    demo.inbox.add_label(conv["id"], "shipping", by="bob")
    demo.inbox.set_priority(conv["id"], "high")
    shopper.locator("#log li.msg.staff").wait_for()
    for width, ctx in contexts.items():
        page = shopper if width == "phone" else ctx.new_page()
        if width == "desktop":
            ctx.add_cookies(contexts["phone"].cookies())  # the same shopper on a wide screen
            page.goto(server + "/")
        assert page.locator("#log li.msg.me").count() == 2
        shot(page, f"chat-{width}", copy_to=copy_to)
        staff = ctx.new_page()
        staff_login(staff, server, "alice", PASSWORDS["alice"])
        for name, path in (
            ("dashboard", "/staff"),
            ("conversation", f"/staff/c/{conv['id']}"),
            ("kb", "/staff/kb"),
            ("metrics", "/staff/metrics"),
            ("canned", "/staff/canned"),
            ("kb-articles", "/staff/kb/articles?q=shipping"),
            ("kb-article", "/staff/kb/article?path=policies/shipping.md"),
        ):
            staff.goto(server + path)
            staff.wait_for_load_state("load")
            assert staff.locator("main").is_visible()
            path_png = shot(staff, f"{name}-{width}", copy_to=copy_to, full_page=name == "metrics")
            assert path_png.stat().st_size < (400_000 if name == "metrics" else 200_000)  # metrics: a full-page shot
