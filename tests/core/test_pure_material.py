"""A fibre asked whole ("anything u sell thats 100% cashmere?", "pure wool", "all-cotton") lists only the listings
whose material is wholly that fibre, each with its material, and says which of the others with the fibre are blends
or have it only as a lining (#9, blind set: "100% cashmere ... gift for my mom" listed five products, four of them
wool-cashmere or cotton-cashmere blends). On the demo store's real catalog; one turn through a real Assistant."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.catalog import parse_constraints, search
from bot.core.catalog.composition import composition
from bot.core.catalog.honest_list import discover
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
    if line.strip()
]
BY_NAME = {p["name"]: p for p in CATALOG}


def _whole(p: dict, fibre: str) -> bool:
    return composition(str(p.get("material") or ""), fibre)[0] == "pure"


@pytest.mark.parametrize(
    ("text", "fibre"),
    [
        ("anything u sell thats 100% cashmere? gift for my mom", "cashmere"),
        ("any pure cashmere sweaters?", "cashmere"),
        ("looking for something all wool, a sweater for my dad", "wool"),
        ("all-cotton tees in M", "cotton"),
        ("100% merino wool sweaters for men?", "merino"),
        ("100 percent linen shirts", "linen"),
        ("womens linen shirt, like real linen not a blend, size L?", "linen"),  # #9 reader21: listed the Larkin blend
        ("wool sweater for my dad, no blends please", "wool"),
        ("a cotton tee thats unblended?", "cotton"),
        ("any linen shirts for women that arent blends?", "linen"),
    ],
)
def test_a_fibre_asked_whole_finds_only_listings_wholly_of_it(text: str, fibre: str) -> None:
    c = parse_constraints(text, CATALOG)
    found = search(CATALOG, c, limit=50).matches
    assert found and all(_whole(p, fibre) for p in found), [p["material"] for p in found]


@pytest.mark.parametrize(
    "text",
    [
        "cashmere sweaters for women?",
        "show me all cotton shirts",
        "are all wool sweaters itchy?",
        "wool coats",
        "is a linen blend ok for summer?",
        "a wool blend sweater is fine",
    ],
)
def test_the_fibre_alone_still_finds_blends(text: str) -> None:
    c = parse_constraints(text, CATALOG)
    assert not any(m.startswith("pure") for m in c.materials), c.materials


def test_cashmere_sweaters_still_list_the_blends() -> None:
    found = search(CATALOG, parse_constraints("cashmere sweaters?", CATALOG), limit=50).matches
    assert any(not _whole(p, "cashmere") for p in found)


def test_with_none_wholly_of_it_the_blends_are_the_nearest_and_said_to_be_blends() -> None:
    text = "pure cashmere coats?"
    reply, shown, _ = discover(CATALOG, parse_constraints(text, CATALOG), text)
    assert shown and not any(_whole(p, "cashmere") for p in shown)
    assert "not 100% cashmere" in reply and "blend" in reply
    assert all(f"{p['name']}" in reply and str(p["material"]) in reply for p in shown)


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_a_gift_of_100_percent_cashmere_lists_the_pure_one_and_labels_the_blends(assistant: Assistant) -> None:
    reply = (await ask(assistant, "anything u sell thats 100% cashmere? gift for my mom")).text
    lines = [m.group(1) for m in re.finditer(r"(?:^- |We have one: |^)(.+?)(?: \(unisex\))? - \d", reply, re.M)]
    named = [BY_NAME[n] for n in lines if n in BY_NAME]
    pure = [p for p in named if _whole(p, "cashmere")]
    blends = [p for p in named if not _whole(p, "cashmere")]
    assert pure and all(p["gender"] in ("women", "unisex") for p in named), reply
    head, _, rest = reply.partition("not 100% cashmere")
    assert all(p["name"] in head for p in pure) and all(p["name"] in rest for p in blends), reply
    assert all(p["material"] in reply for p in named)
