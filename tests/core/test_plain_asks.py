"""Plain questions one policy section answers whole (#9): "forgot my pw, can u just tell me what it is lol" got the
out-of-scope reply, "saw the same jacket cheaper at macys, do u price match?" a list of jackets, and "lol ur a bot
arent u. whatever, do u guys do a student discount" "I'm not sure about that". The account page's forgotten-password
section, the pricing page's no with what care offers, and, for a group the pages give no discount, that we don't
offer one with the discounts they do list (and that this is the automated assistant). A real Assistant on the demo
store (hashing embedder, real SQLite); a small shop whose page does give students a discount for the near miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.plain_asks import plain_ask_reply
from bot.domain import Author, Intent, IntentPrediction
from bot.kb.knowledge_base import KnowledgeBase
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

NOBODY = "For your security nobody at Northwind Threads can see your password."
RESET = "Forgot password? on the sign-in page to receive a reset link by e-mail."
NO_MATCH = "We do not match competitors' prices"


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


@pytest.mark.parametrize(
    ("text", "tell"),
    [
        ("forgot my pw, can u just tell me what it is lol", True),
        ("what's my passwd? i cant remember it", True),
        ("i forgot my pword how do i get in", False),
    ],
)
async def test_a_forgotten_password_gets_the_account_pages_section(shop: Assistant, text: str, tell: bool) -> None:
    reply = await ask(shop, text)
    assert reply.author == Author.TEMPLATE and NOBODY in reply.text and RESET in reply.text
    assert "temporary password" in reply.text and "only help with" not in reply.text
    assert reply.text.startswith("I can't tell you your password.") == tell


@pytest.mark.parametrize(
    "text", ["saw the same jacket cheaper at macys, do u price match?", "do you do price matching on sneakers"]
)
async def test_a_price_match_question_naming_a_kind_is_the_pricing_pages_no(shop: Assistant, text: str) -> None:
    reply = await ask(shop, text)
    assert reply.text.startswith("No, we don't price match.") and NO_MATCH in reply.text
    assert "one-time" in reply.text and "USD, rated" not in reply.text  # no product list


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("lol ur a bot arent u. whatever, do u guys do a student discount", "student"),
        ("is there a military discount?", "military"),
        ("any teacher discount?", "teacher"),
        ("do you offer senior discounts", "senior"),
    ],
)
async def test_a_discount_the_pages_never_give_is_none_with_the_ones_they_do(
    shop: Assistant, text: str, group: str
) -> None:
    reply = await ask(shop, text)
    assert reply.text.count(f"We don't offer a {group} discount") == 1
    assert "New subscribers to our e-mail newsletter get a code for 10% off their first order." in reply.text
    assert "Summer Sale" in reply.text and "not sure" not in reply.text
    assert ("automated assistant" in reply.text) == ("bot" in text)


async def test_near_misses_keep_their_answers(shop: Assistant) -> None:
    change = await ask(shop, "how do i change my password?")  # no forgotten password: the usual way
    assert not change.text.startswith("I can't tell you")
    jackets = await ask(shop, "show me cheap jackets")  # a search stays a search
    assert "price match" not in jackets.text and "USD" in jackets.text
    assert "We don't offer" not in (await ask(shop, "my promo code isn't working")).text


OFFERS_MD = """---
title: Offers
category: promotions
---
# Offers

## Student discount
Students get 15% off with a valid student ID. Sign up to our newsletter for 5% off your first order.
"""


def test_a_group_the_pages_give_a_discount_goes_the_usual_way(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge" / "policies"
    folder.mkdir(parents=True)
    (folder / "offers.md").write_text(OFFERS_MD)
    kb = KnowledgeBase(tmp_path / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    pred = IntentPrediction(intent=Intent.PAYMENT, confidence=0.5, label="payment")
    assert plain_ask_reply(kb, "do you do a student discount?", pred) is None
    teacher = plain_ask_reply(kb, "do you do a teacher discount?", pred)
    assert teacher is not None and teacher.text.startswith("We don't offer a teacher discount")
