"""A denim wash said in everyday words filters like the catalog's wash colours (#9, reader21: "cheapest mens jeans u
have in a 34 waist? dark wash pls" listed the Uniqlo Weston, which comes in no dark wash): "dark wash" is the
catalog's dark indigo, "mid wash" its medium wash. On the demo store's real catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.catalog import parse_constraints, search
from bot.core.catalog.honest_list import discover

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.mark.parametrize(
    ("text", "colour"),
    [
        ("cheapest mens jeans u have in a 34 waist? dark wash pls", "dark indigo"),
        ("any darkwash jeans for women?", "dark indigo"),
        ("a dark-wash denim jacket", "dark indigo"),
        ("mid wash jeans in 30", "medium wash"),
        ("light-wash jeans for women", "light wash"),
    ],
)
def test_a_wash_said_in_everyday_words_is_the_catalogs_wash_colour(text: str, colour: str) -> None:
    c = parse_constraints(text, CATALOG)
    assert colour in c.colours, c.colours
    found = search(CATALOG, c, limit=50).matches
    assert found and all(colour in p["colors"] for p in found)


def test_the_cheapest_dark_wash_jeans_leave_out_jeans_without_a_dark_wash() -> None:
    text = "cheapest mens jeans u have in a 34 waist? dark wash pls"
    reply, shown, _ = discover(CATALOG, parse_constraints(text, CATALOG), text)
    assert shown[0]["name"] == "Uniqlo Men's Kingsley Bootcut Stretch Jeans" and "47.50" in reply
    assert "Weston" not in reply and "dark indigo" in reply


@pytest.mark.parametrize("text", ["washed black jeans", "how do i wash dark jeans?", "light jeans for summer"])
def test_other_wash_words_keep_their_reading(text: str) -> None:
    c = parse_constraints(text, CATALOG)
    assert "dark indigo" not in c.colours and "medium wash" not in c.colours, c.colours
