"""Every part of a several-part message answered: a way to pay asked beside a payment problem gets its yes/no as
well as the steps, a trailing "instead"/"too" is no part of the method. Real conversations through a real
Assistant on the demo store's pages (hashing retrieval, scripted generator)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.payment_methods import asked_method, with_a_problem
from bot.domain import Intent, IntentPrediction
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

PAYMENT = IntentPrediction(intent=Intent.PAYMENT, confidence=0.9)


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def test_the_method_is_the_words_before_instead_too_or_now() -> None:
    assert asked_method("do you take american express instead?", PAYMENT) == "american express"
    assert asked_method("do you accept apple pay too?", PAYMENT) == "apple pay"
    assert asked_method("do you even take amex?? mine keeps getting declined", PAYMENT) == "amex"
    assert asked_method("do you take returns?", PAYMENT) == ""  # near-miss: no way to pay
    assert with_a_problem("mine keeps getting declined at checkout") and not with_a_problem("do you take amex?")


async def test_a_method_asked_beside_a_declined_card_gets_both_answers(shop: Assistant) -> None:
    both = await ask(shop, "do you even take amex?? mine keeps getting declined at checkout, tried 3 times")
    assert "Yes, we accept American Express" in both.text
    assert "expiration date" in both.text  # the declined-card steps are still there
    after = await ask(shop, "my mastercard keeps getting declined. do you take american express instead?")
    assert "Yes, we accept American Express" in after.text and "instead is not listed" not in after.text
    assert "expiration date" in after.text


async def test_near_misses_keep_their_one_answer(shop: Assistant) -> None:
    paypal = await ask(shop, "can i pay with paypal instead?")
    assert paypal.text.startswith("Yes, we accept PayPal.")
    declined = await ask(shop, "my card keeps getting declined, what do i do?")
    assert "expiration date" in declined.text and "we accept" not in declined.text
    apple = await ask(shop, "do you accept apple pay too?")
    assert apple.text.startswith("Apple pay is not listed among the payment methods we accept")
