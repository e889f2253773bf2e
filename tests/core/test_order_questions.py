"""Questions about the customer's own orders answer what was asked (how many items, has the refund gone through,
can the shipping be upgraded, which order holds the parka), fewer items than paid for is a complaint, a rule asked
about "my order" is a policy question, and two questions in one message are both answered. A real Assistant on a
small shop whose policy pages are worded unlike the demo store's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.request import understand
from bot.core.two_part import question_parts
from bot.domain import Channel, ConversationState, IncomingMessage, Intent, IntentPrediction, OrderAspect, RequestKind
from bot.store import Store

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
]

ORDERS_MD = """---
title: Your orders
category: orders
---
# Your orders

## Order status
| Status | What it means |
| --- | --- |
| Processing | We are packing it. |
| Shipped | It is with the carrier. |
| Cancelled | We cancelled the order and paid you back. |
| Returned | Your parcel reached our warehouse and we paid you back. |

## How long does a refund take?
Refunds reach your bank within 5 business days of the day we receive the parcel.

## Faster delivery
- **Upgrade to Express:** possible while the order is processing. It costs $15.00. Once the order has shipped we cannot make it faster.
- **Slower delivery:** not offered.
"""

ORDERS = [
    {"order_id": "ORD-60001", "customer_id": "c1", "date": "2026-11-25T10:00:00Z", "status": "processing",
     "items": [{"sku": "NT-JNS-0001", "name": "Slim Blue Jeans", "qty": 2, "price": 59.9},
               {"sku": "NT-JKT-0003", "name": "Wool Winter Jacket", "qty": 1, "price": 149.0}],
     "total": 268.8, "currency": "USD", "shipping_method": "standard", "estimated_delivery": "2026-12-02"},
    {"order_id": "ORD-60002", "customer_id": "c1", "date": "2026-11-01T10:00:00Z", "status": "returned",
     "items": [{"sku": "NT-BTS-0004", "name": "Leather Ankle Boots", "qty": 1, "price": 120.0}],
     "total": 120.0, "currency": "USD", "shipping_method": "standard", "carrier": "UPS",
     "tracking_number": "1Z0000000000000001", "delivered_date": "2026-11-05"},
    {"order_id": "ORD-60003", "customer_id": "c2", "date": "2026-11-20T10:00:00Z", "status": "delivered",
     "items": [{"sku": "NT-JNS-0002", "name": "Relaxed Black Jeans", "qty": 2, "price": 89.0}],
     "total": 178.0, "currency": "USD", "shipping_method": "standard", "carrier": "UPS",
     "tracking_number": "1Z0000000000000002", "delivered_date": "2026-11-24"},
    {"order_id": "ORD-60004", "customer_id": "c2", "date": "2026-11-26T10:00:00Z", "status": "shipped",
     "items": [{"sku": "NT-JKT-0003", "name": "Wool Winter Jacket", "qty": 1, "price": 149.0}],
     "total": 149.0, "currency": "USD", "shipping_method": "standard", "carrier": "UPS",
     "tracking_number": "1Z0000000000000004", "estimated_delivery": "2026-12-01"},
]  # fmt: skip


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "orders.md").write_text(ORDERS_MD, encoding="utf-8")
    return knowledge_dir


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "db.sqlite")
    s.ensure_customer("c1", name="Ann", email="ann@example.com")
    s.ensure_customer("c2", name="Bob", email="bob@example.com")
    s.db["orders"].insert_all([{**o, "items": json.dumps(o["items"])} for o in ORDERS], alter=True)
    return s


def msg(text: str, customer: str | None) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=customer)


def ask(text: str, intent: Intent = Intent.OUT_OF_SCOPE):  # type: ignore[no-untyped-def]
    pred = IntentPrediction(intent=intent, confidence=0.6, label=intent.value)
    return understand(text, pred, ConversationState(), CATALOG, known_customer=True)


def test_what_is_asked_about_an_order_is_understood() -> None:
    assert ask("how many items are in my order?").aspects[0] == OrderAspect.COUNT
    refund = ask("has my refund gone through?", Intent.RETURNS_REFUNDS)
    assert refund.kind == RequestKind.OWN_ORDER and refund.aspects == [OrderAspect.REFUND]
    speed = ask("can I upgrade to express shipping on my order?", Intent.ORDER_CHANGE)
    assert speed.kind == RequestKind.OWN_ORDER and OrderAspect.SPEED in speed.aspects
    assert speed.order_hint == ""  # "express shipping" is a speed, not the Express brand
    parka = ask("what's the tracking number for my parka?")
    assert parka.kind == RequestKind.OWN_ORDER and OrderAspect.TRACKING in parka.aspects and "parka" in parka.order_hint
    short = ask("I paid for 2 dresses but only got 1", Intent.ORDER_STATUS)
    assert short.kind == RequestKind.COMPLAINT and "dress" in short.order_hint
    assert ask("what's the return window for my order?", Intent.ORDER_STATUS).kind == RequestKind.POLICY
    assert ask("how long do refunds take?", Intent.RETURNS_REFUNDS).kind == RequestKind.POLICY


async def test_how_many_items_counts_the_pieces_and_names_them(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("how many items are in my order?", "c1"))
    assert reply.text.startswith("Your order ORD-60001 has 3 items (2 different products): 2 x Slim Blue Jeans")


async def test_a_refund_is_answered_from_the_returned_orders_status_and_the_status_table(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("has my refund gone through?", "c1"))
    assert "ORD-60002" in reply.text and "marked returned" in reply.text
    assert "Your parcel reached our warehouse and we paid you back." in reply.text  # the shop's own words
    assert "within 5 business days" in reply.text
    none = await assistant.handle(msg("did my refund go through yet?", "c2"))
    assert "no refund on record" in none.text and "ORD-60004" in none.text
    assert [b.action for b in none.buttons] == ["handoff"]


async def test_an_upgrade_quotes_the_rule_for_the_orders_state(assistant: Assistant) -> None:
    before = await assistant.handle(msg("can I upgrade my order to faster shipping?", "c1"))
    assert "ORD-60001 is processing" in before.text and "It costs $15.00." in before.text
    after = await assistant.handle(msg("can I upgrade my order ORD-60004 to faster shipping?", "c2"))
    assert "ORD-60004 is shipped" in after.text and "we cannot make it faster" in after.text
    assert "$15.00" not in after.text


async def test_fewer_items_than_paid_for_is_a_complaint_about_the_order_that_holds_them(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("I paid for 2 pairs of jeans but only got 1", "c2"))
    assert reply.text.startswith("I'm sorry about that.")
    assert "ORD-60003" in reply.text and "2 x Relaxed Black Jeans" in reply.text
    assert "handoff" in reply.flags


async def test_a_rule_about_my_order_is_answered_for_a_shopper_nobody_verified(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("how long is the return window for my order?", None))
    assert "30 days" in reply.text and "order_not_verified" not in reply.flags


def test_two_questions_are_split_and_the_second_borrows_the_subject() -> None:
    assert question_parts("how much is shipping to Canada and how long does it take?") == [
        "How much is shipping to Canada?",
        "How long does it take (shipping to Canada)?",
    ]
    assert question_parts("What is your return window? Do you ship to Japan?") == [
        "What is your return window?",
        "Do you ship to Japan?",
    ]
    for one in (
        "how much is shipping to Canada",
        "do you have black and white jeans?",
        "can I return socks and hemmed jeans?",
    ):
        assert question_parts(one) == [], one


async def test_both_parts_of_a_two_part_question_are_answered(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("where do you ship and how much does standard shipping cost?", None))
    assert "Canada" in reply.text and "8 dollars" in reply.text
