"""Brands named by everyday words (#9 wrong routes): "I guess", "express shipping", "mind the gap", "my boss" and "a
champion skier" are no brand, and a shipping question that says them is no catalog search; "Guess jeans", "anything
from Express", "GAP", "do you carry gap?" still are. On the demo store's real catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.catalog import parse_constraints
from bot.core.request import understand
from bot.domain import ConversationState, Intent, IntentPrediction, RequestKind

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.mark.parametrize(
    "text",
    [
        "My cart is only $60 so I guess I don't get free shipping? What's the cheapest way to get it to me?",
        "Guess I'll go with standard then",
        "guess what, my parcel came early",
        "Do you offer express shipping? How much is it?",
        "Do you offer Express shipping to Canada?",
        "DHL Express to Ireland, how long does it take?",
        "what's the gap in delivery time between standard and economy?",
        "There's a gap between the buttons on my shirt",
        "My boss wants a navy sweater for the office, what do you have?",
        "He's a champion skier - any warm men's jackets under $200?",
        "Should I pick standard or express?",
    ],
)
def test_an_everyday_word_is_no_brand(text: str) -> None:
    c = parse_constraints(text, CATALOG)
    assert c.brands == [] and c.missing_brands == [], text


@pytest.mark.parametrize(
    ("text", "brands", "missing"),
    [
        ("Do you have Guess jeans?", ["Guess"], []),
        ("do you have guess jeans", ["Guess"], []),
        ("guess boots under $150?", ["Guess"], []),
        ("how much are the guess jeans", ["Guess"], []),
        ("what do you have from guess for women", ["Guess"], []),
        ("anything from Express in black?", ["Express"], []),
        ("Express sweaters under $100", ["Express"], []),
        ("do you carry gap?", ["Gap"], []),
        ("GAP hoodies?", ["Gap"], []),
        ("is the Gap parka warm?", ["Gap"], []),
        ("Is Guess or Gap cheaper for jeans?", ["Guess", "Gap"], []),
        ("Do you sell Vans?", [], ["Vans"]),
        ("Do you sell Champion hoodies?", [], ["Champion"]),
        ("Do you sell Hugo Boss?", [], ["Hugo Boss"]),
        ("do you carry uniqlo", ["Uniqlo"], []),  # no everyday word: no evidence needed
    ],
)
def test_a_brand_said_as_a_brand_is_read(text: str, brands: list[str], missing: list[str]) -> None:
    c = parse_constraints(text, CATALOG)
    assert sorted(c.brands) == sorted(brands) and c.missing_brands == missing, text


def _kind(text: str, intent: Intent) -> RequestKind:
    pred = IntentPrediction(intent=intent, confidence=0.6, label=intent.value)
    return understand(text, pred, ConversationState(), CATALOG, known_customer=False).kind


def test_a_shipping_question_that_says_i_guess_is_no_catalog_search() -> None:
    text = "What's the cheapest delivery you do? My basket's $60 so I guess shipping isn't free?"
    assert _kind(text, Intent.SHIPPING) == RequestKind.POLICY
    assert _kind(text, Intent.PRODUCT_SEARCH) == RequestKind.POLICY  # a misread intent does not make it a search
    assert _kind("What's the cheapest Guess tee?", Intent.PRODUCT_SEARCH) == RequestKind.DISCOVERY  # near miss
