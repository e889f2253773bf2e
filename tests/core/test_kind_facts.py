"""An attribute asked of a whole kind ("are your boots waterproof?") gets the kind's FAQ section whole (the
waterproof AND the water-resistant sentence, not one of them) and the products of that kind listed as waterproof,
named from the catalog; a kind no page covers gets "not all" with the ones that are. A named product keeps its own
answer. A real Assistant on the demo store's knowledge (hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.catalog.attributes import has
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

CATALOG = [json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if x.strip()]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_are_your_boots_waterproof_gives_the_section_and_the_boots(assistant: Assistant) -> None:
    reply = await ask(assistant, "Are your boots waterproof?")
    assert reply.text.startswith('For boots, our FAQ says: "Boots tagged "waterproof"')
    assert "water-resistant at best" in reply.text  # the section whole, not its first sentence
    named = [p for p in CATALOG if p["name"] in reply.text]
    assert named and all(p["category"] == "boots" and has(p, "waterproof") for p in named)
    assert any(s.get("id", "").startswith("faq/product-care") or "product-care" in str(s) for s in reply.sources)


async def test_a_kind_without_a_page_says_not_all_with_the_ones_that_are(assistant: Assistant) -> None:
    reply = await ask(assistant, "are all your jackets waterproof?")
    assert reply.text.startswith("Not all of our jackets are listed as waterproof. Those that are include")
    named = [p for p in CATALOG if p["name"] in reply.text]
    assert named and all(p["category"] == "jacket" and has(p, "waterproof") for p in named)


async def test_a_named_boot_keeps_its_own_listing_answer(assistant: Assistant) -> None:
    (boot,) = [p for p in CATALOG if p["name"] == "Guess Women's Everett Chukka Boots"]
    assert not has(boot, "waterproof") and "leather" in boot["material"]  # the data: leather, not listed waterproof
    reply = await ask(assistant, "are the guess everett chukka boots waterproof?")
    # its own listing answers: not listed as waterproof, its material, and the FAQ's word on leather boots
    assert reply.text.startswith(f"The listing for the {boot['name']} doesn't mention a waterproof build.")
    assert f"material {boot['material']}" in reply.text and "water-resistant at best" in reply.text
    assert f"product:{boot['sku']}" in {s.get("doc_id") for s in reply.sources}
    assert "listed as waterproof include" not in reply.text and not reply.text.startswith("Yes")
