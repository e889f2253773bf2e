"""Requests only staff may grant get an explicit no plus what the data allows; "do you take X?" is answered from the
payment page (yes, no, or not listed with the accepted ones named). A real Assistant on a small shop whose pages are
worded unlike the demo store's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.payment_methods import asked_method
from bot.core.refusals import refused
from bot.domain import Channel, Intent, IntentPrediction, IncomingMessage

PAYMENTS_MD = """---
title: Paying for your order
category: payments
---
# Paying for your order

## Which payment methods do you accept?
- Visa and Mastercard credit cards
- American Express
- PayPal

We do not accept cash on delivery, cheques or buy-now-pay-later services.
"""

OFFERS_MD = """---
title: Offers
category: promotions
---
# Offers

## Discounts
Sign up to our mailing list and get 15% off your first order. Codes issued by our customer care team are for 25% off.

## Seasonal sales
Winter Sale: starts on the first Monday of January and runs for 3 weeks.
"""


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "payments.md").write_text(PAYMENTS_MD, encoding="utf-8")
    (knowledge_dir / "policies" / "offers.md").write_text(OFFERS_MD, encoding="utf-8")
    return knowledge_dir


def msg(text: str, customer: str | None = None) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=customer)


async def test_a_method_the_page_does_not_name_is_said_to_be_unlisted_and_the_accepted_ones_named(
    assistant: Assistant,
) -> None:
    reply = await assistant.handle(msg("do you take apple pay?"))
    assert reply.text.startswith("Apple pay is not listed among the payment methods we accept")
    for accepted in ("Visa and Mastercard credit cards", "American Express", "PayPal"):
        assert accepted in reply.text
    assert reply.sources[0]["doc_id"] == "policies/payments"


async def test_a_listed_method_is_a_yes_in_the_pages_spelling_and_a_refused_one_a_no(assistant: Assistant) -> None:
    amex = await assistant.handle(msg("do you accept amex?"))
    assert amex.text.startswith("Yes, we accept American Express.")
    paypal = await assistant.handle(msg("can I pay with paypal?"))
    assert paypal.text.startswith("Yes, we accept PayPal.")
    cash = await assistant.handle(msg("can I pay cash on delivery?"))
    assert cash.text.startswith("No, we don't accept cash on delivery.")
    assert "We do not accept cash on delivery, cheques or buy-now-pay-later services." in cash.text
    afterpay = await assistant.handle(msg("do you take afterpay?"))  # a pay-later brand: the page's buy-now-pay-later no
    assert afterpay.text.startswith("No, we don't accept Afterpay. We do not accept cash on delivery, cheques or")


def test_only_a_way_to_pay_is_read_as_a_payment_method() -> None:
    payment = IntentPrediction(Intent.PAYMENT, 0.3)
    unsure = IntentPrediction(Intent.OUT_OF_SCOPE, 0.2)
    assert asked_method("can I pay with apple pay?", unsure) == "apple pay"
    assert asked_method("do you take amex?", unsure) == "amex"
    assert asked_method("do you accept klarna?", payment) == "Klarna"
    assert asked_method("do you take returns?", payment) == ""
    assert asked_method("how long do you take to ship?", payment) == ""


async def test_a_discount_asked_for_gets_a_clear_no_and_only_the_published_offers(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("can you give me 20% off?"))
    assert reply.text.startswith("No, sorry: I cannot give you a discount")
    assert "15% off your first order" in reply.text  # the offer anyone can get
    assert "25% off" not in reply.text  # a code staff hand out case by case is not offered
    assert "20%" not in reply.text
    assert [b.action for b in reply.buttons] == ["handoff"]


async def test_a_delivery_promise_is_refused_with_the_orders_own_estimate(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("can you promise it arrives by Friday?", customer="c1"))
    assert reply.text.startswith("No, sorry: I cannot promise or guarantee a delivery date.")
    assert "ORD-50001" in reply.text and "2026-11-27" in reply.text
    assert "3 to 5 business days" in reply.text  # the shop's delivery time, quoted


def test_refusal_kinds_and_questions_that_ask_for_nothing() -> None:
    kinds = {
        "can I get a discount?": "discount",
        "any chance of a discount code?": "discount",
        "promise it arrives by Friday": "delivery",
        "will it definitely arrive by friday?": "delivery",
        "can you waive the shipping fee?": "fee",
        "waive the fee please": "fee",
        "take the shipping fee off my order, it's too expensive": "fee",
        "could you match amazon's price?": "price_match",
        "can you extend my return window?": "exception",
    }
    for text, kind in kinds.items():
        found = refused(text)
        assert found is not None and found.kind == kind, text
        assert found.no.startswith("No")
    for text in (
        "how do I use a promo code?",
        "my promo code doesn't work",
        "are shipping fees refunded?",
        "is standard shipping free?",
    ):
        assert refused(text) is None, text
