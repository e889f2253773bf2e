"""Shipping and returns money questions answered from the order and the rule for the shopper's case (#9): a P.O. box
gets Economy only (never the international rate), and an amount said after it is not promised free shipping; "how
much do I actually get back?" after "I want to send back the denim jacket ..." is the price paid less the fee the
rule deducts from abroad, written out; "do I get my shipping back?" after a complaint says what that order's
shipping was ($0.00: nothing to refund), not the standard fee; "why did I get charged shipping on the sweater I just
ordered?" is that order against the threshold. A real Assistant on the demo store's knowledge (hashing embedder),
a real SQLite store and a scripted generator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago, last_weekday

JACKET = {"sku": "GS-JK-1", "name": "Guess Women's Calder Denim Jacket", "qty": 1, "price": 218.99, "size": "M"}
PUFFER = {"sku": "GS-JK-2", "name": "Guess Women's Rowan Puffer Jacket", "qty": 1, "price": 191.0, "size": "L"}
DRESSES = {"sku": "GS-DR-1290", "name": "Guess Women's Vail Shirt Dress", "qty": 2, "price": 114.0, "size": "M"}
TEE = {"sku": "CK-TS-1", "name": "Calvin Klein Camden Pocket T-Shirt", "qty": 1, "price": 39.5, "size": "S"}
SWEATER = {"sku": "CK-SW-1", "name": "Calvin Klein Women's Kingsley Merino Sweater", "qty": 1, "price": 67.99}


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    customers = [
        {"customer_id": "ie1", "name": "Una", "email": "una@example.com", "membership": "silver", "country": "Ireland"},
        {"customer_id": "us1", "name": "Ada", "email": "ada@example.com", "membership": "bronze"},
        {"customer_id": "us2", "name": "Cy", "email": "cy@example.com", "membership": "bronze"},
        {"customer_id": "us3", "name": "Di", "email": "di@example.com", "membership": "bronze"},
    ]
    charged = order_row("ORD-75003", "us2", "processing", [SWEATER], last_weekday("saturday").isoformat())
    charged["shipping_cost"] = 8.0
    stained = order_row("ORD-75004", "us3", "returned", [TEE], ago(16))
    stained |= {"shipping_cost": 8.0, "return_reason": "stain or defect"}
    orders = [
        stained,
        order_row("ORD-75001", "ie1", "delivered", [PUFFER, JACKET], ago(48)),  # inside Silver's 6 months
        order_row("ORD-75002", "us1", "delivered", [DRESSES], ago(8)),
        charged,
    ]
    return demo_assistant(tmp_path, intents, customers, orders)


async def test_a_po_box_gets_economy_only_and_an_amount_after_it_is_not_promised_free(assistant: Assistant) -> None:
    first = await ask(assistant, "how much does it cost to ship to a PO box?")
    assert "Economy shipping only" in first.text and "$5.00" in first.text and "$25.00" not in first.text
    again = await ask(assistant, "ok and if my order is like 90 bucks it's free right?", None, first.conversation_id)
    assert "for Standard shipping, which needs a street address" in again.text
    assert "can't promise free shipping to a P.O. box" in again.text and "$200" not in again.text


async def test_how_much_back_after_naming_the_return_is_the_price_less_the_fee_from_abroad(
    assistant: Assistant,
) -> None:
    month = f"{dt.date.fromisoformat(str((assistant.store.get_order('ORD-75001') or {})['date'])[:10]):%B}"
    first = await ask(assistant, f"I want to send back the denim jacket I bought in {month}, how does that work?", "ie1")
    again = await ask(assistant, "so how much do I actually get back", "ie1", first.conversation_id)
    assert "$218.99 - $15.00 = $203.99" in again.text


async def test_how_much_back_within_the_us_is_the_price_paid(assistant: Assistant) -> None:
    r = await ask(assistant, "if I send one of the shirt dresses back, how much do I get back?", "us1")
    assert "you would get back $114.00" in r.text and "$228" not in r.text


async def test_shipping_back_after_a_complaint_is_what_that_order_paid(assistant: Assistant) -> None:
    first = await ask(assistant, "I ordered two ivory shirt dresses and one of them came in black. wrong item", "us1")
    again = await ask(assistant, "do I at least get my shipping back?", "us1", first.conversation_id)
    assert "ORD-75002" in again.text and "0.00 USD" in again.text and "no shipping fee on it to refund" in again.text
    assert "$8.00" not in again.text


async def test_why_charged_shipping_on_what_i_just_ordered_is_that_order_against_the_threshold(
    assistant: Assistant,
) -> None:
    r = await ask(assistant, "why did I get charged shipping on the sweater I just ordered on saturday??", "us2")
    assert "ORD-75003" in r.text and "$75.00" in r.text and "$67.99" in r.text


async def test_shipping_kept_on_a_returned_stained_item_is_that_refund_worked_out(assistant: Assistant) -> None:
    r = await ask(assistant, "I sent back a stained t-shirt and you kept the shipping money?! That's not fair.", "us3")
    assert "ORD-75004" in r.text and "The $8.00 you paid for shipping is refunded as well" in r.text


async def test_overnight_to_a_po_box_is_a_no_with_the_rule(assistant: Assistant) -> None:
    r = await ask(assistant, "my address is a PO box in Texas, can I get overnight?")
    assert r.text.startswith("No, Overnight can't go to a P.O. box:") and "Economy shipping only" in r.text
    plural = await ask(assistant, "do you ship to P.O. boxes?")
    assert "Economy shipping only" in plural.text and "DHL Express" not in plural.text


async def test_two_codes_on_one_order_is_one_code_per_order_and_a_code_question_is_not(assistant: Assistant) -> None:
    r = await ask(assistant, "can I use my 20% code together with the newsletter one?")
    assert r.text.startswith("No: one promo code per order.") and "cannot be combined" in r.text
    other = await ask(assistant, "how long is a promo code valid?")
    assert "one promo code per order" not in other.text.lower()
