"""The recommendation line is checked against the catalog and what the shopper said, bought or was shown."""

from __future__ import annotations

from bot.core.recommendation_check import check_recommendation, recommendation_lines, without_recommendations
from tests.conftest import PRODUCTS

JEANS, BLACK_JEANS, JACKET, BOOTS = PRODUCTS


def _check(line: str, *, conversation: str = "", shopper: str = "", bought: tuple[str, ...] = ()) -> list[str]:
    return check_recommendation(line, catalog=PRODUCTS, conversation=conversation, shopper_text=shopper, bought=bought)


def test_lines_are_found_and_removed() -> None:
    text = (
        "Standard shipping costs $8.\n\nRecommended for you: Slim Blue Jeans (59.90 USD) - popular with other shoppers."
    )
    assert recommendation_lines(text) == [
        "Recommended for you: Slim Blue Jeans (59.90 USD) - popular with other shoppers."
    ]
    assert without_recommendations(text) == "Standard shipping costs $8."


def test_a_true_line_passes() -> None:
    line = "Recommended for you: Leather Ankle Boots (120.00 USD) - similar to the Slim Blue Jeans you asked about."
    assert (
        _check(
            line, conversation="Is the Slim Blue Jeans in stock in M?\nYes, the Slim Blue Jeans is in stock in size M."
        )
        == []
    )
    assert _check("Recommended for you: Slim Blue Jeans (59.90 USD) - popular with other shoppers.") == []


def test_a_reason_naming_a_product_the_shopper_never_mentioned_fails() -> None:
    line = "Recommended for you: Leather Ankle Boots (120.00 USD) - similar to the Relaxed Black Jeans you asked about."
    problems = _check(line, conversation="How long do I have to return jeans?\nYou have 30 days.")
    assert problems == ["reason names 'Relaxed Black Jeans', which the shopper never asked about or was shown"]


def test_a_category_noun_counts_when_the_shopper_said_it() -> None:
    line = "Recommended for you: Leather Ankle Boots (120.00 USD) - goes with the jeans you asked about."
    assert _check(line, conversation="how should I wash my jeans?") == []
    assert _check(line, conversation="how should I wash my jacket?") != []


def test_wrong_price_out_of_stock_and_budget_fail() -> None:
    assert (
        "not the catalog price"
        in _check("Recommended for you: Slim Blue Jeans (49.90 USD) - popular with other shoppers.")[0]
    )
    assert _check("Recommended for you: Wool Winter Jacket (149.00 USD) - popular with other shoppers.") == [
        "Wool Winter Jacket is out of stock"
    ]
    over = _check(
        "Recommended for you: Leather Ankle Boots (120.00 USD) - popular with other shoppers.",
        shopper="any boots under $50?",
    )
    assert over == ["Leather Ankle Boots costs 120.00, over the stated budget of 50"]


def test_bought_reason_must_be_in_the_orders() -> None:
    line = "Recommended for you: Leather Ankle Boots (120.00 USD) - because you bought Slim Blue Jeans"
    assert _check(line, bought=("Slim Blue Jeans",)) == []
    assert _check(line, bought=("Relaxed Black Jeans",)) != []


def test_a_line_without_a_catalog_product_fails() -> None:
    assert _check("Recommended for you: Golden Unicorn Hat (9.99 USD) - popular.")[0].startswith(
        "recommends no product"
    )


def test_a_product_already_named_in_the_answer_is_not_recommended_again() -> None:
    p = PRODUCTS[0]
    line = f"Recommended for you: {p['name']} ({float(p['price']):.2f} USD) - picked for you."
    answer = f"Here is what we have: {p['name']}."
    assert any("already named" in x for x in _check(line, conversation=answer))
    assert not any("already named" in x for x in _check(line, conversation="Here is what we have."))
