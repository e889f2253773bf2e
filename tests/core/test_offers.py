"""What offers there are right now (issue #9): "do you have any discounts right now?" and "got a promo code?" got "I'm
not sure" or the sentence on where to type a code. They get every offer the pages describe (the sale on today, the
newsletter's and the care team's codes, Northwind Plus's early access) and a plain "no promo code for everyone"; a
kind of discount the pages never mention is said so. Questions about one code or the sale's dates keep their own
answers. The demo store's knowledge (hashing embedder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.offers import asks_offers, offers_reply
from bot.kb.knowledge_base import KnowledgeBase
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

NEWSLETTER = "new subscribers to our e-mail newsletter get a code for 10% off their first order."
CARE = "Codes sent by our customer care team are for 20% off your next purchase."
NO_CODE = "There is no promo code for everyone on our pages, and I can't hand out codes myself."


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


def test_the_offers_now_lead_with_the_sale_on_today(kb: KnowledgeBase) -> None:
    found = offers_reply(kb, "do you have any discounts right now?", dt.date(2026, 12, 2))
    assert found is not None
    said = found[0]
    assert said.startswith("Right now the Annual Sale is on: it starts on the last Friday of November")
    assert f"Other offers our pages describe: {NEWSLETTER} {CARE}" in said
    assert "Northwind Plus subscribers get 24-hour early access" in said
    assert said.endswith(f"{NO_CODE} One promo code per order.")
    quiet = offers_reply(kb, "any deals on atm?", dt.date(2026, 10, 5))
    assert quiet is not None and quiet[0].startswith("There is no sale on right now. The Annual Sale starts on")


def test_a_code_asked_for_is_answered_first_and_an_unknown_kind_said_so(kb: KnowledgeBase) -> None:
    found = offers_reply(kb, "got a promo code?", dt.date(2026, 12, 2))
    assert found is not None
    assert found[0].startswith(f"{NO_CODE} One promo code per order. The codes our pages describe: {NEWSLETTER}")
    student = offers_reply(kb, "do you have a student discount?", dt.date(2026, 12, 2))
    assert student is not None and student[0].startswith("Our pages don't mention a student discount.")


def test_questions_about_one_code_or_the_sale_go_their_own_way() -> None:
    for asked in ("do you have any discounts right now?", "got a promo code?", "any coupon codes?", "discount codes?"):
        assert asks_offers(asked), asked
    for other in (
        "how do i use a promo code?",
        "my promo code doesn't work",
        "can i combine two codes?",
        "is there a newsletter discount?",
        "any sales on atm?",  # the sale's own answer
        "can i use a promo code on sale items?",
        "how long is a promo code valid?",
        "my cart is $70, any discount on shipping?",
    ):
        assert not asks_offers(other), other


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_offers_end_to_end(shop: Assistant) -> None:
    for asked in ("do you have any discounts right now?", "got a promo code?"):
        reply = await ask(shop, asked)
        assert NO_CODE in reply.text and "10% off their first order" in reply.text, asked
        assert "not sure" not in reply.text
    sale = await ask(shop, "any sales on atm?")
    assert NO_CODE not in sale.text  # the sale's own answer
