"""A feature asked in plain words is matched against the listings (#9): "gloves that work with my phone screen? size
XL, under $60" read "work" as the Work Boots style and said none matched, then listed two gloves with touchscreen
fingertips. "work with my phone", "can I text with them", "wash it at home", "won't slip" now ask touchscreen use,
machine washing and a slip-resistant sole; "work" as a verb is no style; a phone a product works with is no
question about the shop's phone line. Near misses: "work boots" and "boots for work" keep their meaning; "can I
text you?" and "what's your phone number?" are no product feature."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.catalog import discovery_text, parse_constraints, search
from bot.core.catalog.attributes import has
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

CATALOG = [json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if x.strip()]


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("leather gloves that work on a touchscreen, size M", "touchscreen"),
        ("need gloves i can text with them", "touchscreen"),
        ("gloves compatible with my iphone?", "touchscreen"),
        ("any gloves for texting", "touchscreen"),
        ("a jacket i can wash at home, mens M", "machine washable"),
        ("boots that wont slip on ice, womens 8", "slip-resistant"),
        ("jeans with some give in them", "stretch"),
        ("gloves i can scroll my phone with", "touchscreen"),
        ("boots that won't let water in, mens 11", "waterproof"),
        ("a coat that keeps the rain out", "waterproof"),
    ],
)
def test_a_feature_in_plain_words_is_the_catalogs_feature(text: str, feature: str) -> None:
    c = parse_constraints(text, CATALOG)
    assert feature in c.features
    assert "work" not in c.features


def test_work_as_a_verb_is_no_style_and_the_gloves_that_do_are_listed() -> None:
    c = parse_constraints("gloves that will work with my smartphone? size L, max $90", CATALOG)
    assert c.features == ["touchscreen"] and c.size == "L" and c.max_price == 90
    reply, shown = discovery_text(c, search(CATALOG, c), CATALOG)
    assert "Sorry" not in reply and "aren't listed" not in reply
    assert shown and all(has(p, "touchscreen") and p["price"] <= 90 for p in shown)


@pytest.mark.parametrize(
    ("text", "features"),
    [
        ("womens work boots size 8", ["work"]),  # the Work Boots style
        ("boots for work", ["office"]),
        ("will these work for hiking", ["hiking"]),
    ],
)
def test_work_as_a_word_of_a_kind_or_occasion_keeps_its_meaning(text: str, features: list[str]) -> None:
    assert parse_constraints(text, CATALOG).features == features


async def test_a_phone_a_product_works_with_is_its_touchscreen(tmp_path: Path, intents: IntentClassifier) -> None:
    assistant: Assistant = demo_assistant(tmp_path, intents, [], [])
    reply = await ask(assistant, "do the Calvin Klein Quincy Leather Gloves work with a phone?")
    assert reply.text.startswith("Yes, the Calvin Klein Quincy Leather Gloves are touchscreen-friendly")
    assert "1-800" not in reply.text
    near = await ask(assistant, "what's your phone number?")
    assert "1-800" in near.text
    site = await ask(assistant, "does your website work on a phone?")  # no product's feature: the contact reply stays
    assert "touchscreen" not in site.text
