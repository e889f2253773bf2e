"""A size said in another country's sizes is converted by the size guide's own tables, for the product's or the
search's gender (#9, reader19 r19-038: "I'm a 43 in european sizes, are the express everett combat boots in stock in
my size?" got "doesn't come in size 43"): the US size and its stock; a size, scale (UK) or kind the guide does not
convert is said so with the guide's sentence on US sizes. Near misses: "size 43" alone, a price in euros, "the UK"
as a place. Against the demo knowledge base (hashing embedder) and a real Assistant."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.eu_sizes import convert, scale_asked, without_scale
from bot.core.places import places_in
from bot.kb.knowledge_base import KnowledgeBase
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def test_a_size_in_another_scale_is_read_in_any_wording() -> None:
    for text in (
        "I'm a 43 in european sizes",
        "eu size 43 please",
        "do they come in EU 43?",
        "my husband wears a 43 EU",
        "european sizes: 43",
        "size 43 (eu)",
    ):
        assert scale_asked(text) == ("EU", "43"), text
    assert scale_asked("do the boots come in a UK 9?") == ("UK", "9")
    assert scale_asked("uk size 8 boots") == ("UK", "8")
    # near misses: a plain size, a price in euros, a place, a time
    assert scale_asked("do they come in size 43?") is None
    assert scale_asked("is it 45 euros?") is None
    assert scale_asked("do you ship to the uk? takes 10 days?") is None
    assert "43" not in without_scale("I'm a 43 in european sizes, in stock?")


def test_the_guide_converts_for_the_gender_and_says_when_it_cannot(kb: KnowledgeBase) -> None:
    assert convert(kb, ("EU", "43"), "men", "boots").said == "In our size guide, EU 43 is a US men's 10."
    assert convert(kb, ("EU", "43"), "men", "boots").sizes == [("10", "men's")]
    assert convert(kb, ("EU", "39"), "women", "boots").sizes == [("8", "women's")]
    assert convert(kb, ("EU", "38"), "women", "boots").said == "In our size guide, EU 38 is a US women's 7 or 8."
    both = convert(kb, ("EU", "40"), None, "boots")
    assert both.said == "In our size guide, EU 40 is a US men's 7 or a US women's 9."
    past = convert(kb, ("EU", "48"), "men", "boots")
    assert past.sizes == [] and past.said.startswith(
        "Our size guide gives no US men's size for EU 48. Boots use US sizes"
    )
    uk = convert(kb, ("UK", "9"), "men", "boots")
    assert uk.sizes == [] and uk.said.startswith("Our size guide has no UK sizes. Boots use US sizes: men's 7–13")
    assert convert(kb, ("EU", "40"), "men", "shirt").said == "Our size guide has no EU sizes for shirts."


def test_uk_before_a_size_is_no_place() -> None:
    assert places_in("do the everett boots come in a UK 9?") == []
    assert places_in("EU 43 boots?") == []
    assert places_in("do you ship to the UK?") == [("United Kingdom", False)]
    assert places_in("I live in the UK, 10 days to arrive?") == [("United Kingdom", False)]


async def test_a_named_boot_in_an_eu_size_gets_its_us_size_and_stock(shop: Assistant) -> None:
    reply = await ask(shop, "I'm a 43 in european sizes, are the express everett combat boots in stock in my size?")
    assert reply.text.startswith("In our size guide, EU 43 is a US men's 10.")
    assert "doesn't come in size 43" not in reply.text and "10" in reply.text
    uk = await ask(shop, "do the express everett combat boots come in a UK 9?")
    assert uk.text.startswith("Our size guide has no UK sizes.") and "ship" not in uk.text


async def test_a_boot_search_in_an_eu_size_lists_the_us_size_in_stock(shop: Assistant) -> None:
    reply = await ask(shop, "womens boots in EU 39?")
    assert reply.text.startswith("In our size guide, EU 39 is a US women's 8.\n")
    assert reply.cards and "size 8" in reply.text
    men = await ask(shop, "mens boots in size 44 eu under 200")
    assert men.text.startswith("In our size guide, EU 44 is a US men's 11.\n") and "none comes in 44" not in men.text
    either = await ask(shop, "any boots in EU 40?")
    assert either.text.startswith("In our size guide, EU 40 is a US men's 7 or a US women's 9. Say men's or women's")
    # near miss: a US size search keeps its own size
    us = await ask(shop, "mens boots in size 10")
    assert "EU" not in us.text and "size 10" in us.text


def test_a_count_before_british_is_no_uk_size() -> None:
    """Review of 9e95576: "2 british wool sweaters" read as UK size 2 (a number before "british" with any "a" in the
    message). A number before uk/british is a size only with "sizes" after it or at the end; "a" counts only just
    before the size."""
    assert scale_asked("can i get 2 british wool sweaters in a medium?") is None
    assert scale_asked("i need 3 uk made shirts, do you have an xl?") is None
    assert scale_asked("are the everett boots available in an 8 in uk sizes?") == ("UK", "8")
    assert scale_asked("do they come in a UK 9?") == ("UK", "9")


async def test_british_wool_sweaters_in_a_medium_is_a_search_in_m(shop: Assistant) -> None:
    reply = await ask(shop, "can i get 2 british wool sweaters in a medium?")
    assert "UK sizes" not in reply.text
    assert reply.text.startswith("Here are") and "wool sweaters in stock in size M" in reply.text
