"""A shipping fee on the shopper's order: why it applied, and the fee rule for the order's stage (#9). Blind set:
c013's "why am i paying $8 shipping on the sweater i just ordered?? can you take that off" (a processing order) got
the out-for-delivery rule, and c059's "i paid 25 shipping on a 26 dollar t-shirt and its STILL not here" the late
order without the fee. A real Assistant on the demo store's knowledge (hashing embedder), a real SQLite store and a
scripted generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.fee_status import order_stages, stage_rule
from bot.core.refusals import refused
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row

WAIVE = "If the order has not yet gone out for delivery (Order Received or In Transit), we can waive its shipping fee."
REFUND = "Once it is out for delivery or delivered, we can refund the standard shipping fee of $8.00."
SWEATER = {"sku": "CK-SW-1208", "name": "Calvin Klein Women's Kingsley Merino Sweater", "qty": 1, "price": 67.99}
CHEAP_SWEATER = {
    "sku": "TH-SW-1292",
    "name": "Tommy Hilfiger Women's Thornton Cardigan Sweater",
    "qty": 1,
    "price": 53.99,
}
JEANS = {"sku": "UQ-JN-1068", "name": "Uniqlo Women's Dover Relaxed Denim Jeans", "qty": 1, "price": 51.99}
TEE = {"sku": "EX-TS-1190", "name": "Express York Logo T-Shirt", "qty": 1, "price": 26.0}
CUSTOMERS = [
    {"customer_id": "b1", "name": "Bea", "email": "bea@example.com", "membership": "bronze"},
    {"customer_id": "s1", "name": "Sol", "email": "sol@example.com", "membership": "silver", "country": "Spain"},
]


def _paid(row: dict, method: str, cost: float, **more: str) -> dict:
    return {**row, "shipping_method": method, "shipping_cost": cost, **more}


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    orders = [
        _paid(order_row("ORD-91001", "b1", "processing", [SWEATER], "2026-11-28"), "standard", 8.0),
        _paid(order_row("ORD-91002", "b1", "delivered", [CHEAP_SWEATER], "2026-11-06"), "overnight", 20.0),
        _paid(order_row("ORD-91003", "b1", "delivered", [JEANS], "2026-10-01"), "standard", 8.0),
        _paid(
            order_row("ORD-91004", "s1", "shipped", [TEE], "2026-11-19"),
            "international",
            25.0,
            carrier="DHL Express",
            tracking_number="8896342535",
            estimated_delivery="2026-11-27",
        ),
    ]
    return demo_assistant(tmp_path, intents, CUSTOMERS, orders)


def test_the_tracking_stages_and_their_fee_rules_are_read_from_the_page(assistant: Assistant) -> None:
    stages = order_stages(assistant.kb)
    assert stages["processing"] == stages["placed"] == "Order Received"
    assert stages["shipped"] == "In Transit" and stages["delivered"] == "Delivered"
    assert stages["out for delivery"] == "Out for Delivery"
    assert stage_rule(assistant.kb, "Order Received")[0] == stage_rule(assistant.kb, "In Transit")[0] == WAIVE
    assert stage_rule(assistant.kb, "Out for Delivery")[0] == stage_rule(assistant.kb, "Delivered")[0] == REFUND


async def test_a_fee_asked_off_a_processing_order_gets_why_and_its_stages_rule(assistant: Assistant) -> None:
    q = "why am i paying $8 shipping on the sweater i just ordered?? can you take that off"
    text = (await ask(assistant, q, "b1")).text
    assert text.startswith("No, sorry: I cannot waive or refund a fee myself. Your order ORD-91001 is processing")
    assert "the items in ORD-91001 came to $67.99, under that, so the $8.00 shipping fee applied." in text
    assert f"It is at the Order Received stage, and for that our policy says: {WAIVE}" in text
    assert REFUND not in text


async def test_a_delivered_orders_fee_gets_the_refund_rule(assistant: Assistant) -> None:
    text = (await ask(assistant, "could you refund the shipping fee on my jeans order? 8 bucks is a lot", "b1")).text
    assert "ORD-91003" in text and f"It is at the Delivered stage, and for that our policy says: {REFUND}" in text
    assert WAIVE not in text


async def test_a_late_order_with_the_shipping_paid_said_gets_the_fee_part_too(assistant: Assistant) -> None:
    text = (await ask(assistant, "i paid 25 shipping on a 26 dollar t-shirt and its STILL not here", "s1")).text
    assert "running late" in text  # the late order, as before
    assert "the items in ORD-91004 came to $26.00, under that, so the $25.00 shipping fee applied." in text
    assert f"It is at the In Transit stage, and for that our policy says: {WAIVE}" in text


def test_near_misses_are_no_fee_request() -> None:
    assert refused("why am i paying $8 shipping on the sweater i just ordered?? can you take that off") is not None
    assert refused("this shirt is ugly, can you take it off my order") is None  # an item, not a fee
    assert refused("why did i pay shipping on my order?") is None  # a question, answered from the order


async def test_a_late_order_without_the_fee_said_gets_no_fee_part(assistant: Assistant) -> None:
    text = (await ask(assistant, "my t-shirt is STILL not here, where is it", "s1")).text
    assert "stage" not in text and "waive" not in text


async def test_more_ways_to_ask_a_fee_off_and_an_amount_asked_without_the_rule(assistant: Assistant) -> None:
    # unseen check: "why was i charged 8 dollars shipping ...? can you remove it" got "I'm not sure about can you remove
    # it"; "8 bucks shipping on my merino sweater?? get rid of that please" a list of merino sweaters
    for q in (
        "why was i charged 8 dollars shipping on my sweater order? can you remove it",
        "8 bucks shipping on my merino sweater?? get rid of that please",
    ):
        text = (await ask(assistant, q, "b1")).text
        assert text.startswith("No, sorry: I cannot waive or refund a fee myself. Your order ORD-91001"), q
        assert f"It is at the Order Received stage, and for that our policy says: {WAIVE}" in text
    assert refused("i hate the shipping box, please remove it from my porch") is None
    assert refused("shipping was slow. can you refund it? the jeans were wrong") is None
    # the amount asked, not the fee questioned: why it cost that, no fee rule
    text = (await ask(assistant, "how much was shipping on my cardigan order?", "b1")).text
    assert "ORD-91002" in text and "stage" not in text
