"""Small, medium and large as plain adjectives are no size (#9): "looking for a jacket that packs down small" got
"we don't have any packable down jackets in stock in size S". A size word before a noun that is no garment ("a small
bag", "a large order", "in medium wash", "a small business") or at the end after a verb or adverb ("packs down
small", "folds up small") is how big something is; "in small", "size small", "a small in the navy jacket", "need a
medium", "mens shirt small", "a large jacket please" still ask the size."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.catalog.parse import parse_constraints
from bot.core.catalog.plain import product_size
from bot.core.lookups import asked_size
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

CATALOG: list[dict[str, Any]] = [
    json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if line.strip()
]


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


JACKET = next(p for p in CATALOG if "Jacket" in p["name"] and "S" in (p.get("stock") or {}))


@pytest.mark.parametrize(
    "text",
    [
        "looking for a jacket that packs down small",
        "a jacket that folds up really small",
        "a small bag for travel",
        "need a large order of socks",
        "jeans in medium wash",
        "jeans in a medium wash",
        "gift for a small business owner",
        "boots in medium width",
        "a medium rise jeans",
        "something small for a gift, a scarf?",
    ],
)
def test_a_size_word_as_an_adjective_is_no_size(text: str) -> None:
    assert parse_constraints(text, CATALOG).size is None
    assert asked_size(text) is None
    assert product_size(JACKET, text) is None


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("jacket in small", "S"),
        ("size small jacket", "S"),
        ("a small in the navy jacket", "S"),
        ("do you have a small in the rain jacket?", "S"),
        ("mens shirt small", "S"),
        ("sweater for men, medium", "M"),
        ("womens coat large", "L"),
        ("a large jacket please", "L"),
        ("coat in large please", "L"),
        ("is there a small?", "S"),
        ("need a medium", "M"),
    ],
)
def test_a_size_word_that_asks_a_size_is_still_the_size(text: str, size: str) -> None:
    assert parse_constraints(text, CATALOG).size == size


def test_packs_down_is_no_down_fill_and_reads_packable() -> None:
    c = parse_constraints("looking for a jacket that packs down small", CATALOG)
    assert c.materials == [] and c.size is None
    assert parse_constraints("womens down coat in medium", CATALOG).materials == ["down"]
    assert parse_constraints("a down jacket that packs small", CATALOG).materials == ["down"]


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("looking for a small leather jacket", "S"),
        ("i want a medium linen shirt under 80", "M"),
        ("a large rain jacket", "L"),
        ("a medium navy sweater", "M"),
        ("a small red dress", "S"),
        ("show me a large wool coat", "L"),
        ("do you have rain jackets? my size is small", "S"),
    ],
)
def test_a_size_before_other_words_and_a_garment_is_the_size(text: str, size: str) -> None:
    """Review of 9a9b098: any word but a listed garment after the size made it an adjective, and "is" before a
    final size word made it how big. Only a known thing that is no garment ("a small red bag") does now."""
    assert parse_constraints(text, CATALOG).size == size


def test_a_size_before_a_colour_asks_the_products_size() -> None:
    assert product_size(JACKET, "do you have it in medium black?") == "M"


@pytest.mark.parametrize(
    "text",
    ["a small red bag for travel", "looking for a medium weight jacket", "i have a small hole in my jacket"],
)
def test_a_size_word_before_a_known_non_garment_stays_an_adjective(text: str) -> None:
    assert parse_constraints(text, CATALOG).size is None
    assert asked_size(text) is None


async def test_a_search_with_the_size_as_an_adjective_keeps_the_size(shop: Assistant) -> None:
    reply = await ask(shop, "looking for a small leather jacket")
    assert reply.text.startswith("Here are the leather jackets in stock in size S") and "out of stock" not in reply.text
    shirt = await ask(shop, "i want a medium linen shirt under 80")
    assert "in stock in size M" in shirt.text and "within your budget" in shirt.text
    rain = await ask(shop, "do you have rain jackets? my size is small")
    assert "rain jackets in stock in size S" in rain.text
    packs = await ask(shop, "looking for a jacket that packs down small")  # near miss: how big, no size
    assert packs.text.startswith("Here are the packable jackets") and "size S" not in packs.text
