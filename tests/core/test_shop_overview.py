"""What the shop sells, asked of the shop as a whole (#9, blind set): "heyyy whats up, what do u guys even sell" got
"I'm not sure about that, and I don't want to guess" ("whats up" stayed in front of the question, and no search or
FAQ fits a question that names no kind). The about page answers it: what the shop is, the kinds and for whom, the
brands. A real Assistant on the demo store (hashing embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.shop_overview import asks_what_sold
from bot.core.small_talk import small_talk, without_small_talk
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

SOLD = "We sell jeans, shirts, T-shirts, sweaters, jackets, coats, chinos, dresses, boots and accessories for men and women"


@pytest.mark.parametrize(
    "text",
    ["so what kinda stuff do you sell?", "what kind of products do y'all carry", "what does northwind sell exactly",
     "what is this store?", "um what do you guys actually have on this site", "so what does this place sell",
     "what's northwind threads?"],
)  # fmt: skip
def test_what_the_shop_sells_asked_of_the_whole_shop(text: str) -> None:
    assert asks_what_sold(text), text


@pytest.mark.parametrize(
    "text",
    ["what jeans do you sell?", "what brands do you carry?", "what sizes do you have", "what do you have for men?",
     "whats the cheapest thing you sell", "what colours do the chinos come in"],
)  # fmt: skip
def test_a_narrower_question_is_not_this_one(text: str) -> None:
    assert not asks_what_sold(text), text


def test_a_whats_up_in_front_is_dropped_but_not_one_that_asks() -> None:
    assert without_small_talk("yo whats up! what do u have") == "What do u have"
    assert without_small_talk("hi, how are you? what do you sell") == "What do you sell"
    assert without_small_talk("what's up with my order") == "what's up with my order"  # near miss: it asks
    assert small_talk("heyy whats up") is not None


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_the_about_page_answers_what_is_sold(shop: Assistant) -> None:
    reply = await ask(shop, "yo whats up, what kinda stuff do u guys sell")
    assert reply.text.startswith("Northwind Threads is an online clothing store."), reply.text
    assert SOLD in reply.text and "Calvin Klein" in reply.text and "Uniqlo" in reply.text
    assert "not sure" not in reply.text
