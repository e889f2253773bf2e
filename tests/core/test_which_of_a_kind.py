"""Several orders holding the same kind of item (#9). "when will my sweater arrive" from a shopper with six sweater
orders, two on their way, asked which of the newest three (a delivered one among them) and listed every item of each
order (the gloves beside a sweater); "did my jeans come yet" and a bare "my sweater?" got the catalog's jeans and
sweaters. Now a where-or-when question asks among the orders on their way (one alone is answered, as before), each
named by number, date and the items of the kind asked; "none of them on the way" when none is; a list cut to three
says so; and "did my X come yet", "my X?", "how much was my X?" ask about the shopper's orders. A real Assistant
on the demo store (hashing embedder), real SQLite."""

from __future__ import annotations

from pathlib import Path

from bot.domain import Flag
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago


def item(sku: str, name: str, price: float, size: str = "M", color: str = "black") -> dict[str, object]:
    return {"sku": sku, "name": name, "qty": 1, "price": price, "size": size, "color": color}


KINGSLEY = item("CK-SW-1208", "Calvin Klein Women's Kingsley Merino Sweater", 67.99)
EVERETT = item("TH-SW-1213", "Tommy Hilfiger Women's Everett Quarter-Zip Sweater", 152.99)
THORNTON = item("TH-SW-1292", "Tommy Hilfiger Women's Thornton Cardigan Sweater", 53.99, color="cream")
GLOVES = item("CK-AC-1041", "Calvin Klein Dover Leather Gloves", 62.99, size="L")
JEANS = item("GP-JN-1009", "Gap Women's Rowan Straight Stretch Jeans", 83.0, size="26", color="light wash")
SHOPPER = [{"id": "s1", "name": "Camille", "membership": "bronze"}]


async def test_arrival_asks_among_the_ones_on_the_way(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [
        order_row("ORD-75001", "s1", "processing", [KINGSLEY], days_ago(4).isoformat()),
        order_row("ORD-75002", "s1", "shipped", [GLOVES, EVERETT], days_ago(6).isoformat()),
        order_row("ORD-75003", "s1", "delivered", [THORNTON], days_ago(26).isoformat()),
        order_row("ORD-75004", "s1", "delivered", [THORNTON], days_ago(60).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, SHOPPER, orders)
    reply = await ask(shop, "when will my sweater arrive", "s1")
    assert Flag.ASK_WHICH in reply.flags
    assert reply.text.startswith("Two of your orders with a sweater are on the way: ORD-75001 from ")
    assert "ORD-75002" in reply.text and "Everett Quarter-Zip Sweater" in reply.text
    assert "Gloves" not in reply.text and "ORD-75003" not in reply.text and "ORD-75004" not in reply.text
    paid = await ask(shop, "how much did i pay for my sweater", "s1")  # near miss: not a where question
    assert (
        paid.text.startswith("You have 4 orders with a sweater; the newest three: ") and "on the way" not in paid.text
    )
    zipped = await ask(shop, "how much was my quarter-zip sweater?", "s1")  # the order's, not the catalog's
    assert "ORD-75002" in zipped.text and "we don't have" not in zipped.text
    came = await ask(shop, "my sweater?", "s1")
    assert Flag.ASK_WHICH in came.flags and "ORD-75001" in came.text


async def test_one_on_the_way_is_answered(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [
        order_row("ORD-76001", "s1", "shipped", [KINGSLEY], days_ago(4).isoformat()),
        order_row("ORD-76002", "s1", "delivered", [THORNTON], days_ago(26).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, SHOPPER, orders)
    reply = await ask(shop, "when will my sweater arrive", "s1")
    assert "ORD-76001" in reply.text and "ORD-76002" not in reply.text and Flag.ASK_WHICH not in reply.flags


async def test_none_on_the_way_is_said(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [
        order_row(f"ORD-7700{n}", "s1", "delivered", [THORNTON], days_ago(20 + 10 * n).isoformat()) for n in range(4)
    ] + [order_row("ORD-77010", "s1", "delivered", [JEANS], days_ago(9).isoformat())]
    shop = demo_assistant(tmp_path, intents, SHOPPER, orders)
    reply = await ask(shop, "when does my sweater come", "s1")
    assert reply.text.startswith("You have 4 orders with a sweater, none of them on the way; the newest three: ")
    jeans = await ask(shop, "did my jeans come yet", "s1")
    assert "ORD-77010" in jeans.text and "Here are" not in jeans.text
