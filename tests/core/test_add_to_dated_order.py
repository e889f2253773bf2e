"""An item added to the order named by its day (#9): "can you throw a brown leather belt onto my order from the
24th?" (c054, Silver) asked which order although one was placed on the 24th: "throw ... onto" was no add, so the belt
was looked for among the orders. A real Assistant (hashing KB, real SQLite), orders dated relative to today."""

from __future__ import annotations

from pathlib import Path

from bot.core.order_words import ADD_ITEM
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago, ordinal

DRESS = {"sku": "TH-DR-1036", "name": "Tommy Hilfiger Women's Quincy Midi Dress", "qty": 1, "price": 120.0,
         "size": "S", "color": "floral print"}  # fmt: skip
JEANS = {"sku": "CK-JN-1261", "name": "Calvin Klein Women's Hollis Athletic Stretch Jeans", "qty": 1, "price": 90.0,
         "size": "28", "color": "light wash"}  # fmt: skip


def test_throwing_or_tacking_an_item_onto_an_order_is_an_add() -> None:
    for text in (
        "can you throw a brown leather belt onto my order from the 24th?",
        "could you stick a navy beanie on my last order",
        "tack a cap on to that order",
    ):
        assert ADD_ITEM.search(text), text
    for text in ("put a hold on my order", "put my name on the order", "can you put it on my card"):
        assert not ADD_ITEM.search(text), text  # near misses: no item to add


async def test_the_order_from_that_day_is_answered_by_its_state(tmp_path: Path, intents: IntentClassifier) -> None:
    day = days_ago(8)
    orders = [
        order_row("ORD-73001", "s1", "shipped", [DRESS], day.isoformat()),
        order_row("ORD-73002", "s1", "delivered", [JEANS], days_ago(12).isoformat()),
        order_row("ORD-73003", "s1", "shipped", [JEANS], days_ago(6).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "s1", "name": "Hannah", "membership": "silver"}], orders)
    reply = await ask(shop, f"can you throw a brown leather belt onto my order from the {ordinal(day.day)}?", "s1")
    assert "ORD-73001" in reply.text and "ORD-73003" not in reply.text and "Which one" not in reply.text
    assert "We cannot add items to a shipped order." in reply.text and "Silver" in reply.text
