"""A promo code asked to buy a gift card (#9): "do ur gift cards expire? and can i use my promo code to buy one" got
"Promo code to buy one is not listed among the payment methods we accept" and never said that gift cards don't
expire. Each part is answered: the payment page's gift-card line and the promotions page's rule that codes cannot
buy gift cards (code_rules.gift_card_code_answer, a part's slot answer). A real Assistant on the demo store
(hashing embedder, real SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.two_part import question_parts
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

RULE = "cannot be used to buy gift cards"


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


@pytest.mark.parametrize(
    "text",
    [
        "do ur gift cards expire? and can i use my promo code to buy one",
        "do gift cards expire? can i buy one with a coupon?",
    ],
)
async def test_both_parts_are_answered_from_their_pages(shop: Assistant, text: str) -> None:
    reply = await ask(shop, text)
    assert "never expire" in reply.text and f"No: codes cannot be combined with each other, {RULE}" in reply.text
    assert "payment methods we accept" not in reply.text and "Also check that you typed" not in reply.text


@pytest.mark.parametrize("text", ["can i buy a gift card with a promo code", "can i use my promo code on a gift card?"])
async def test_a_code_for_a_gift_card_alone_gets_the_rule(shop: Assistant, text: str) -> None:
    assert (await ask(shop, text)).text.startswith(f"No: codes cannot be combined with each other, {RULE}")


async def test_near_misses_keep_their_answers(shop: Assistant) -> None:
    assert not (await ask(shop, "how do promo codes work?")).text.startswith("No:")
    paid = await ask(shop, "can i use my gift card to buy shoes?")  # paying with a gift card: the payment page
    assert paid.text.startswith("Yes, we accept gift cards.")


def test_your_in_shopper_spelling_is_no_part_of_the_carried_subject() -> None:
    parts = question_parts("do ur gift cards expire? and can i use my promo code to buy one")
    assert parts[1] == "Can i use my promo code to buy gift cards?"
