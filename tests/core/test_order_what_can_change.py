"""A known customer asks what can still be done with their order, and gets that, not the order's status (#9, own
orders): another size while it is placed (the size wanted, not the one ordered, and its stock; a sold-out size gets
the back-order rule), another address while it is processing and "no" once the order named by its item has shipped,
an item added before it ships (the item to add names no order) and after (the member's level decides), and what an
order placed on a day said holds and when it arrives. A real Assistant on the demo store's knowledge (hashing
embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.order_pick import on_said_day
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago as _ago
from tests.support.dates import ordinal

SWEATER = {"sku": "BR-SW-1168", "name": "Banana Republic Men's Grove Crewneck Sweater", "qty": 1, "price": 152.99}
SWEATER |= {"size": "L", "color": "charcoal"}
SHIRTS = {"sku": "MK-SH-1130", "name": "Michael Kors Women's Sutton Stretch Twill Button-Down Shirt", "qty": 2}
SHIRTS |= {"price": 112.99, "size": "L", "color": "navy"}
COAT = {"sku": "UQ-CT-1222", "name": "Uniqlo Women's Presley Wool Overcoat", "qty": 1, "price": 198.5}
COAT |= {"size": "M", "color": "camel"}
DRESS = {"sku": "GS-DR-1290", "name": "Guess Women's Vail Shirt Dress", "qty": 1, "price": 114.0}
DRESS |= {"size": "S", "color": "ivory"}


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    customers = [
        {"customer_id": "b1", "name": "Bo", "email": "bo@example.com", "membership": "bronze"},
        {"customer_id": "g1", "name": "Gil", "email": "gil@example.com", "membership": "guest"},
        {"customer_id": "s1", "name": "Sol", "email": "sol@example.com", "membership": "silver"},
        {"customer_id": "b2", "name": "Bea", "email": "bea@example.com", "membership": "bronze"},
    ]
    orders = [
        order_row("ORD-74001", "b1", "placed", [SWEATER], _ago(2)),
        order_row("ORD-74002", "g1", "processing", [SHIRTS], _ago(2)),
        order_row("ORD-74003", "g1", "shipped", [COAT], _ago(6)),
        order_row("ORD-74004", "s1", "shipped", [SHIRTS, COAT], _ago(6)),
        order_row("ORD-74005", "s1", "shipped", [DRESS], _ago(3)),
        order_row("ORD-74006", "b2", "shipped", [COAT], _ago(4)),
        order_row("ORD-74007", "s1", "delivered", [COAT], _ago(40)),
    ]
    orders[3]["estimated_delivery"] = _ago(-2)
    return demo_assistant(tmp_path, intents, customers, orders)


async def test_another_size_while_placed_is_the_rule_and_the_stock_of_the_size_wanted(assistant: Assistant) -> None:
    r = await ask(assistant, "hi, I ordered a sweater in L but I think I need a medium. can I change it?", "b1")
    assert "ORD-74001" in r.text and "you can change an item, its size or its color" in r.text
    assert "Size M is in stock (2 left)" in r.text and "Size L" not in r.text


async def test_a_sold_out_size_wanted_gets_the_back_order_rule(assistant: Assistant) -> None:
    r = await ask(assistant, "can I swap my sweater for an XL?", "b1")
    assert "Size XL is sold out right now" in r.text
    assert "back-order" in r.text and "2–3 weeks" in r.text


async def test_another_address_while_processing_then_the_shipped_coat_cannot(assistant: Assistant) -> None:
    first = await ask(assistant, "I need ORD-74002 to go to my sister's place instead, I won't be home", "g1")
    assert "ORD-74002" in first.text and "change the shipping address" in first.text
    again = await ask(
        assistant, "oh and the coat that's already coming, can that go there too?", "g1", first.conversation_id
    )
    assert "ORD-74003" in again.text and "no longer be changed" in again.text
    assert "only help with" not in again.text


async def test_an_item_to_add_names_no_order_and_a_placed_order_can_take_it(assistant: Assistant) -> None:
    r = await ask(assistant, "before my order goes out can I add a belt to it?", "b1")
    assert "couldn't find a belt" not in r.text
    assert "ORD-74001" in r.text and "add an item to the order" in r.text


async def test_after_shipping_a_silver_member_can_have_it_sent_separately(assistant: Assistant) -> None:
    r = await ask(assistant, "I forgot a belt on my last order, can you put one in with it?", "s1")
    assert "ORD-74005" in r.text and "cannot add items to a shipped order" in r.text
    assert "Silver level, so that applies to you" in r.text


async def test_after_shipping_a_bronze_member_places_a_new_order(assistant: Assistant) -> None:
    r = await ask(assistant, "can I add a belt to my coat order?", "b2")
    assert "ORD-74006" in r.text and "cannot add items to a shipped order" in r.text
    assert "Bronze level, so you can place a new order" in r.text


async def test_what_an_order_placed_on_a_day_holds_and_when_it_arrives(assistant: Assistant) -> None:
    order = assistant.store.get_order("ORD-74004") or {}
    day = int(str(order["date"])[8:10])  # the day the fixture stored, not a second reading of the clock
    r = await ask(assistant, f"what did I actually order on the {ordinal(day)} and when's it getting here", "s1")
    assert "ORD-74004" in r.text and "ORD-74005" not in r.text
    assert "Presley Wool Overcoat" in r.text and str(order["estimated_delivery"]) in r.text


def test_a_day_said_picks_the_orders_placed_that_day_and_nothing_when_none_was() -> None:
    orders = [{"order_id": "A", "date": "2026-11-24T10:00:00Z"}, {"order_id": "B", "date": "2026-11-28T10:00:00Z"}]
    today = dt.date(2026, 11, 30)  # a Monday
    assert [o["order_id"] for o in on_said_day("what did I order on the 24th?", orders, today)] == ["A"]
    assert [o["order_id"] for o in on_said_day("the sweater I ordered on saturday", orders, today)] == ["B"]
    assert on_said_day("what did I order on the 25th?", orders, today) == []
    assert on_said_day("where is my order?", orders, today) == []


async def test_a_size_fix_asked_of_a_shipped_order_is_no_change_and_the_exchange_after(assistant: Assistant) -> None:
    r = await ask(assistant, "the overcoat I ordered, I wanted L not M. can that still be fixed?", "b2")
    assert "ORD-74006" in r.text and "the address, items and delivery date can no longer be changed" in r.text
    assert "exchange it" in r.text and "make the change" not in r.text
    assert "Size L is in stock (15 left)" in r.text


async def test_an_item_added_to_the_order_named_by_its_item_picks_the_one_still_on_its_way(
    assistant: Assistant,
) -> None:
    r = await ask(assistant, "can I add a belt to my overcoat order?", "s1")
    assert "ORD-74004" in r.text and "Which one" not in r.text
