"""Product fact answers answer the attribute asked, not one named inside the product's own name."""

from __future__ import annotations

from bot.core.answers import product_fact_answer

JACKET = {
    "sku": "NT-JKT-0003",
    "name": "Wool Winter Jacket",
    "material": "wool",
    "price": 149.0,
    "currency": "USD",
    "stock": {"M": 0, "L": 2},
}
BOOTS = {
    "sku": "NT-BTS-0004",
    "name": "Leather Ankle Boots",
    "material": "leather",
    "price": 120.0,
    "currency": "USD",
    "stock": {"8": 4, "9": 0},
    "rating": 4.5,
}


def test_a_size_question_is_a_stock_question() -> None:
    out = product_fact_answer(JACKET, "Do you have the Wool Winter Jacket in L?", size="L", colours=[])
    assert out == "Yes, the Wool Winter Jacket is in stock in size L."
    out = product_fact_answer(BOOTS, "do you have the leather ankle boots in 9", size="9", colours=[])
    assert (
        out is not None
        and out.startswith("Sorry, the Leather Ankle Boots is out of stock in size 9.")
        and "made of" not in out
    )


def test_a_material_word_in_the_name_asks_nothing() -> None:
    assert (
        product_fact_answer(BOOTS, "How much are the Leather Ankle Boots?", size=None, colours=[])
        == "The Leather Ankle Boots costs 120.00 USD."
    )
    assert product_fact_answer(BOOTS, "Tell me about the Leather Ankle Boots", size=None, colours=[]) is None


def test_an_explicit_material_question_is_still_answered() -> None:
    assert (
        product_fact_answer(JACKET, "What is the Wool Winter Jacket made of?", size=None, colours=[])
        == "The Wool Winter Jacket is made of wool."
    )
