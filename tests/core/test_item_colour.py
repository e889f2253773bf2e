"""An ordered item named by its colour (#9): "can i still return the lavender shirt?" from a shopper with two shirt
orders got the packaging rule for Bronze and Silver, never the window, because the order holding "the lavender
shirt" was looked for by the item's name words only (reader17 r17-049). A real Assistant on the demo store (hashing
embedder) with a real SQLite store."""

from __future__ import annotations

from pathlib import Path

from bot.core.return_extras import named_most
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago

LAVENDER = {"sku": "TH-SH-1143", "name": "Tommy Hilfiger Women's Union Dress Button-Down Shirt", "qty": 1,
            "price": 67.0, "size": "XL", "color": "lavender"}  # fmt: skip
BURGUNDY = {"sku": "CK-SH-1056", "name": "Calvin Klein Men's Sutton Poplin Button-Down Shirt", "qty": 1,
            "price": 84.0, "size": "L", "color": "burgundy"}  # fmt: skip


def test_the_colour_picks_the_order_among_two_of_a_kind() -> None:
    orders = [
        order_row("ORD-1", "g", "delivered", [BURGUNDY], "2026-07-17"),
        order_row("ORD-2", "g", "delivered", [LAVENDER], "2026-10-19"),
    ]
    for o in orders:
        o["items"] = __import__("json").loads(o["items"])
    assert [o["order_id"] for o in named_most(orders, "can i still return the lavender shirt?")] == ["ORD-2"]
    assert [o["order_id"] for o in named_most(orders, "the burgundy one")] == ["ORD-1"]
    assert len(named_most(orders, "can i return the button-down shirt?")) == 2  # near miss: both named alike


async def test_the_lavender_shirt_gets_its_orders_return_window(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [
        order_row("ORD-70001", "g1", "delivered", [BURGUNDY], days_ago(140).isoformat()),
        order_row("ORD-70002", "g1", "delivered", [LAVENDER], days_ago(44).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "g1", "name": "Elena", "membership": "guest"}], orders)
    reply = await ask(shop, "can i still return the lavender shirt?", "g1")
    assert "ORD-70002" in reply.text and "ORD-70001" not in reply.text
    assert "return window is 30 days from the purchase date, so it has passed" in reply.text
