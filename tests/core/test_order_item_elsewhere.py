"""A follow-up that names an item of another order (#9): "has my black quarter zip shipped yet" answered the order
and added "I'm not sure about a zip" (the answer check read the item's name as a question about a zip); then "ok
and the merino one i ordered after that, can i still change it to a L instead of XL?" answered the quarter zip's
order again as a complaint ("ordered ... instead" read as a wrong item) and opened a case. The merino's order is the
one asked about: still processing, so the size can be changed, L's stock from the catalog, and a person to do it.
A real Assistant on the demo store's knowledge (hashing embedder) and a real SQLite store; near misses keep theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.complaint_words import complaint_kind
from bot.core.part_aspects import asked_aspects
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant, order_row

CUSTOMERS = [{"customer_id": "cz", "name": "Cam", "email": "cam@example.com", "membership": "bronze"}]
ZIP = {"sku": "TH-SW-1213", "name": "Tommy Hilfiger Women's Everett Quarter-Zip Sweater", "qty": 1, "price": 152.99}
MERINO = {"sku": "CK-SW-1208", "name": "Calvin Klein Women's Kingsley Merino Sweater", "qty": 1, "price": 67.99}
STOCK = next(
    json.loads(line)["stock"]
    for line in (REPO / "knowledge/catalog/products.jsonl").open()
    if '"CK-SW-1208"' in line
)


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    orders = [
        order_row("ORD-1", "cz", "shipped", [{**ZIP, "size": "L", "color": "black"}], "2026-11-26"),
        order_row("ORD-2", "cz", "processing", [{**MERINO, "size": "XL", "color": "black"}], "2026-11-28"),
    ]
    return demo_assistant(tmp_path, intents, CUSTOMERS, orders)


async def test_an_item_of_another_order_picks_that_order(shop: Assistant) -> None:
    first = (await ask(shop, "has my black quarter zip shipped yet", "cz", "z1")).text
    assert "ORD-1" in first and "not sure about a zip" not in first
    said = "ok and the merino one i ordered after that, can i still change it to a L instead of XL?"
    text = (await ask(shop, said, "cz", "z1")).text
    assert text.startswith("Your order ORD-2 from 2026-11-28 is processing")
    assert "you can change an item, its size or its color" in text
    assert f"Size L is in stock ({STOCK['L']} left)." in text and "request number" not in text
    assert "I'm sorry" not in text


async def test_near_misses_keep_the_order_under_discussion(shop: Assistant) -> None:
    await ask(shop, "has my black quarter zip shipped yet", "cz", "z2")
    text = (await ask(shop, "can i switch it to a medium?", "cz", "z2")).text
    assert text.startswith("Your order ORD-1 ") and "ORD-2" not in text
    await ask(shop, "has my black quarter zip shipped yet", "cz", "z3")
    text = (await ask(shop, "can i change the quarter zip to an XL?", "cz", "z3")).text
    assert text.startswith("Your order ORD-1 ")


def test_an_item_named_for_its_zip_asks_no_zip_and_a_change_is_no_complaint() -> None:
    assert "zip" not in [a.name for a in asked_aspects("has my black quarter zip shipped yet")]
    assert "zip" not in [a.name for a in asked_aspects("is the half-zip or the zip-up hoodie warmer?")]
    assert "zip" in [a.name for a in asked_aspects("does the parka have a zip?")]
    assert "zip" in [a.name for a in asked_aspects("is the quarter zip's zipper metal?")]
    assert complaint_kind("the merino one i ordered after that, can i still change it to a L instead of XL?") is None
    assert complaint_kind("i ordered a black one and got navy instead") == "wrong"
