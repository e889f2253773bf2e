"""An order named by its place next to the one just answered (#9): "how much did my last order come to?" then "and
the one before that?" got "I'm not sure about that" (c055, blind set). It is the last question about the order
placed just before (or after) the one the last reply was about, by date. A real Assistant on the demo store
(hashing embedder) with a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.other_order import NEXT_TO
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago

TEE = {"sku": "TH-TS-1119", "name": "Tommy Hilfiger Larkin Logo Tee", "qty": 1, "price": 48.5, "size": "L",
       "color": "red"}  # fmt: skip
DRESS = {"sku": "UQ-DR-1191", "name": "Uniqlo Women's Calder Slip Dress", "qty": 1, "price": 97.99, "size": "M",
         "color": "red"}  # fmt: skip
JACKET = {"sku": "MK-JK-1070", "name": "Michael Kors Women's Sterling Rain Jacket", "qty": 1, "price": 257.99,
          "size": "S", "color": "navy"}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("and the one before that?", "before"),
        ("what about the order prior to that one", "before"),
        ("and before that?", "bare"),
        ("the previous one?", "prev"),
        ("ok what about the one after it", "after"),
    ],
)
def test_an_order_named_by_its_place(text: str, side: str) -> None:
    m = NEXT_TO.search(text)
    assert m is not None and m.group(side), text


@pytest.mark.parametrize(
    "text", ["what happens after that?", "can I get my order before christmas?", "what did you do before that"]
)
def test_near_misses_name_no_order_next_to_it(text: str) -> None:
    assert NEXT_TO.search(text) is None, text


@pytest.fixture
def orders() -> list[dict]:
    return [
        order_row("ORD-72001", "e1", "delivered", [TEE], days_ago(90).isoformat()),
        order_row("ORD-72002", "e1", "delivered", [DRESS], days_ago(40).isoformat()),
        order_row("ORD-72003", "e1", "delivered", [JACKET], days_ago(10).isoformat()),
    ]


async def test_the_one_before_that_is_the_previous_orders_total(
    tmp_path: Path, intents: IntentClassifier, orders: list[dict]
) -> None:
    shop = demo_assistant(tmp_path, intents, [{"id": "e1", "name": "Emma", "membership": "silver"}], orders)
    first = await ask(shop, "what was the total on my latest order?", "e1")
    assert "ORD-72003" in first.text and "257.99" in first.text, first.text
    second = await ask(shop, "and the one before that?", "e1", first.conversation_id)
    assert "ORD-72002" in second.text and "97.99" in second.text, second.text
    assert "ORD-72003" not in second.text and "not sure" not in second.text
    third = await ask(shop, "ok and the previous one", "e1", first.conversation_id)
    assert "ORD-72001" in third.text and "48.50" in third.text, third.text


async def test_the_one_after_it_asks_its_own_question(
    tmp_path: Path, intents: IntentClassifier, orders: list[dict]
) -> None:
    shop = demo_assistant(tmp_path, intents, [{"id": "e1", "name": "Emma", "membership": "silver"}], orders)
    first = await ask(shop, "what was in order ORD-72001?", "e1")
    assert "ORD-72001" in first.text, first.text
    reply = await ask(shop, "what about the order after that one, what was in it?", "e1", first.conversation_id)
    assert "ORD-72002" in reply.text and "Calder Slip Dress" in reply.text, reply.text
