"""Catalog tools on the demo store's real catalog: constraints, search, "we don't carry", comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.catalog import compare_text, discovery_text, parse_constraints, search
from bot.domain import Sort

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).resolve().parents[2] / "knowledge" / "catalog" / "products.jsonl")
    .read_text()
    .splitlines()
    if line.strip()
]
BY_SKU = {p["sku"]: p for p in CATALOG}


def test_constraints_are_parsed_from_the_words() -> None:
    c = parse_constraints("Any women's black boots in size 8 under $150?", CATALOG)
    assert (
        c.categories == ["boots"]
        and c.gender == "women"
        and "black" in c.colours
        and c.size == "8"
        and c.max_price == 150
    )
    c = parse_constraints("show me Calvin Klein jeans between $50 and $100, cheapest first", CATALOG)
    assert c.brands == ["Calvin Klein"] and (c.min_price, c.max_price) == (50, 100) and c.sort == Sort.CHEAPEST
    c = parse_constraints("your most expensive merino sweaters", CATALOG)
    assert c.sort == Sort.PRICIEST and c.materials == ["merino"] and c.categories == ["sweater"]
    assert parse_constraints("can I return it in 30 days?", CATALOG).size is None
    assert parse_constraints("a denim jacket", CATALOG).categories == ["jacket"]


@pytest.mark.parametrize(
    ("question", "low", "high"),
    [
        ("I want a black dress, not more than $70", None, 70),
        ("a sweater for my mum, nothing over $90, she likes navy", None, 90),
        ("gift for a teenage boy, maybe 40 dollars max", None, 40),
        ("jeans, $60 or less", None, 60),
        ("i can't spend more than 80 dollars on a jacket", None, 80),
        ("boots, 120 bucks tops", None, 120),
        # without the apostrophe, as shoppers type it
        ("waterproof boots (womens), size 8, dont want to spend more than 200", None, 200),
        ("cant go over 80 on a jacket", None, 80),
        ("a dress, i dont wanna pay more than $90", None, 90),
        ("is there a shirt for him that isn't more than $40", None, 40),
        # near misses: a floor stays a floor, a number with no money unit after it is no ceiling
        ("jackets over $200", 200, None),
        ("jackets at least $150 but not over $250", 150, 250),
        ("jeans size 32 max stretch", None, None),
    ],
)
def test_a_ceiling_is_read_however_it_is_said_and_a_negated_floor_is_a_ceiling(
    question: str, low: float | None, high: float | None
) -> None:
    c = parse_constraints(question, CATALOG)
    assert (c.min_price, c.max_price) == (low, high)


def test_a_not_more_than_budget_lists_what_meets_it() -> None:
    result = search(CATALOG, parse_constraints("I want a black dress, not more than $70", CATALOG))
    expected = {p["sku"] for p in CATALOG if p["category"] == "dress" and "black" in p["colors"] and p["price"] <= 70}
    assert expected and {p["sku"] for p in result.matches} == expected


@pytest.mark.parametrize(
    ("question", "gender"),
    [
        ("gift ideas for a teenage boy", "men"),
        ("something for my nephew", "men"),
        ("a present for her birthday, a scarf maybe", "women"),
        ("a dress for my niece", "women"),
        ("boyfriend jeans", None),  # a women's style word, not a man
    ],
)
def test_the_person_a_gift_is_for_gives_the_gender(question: str, gender: str | None) -> None:
    assert parse_constraints(question, CATALOG).gender == gender


@pytest.mark.parametrize(
    ("question", "colours"),
    [
        ("will the price of the rain jacket go down on black friday", []),
        ("any black friday deals on black jeans?", ["black"]),
        ("is the red-eye flight too late for delivery", []),
        ("do you have it in black", ["black"]),
        ("white jeans please", ["white"]),
    ],
)
def test_a_colour_word_in_a_day_or_idiom_is_no_colour_asked(question: str, colours: list[str]) -> None:
    assert parse_constraints(question, CATALOG).colours == colours


def test_cheapest_is_the_catalog_minimum_and_every_match_meets_the_constraints() -> None:
    c = parse_constraints("What's the cheapest pair of chinos?", CATALOG)
    result = search(CATALOG, c)
    cheapest = min(float(p["price"]) for p in CATALOG if p["category"] == "chinos")
    assert float(result.matches[0]["price"]) == cheapest
    assert result.total == sum(1 for p in CATALOG if p["category"] == "chinos")
    c = parse_constraints("jackets under $80 in stock in M", CATALOG)
    for p in search(CATALOG, c, limit=50).matches:
        assert p["category"] == "jacket" and p["price"] <= 80 and p["stock"]["M"] > 0


def test_brands_and_kinds_the_shop_does_not_carry_are_said_so() -> None:
    c = parse_constraints("Do you carry Adidas?", CATALOG)
    text, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert text.startswith("We don't carry Adidas.") and "Calvin Klein" in text and shown == []
    c = parse_constraints("do you sell sneakers?", CATALOG)
    text, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert (
        text.startswith("We don't sell sneakers.")
        and "nearest" in text
        and all(p["category"] == "boots" for p in shown)
    )
    c = parse_constraints("do you sell sunglasses", CATALOG)
    assert discovery_text(c, search(CATALOG, c), CATALOG) == ("We don't sell sunglasses.", [])


def test_nothing_matches_gives_labelled_alternatives() -> None:
    c = parse_constraints("coats under $20", CATALOG)
    result = search(CATALOG, c)
    text, shown = discovery_text(c, result, CATALOG)
    assert result.matches == [] and shown and "don't have any" in text and "don't match the price" in text
    assert float(shown[0]["price"]) == min(float(p["price"]) for p in CATALOG if p["category"] == "coat")


@pytest.mark.parametrize("question,winner", [("which is cheaper", "GP-JK-1003"), ("which is warmer", "TH-CT-1267")])
def test_comparison_answers_field_by_field(question: str, winner: str) -> None:
    a, b = BY_SKU["TH-CT-1267"], BY_SKU["GP-JK-1003"]
    text = compare_text(a, b, question)
    first = text.splitlines()[0]
    assert BY_SKU[winner]["name"] in first
    assert f"{a['price']:.2f}" in text and f"{b['price']:.2f}" in text and a["material"] in text
