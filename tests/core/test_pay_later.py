"""Buy now, pay later asked by its brands or its ways (#9): "can i pay w klarna or afterpay? or like split it up" got
"could you tell me a bit more" and "can i pay in installments" that installments were "not listed". The payment
page refuses buy-now-pay-later services: the brand or the way asked gets its no, the page's sentence and the
accepted methods. A promo code is no way to pay ("can i use my promo code to buy one" was judged as one). A real
Assistant on the demo store (hashing embedder, real SQLite); asked_method on its own for the near misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.payment_methods import asked_method
from bot.domain import Author, Intent, IntentPrediction
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

REFUSED = "We do not accept cash on delivery, checks, bank transfers, cryptocurrency or buy-now-pay-later services."
PAYMENT = IntentPrediction(intent=Intent.PAYMENT, confidence=0.9, label="payment")  # the classifier says payment


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("can i pay w klarna or afterpay? or like split it up", "No, we don't accept Klarna or Afterpay."),
        ("is affirm an option at checkout?", "No, we don't accept Affirm."),
        ("do you guys have sezzle", "No, we don't accept Sezzle."),
        ("can i pay in installments", "No, paying in installments isn't one of our ways to pay."),
        ("can i split the payment up over a few months?", "No, paying in installments isn't one of our ways to pay."),
    ],
)
async def test_pay_later_gets_the_pages_no_and_the_accepted_methods(shop: Assistant, text: str, lead: str) -> None:
    reply = await ask(shop, text)
    assert reply.author == Author.TEMPLATE and reply.text.startswith(lead)
    assert REFUSED in reply.text and "PayPal" in reply.text and "not listed" not in reply.text


async def test_near_misses_keep_their_answers(shop: Assistant) -> None:
    assert (await ask(shop, "do you take paypal?")).text.startswith("Yes, we accept PayPal.")
    assert (await ask(shop, "can i use my gift card to buy shoes?")).text.startswith("Yes, we accept gift cards.")
    two_cards = await ask(shop, "can i split the payment between two cards")  # no pay-later question
    assert "installments" not in two_cards.text and "Klarna" not in two_cards.text


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("can i use my promo code to buy one", ""),  # a code: the promotions page answers it
        ("can i pay with a coupon?", ""),
        ("can you affirm that my order went through?", ""),  # the verb, no brand
        ("can you split it up into two deliveries?", ""),  # no payment asked
        ("can i use store credit to pay", "store credit"),
        ("can i pay with klarna", "Klarna"),
    ],
)
def test_what_counts_as_a_way_to_pay(text: str, method: str) -> None:
    assert asked_method(text, PAYMENT) == method
