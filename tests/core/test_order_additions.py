"""An item asked to be added to an unshipped order of the shopper's, and the order sent elsewhere right after (#9,
reader21): "can i add a belt to my chinos order? the banana republic mercer one in brown, size S" got the rule only,
never the belt's price or stock; "and can u ship it to my office instead of home" got the international shipping
page. Now the belt's price, colour and the stock of S beside the rule, and that order's address rule."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.added_item import added_item_line
from bot.core.assistant import Assistant
from tests.core.test_own_orders import assistant as _seeded
from tests.core.test_own_orders import chat

assistant = _seeded  # the seeded demo shop
CATALOG = [json.loads(x) for x in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").open()]


def test_the_item_to_add_is_named_with_its_price_colour_and_the_stock_of_the_size_asked() -> None:
    line = added_item_line(
        "can i add a belt to my chinos order? the banana republic mercer one in brown, size S", CATALOG
    )
    assert (
        line
        == "The Banana Republic Women's Mercer Leather Belt is 33.99 USD; it comes in brown; size S is in stock (12 left)."
    )
    shirt = added_item_line("can i add the guess sable linen shirt in L to my order?", CATALOG)
    assert (
        shirt.startswith("The Guess Women's Sable Linen Button-Up Shirt is 62.00 USD") and "size L is in stock" in shirt
    )


def test_an_item_named_at_length_before_the_order_is_still_the_item_to_add() -> None:
    from bot.core.order_words import ADD_ITEM

    text = "can i add a calvin klein lennox belt in black, size M to my sweater order?"
    assert ADD_ITEM.search(text)
    assert added_item_line(text, CATALOG).startswith(
        "The Calvin Klein Lennox Leather Belt is 91.50 USD; it comes in black"
    )
    line = added_item_line("pls add the guess sable linen shirt in L to my rain jacket order", CATALOG)
    assert line.startswith("The Guess Women's Sable Linen Button-Up Shirt is 62.00 USD")
    assert added_item_line("can i add a note to my order?", CATALOG) == ""


def test_an_item_not_named_enough_to_be_one_product_gets_no_line() -> None:
    assert added_item_line("can you add a belt to my order", CATALOG) == ""  # many belts: the rule alone
    assert added_item_line("can i add something to my order?", CATALOG) == ""


async def test_adding_a_named_belt_then_sending_the_order_to_the_office(assistant: Assistant) -> None:
    # c012: ORD-14021 (processing), two chinos
    added, moved = await chat(
        assistant,
        "c012",
        "can i add a belt to my chinos order? the banana republic mercer one in brown, size S",
        "and can u ship it to my office instead of home",
    )
    assert "ORD-14021" in added.text and "33.99" in added.text and "size S is in stock" in added.text, added.text
    assert "ORD-14021" in moved.text and "shipping address" in moved.text, moved.text
    assert "DHL" not in moved.text


async def test_shipping_to_an_office_asked_with_no_order_before_is_still_the_shipping_rule(
    assistant: Assistant,
) -> None:
    # near miss: no order under discussion, so no order's address is read
    (reply,) = await chat(assistant, "c012", "do you ship to office addresses?")
    assert "ORD-14021" not in reply.text, reply.text
    # the shipping page's address rule (the pages say nothing of offices), not an order's status
    assert "addresses" in reply.text and "ship" in reply.text, reply.text
    assert any("shipping" in str(s) for s in reply.sources), reply.sources
