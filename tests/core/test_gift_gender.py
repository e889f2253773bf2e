"""The person a gift is for gives the search its gender, said any way (#9, BRIEF defect 3: a men's cardigan was
listed for "get my wife a cashmere sweater, she's a medium"); the shopper's own search that only mentions someone
("my wife says I need new boots", "my husband and I") gets none. On the demo store's real catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.catalog import parse_constraints, search

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("want to get my wife a cashmere sweater for christmas, she's a medium. anything?", "women"),
        ("my husband needs a new belt, his jeans are a 32. what do you have?", "men"),
        ("buying my dad a sweater, he's an XL", "men"),
        ("gift for my sister, she wears a small", "women"),
        ("my girlfriend's birthday is coming, any rain jackets?", "women"),
        ("my wife wants a new coat, size M", "women"),
        ("my wife says I need new boots, size 10", None),
        ("my wife wants me to get a new coat", None),
        ("my husband and I are looking for matching beanies", None),
        ("looking for boyfriend jeans", None),
    ],
)
def test_the_person_a_gift_is_for_gives_the_gender(text: str, gender: str | None) -> None:
    assert parse_constraints(text, CATALOG).gender == gender


def test_a_gift_for_a_wife_lists_no_mens_sweater() -> None:
    c = parse_constraints("want to get my wife a cashmere sweater for christmas, she's a medium. anything?", CATALOG)
    found = search(CATALOG, c).matches
    assert found and all(p["gender"] in ("women", "unisex") for p in found)
