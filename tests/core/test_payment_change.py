"""Changing the payment method of one's own order (#9, "answers that answer"): "can I change the card on my order?"
from a signed-in customer got only the order's status, "can you update the payment method on ORD-x?" only how it was
paid. Now the order's state, how it was paid, the order page's payment-method rule (until out for delivery) and a
person to make the change. A real Assistant on the demo store's knowledge (hashing embedder), a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago

SHIRT = {"sku": "GS-SH-1", "name": "Guess Women's Sterling Poplin Shirt", "qty": 1, "price": 115.98}
RULE = "You can switch between credit card, debit card and PayPal until the order is out for delivery."


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    customers = [
        {"customer_id": f"b{n}", "name": f"B{n}", "email": f"b{n}@example.com", "membership": "bronze"}
        for n in (1, 2, 3)
    ]
    orders = [
        {**order_row("ORD-74001", "b1", "placed", [SHIRT], ago(2)), "payment_method": "credit card"},
        {**order_row("ORD-74002", "b2", "shipped", [SHIRT], ago(4)), "payment_method": "paypal"},
        {**order_row("ORD-74003", "b3", "delivered", [SHIRT], ago(20)), "payment_method": "paypal"},
    ]
    return demo_assistant(tmp_path, intents, customers, orders)


async def test_changing_the_card_is_the_rule_for_the_orders_state(assistant: Assistant) -> None:
    reply = await ask(assistant, "can I change the card on my order?", "b1")
    assert "ORD-74001 is placed (not yet shipped), so the payment method can still be changed" in reply.text
    assert RULE in reply.text and "make the change for you" in reply.text and reply.buttons
    text = (await ask(assistant, "can you update the payment method on ORD-74002?", "b2")).text
    assert "ORD-74002 is shipped (on its way)" in text and "paid by paypal" in text and RULE in text
    assert "whether it is out for delivery yet" in text
    text = (await ask(assistant, "can I change the card on my order?", "b3")).text
    assert "ORD-74003 is delivered, so its payment method can no longer be changed" in text
    assert "future orders only" in text
    # near miss: how it was paid is still that, with no rule
    text = (await ask(assistant, "what payment method did I use on my order?", "b2")).text
    assert "paid by paypal" in text and RULE not in text
