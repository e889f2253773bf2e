"""Gender carried across turns (#9): "my husband needs a rain jacket", then "and something for me, im a small" got
"We have one: Express Men's Presley Rain Jacket": the men's of the first search (the husband's) was merged into the
shopper's own. A message about the shopper themselves that names no gender drops a gender another person gave
and that person's products under discussion, carries the kind searched when it names none ("anything for me
too?"), and the search shows what fits either; a gender the shopper gave for their own search stays. A real
Assistant on the demo store (hashing embedder), real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.catalog.gender import FOR_SELF, OTHER_PERSON
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant


@pytest.mark.parametrize(
    "text", ["and something for me, im a small", "what about me? size S", "for myself too", "i wear an M"]
)
def test_the_shopper_turns_to_themselves(text: str) -> None:
    assert FOR_SELF.search(text)


@pytest.mark.parametrize("text", ["my husband needs a rain jacket", "a parka for my wife", "she's a medium"])
def test_another_persons_gender(text: str) -> None:
    assert OTHER_PERSON.search(text) and not FOR_SELF.search(text)


async def conversation(shop, first: str, second: str):  # type: ignore[no-untyped-def]
    one = await ask(shop, first)
    return await ask(shop, second, conversation=one.conversation_id)


async def test_for_me_after_the_husbands_search_is_not_mens(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, [], [])
    mine = await conversation(shop, "my husband needs a rain jacket", "and something for me, im a small")
    assert "Women's" in mine.text and "the men's rain jackets" not in mine.text
    daughter = await conversation(shop, "my husband needs a rain jacket", "what about for my daughter?")
    assert "Women's" in daughter.text and "Men's" not in daughter.text  # near miss: another person's gender


async def test_for_me_with_no_kind_searches_the_kind_for_either(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, [], [])
    coats = await conversation(shop, "my dad wants a wool overcoat", "anything for me too?")
    assert "Women's Grove Wool Overcoat" in coats.text and "Men's York Wool Overcoat" in coats.text
    mine = await conversation(shop, "need a parka for my boyfriend", "ok and one for myself, medium")
    assert "in size M" in mine.text and "Women's Sutton Parka" in mine.text  # a search, not his parka's sizes


async def test_the_shoppers_own_gender_stays(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, [], [])
    mine = await conversation(shop, "show me men's rain jackets", "any for me in a small?")
    assert "Men's" in mine.text and "Women's" not in mine.text
    black = await conversation(shop, "my husband needs a rain jacket", "in black?")  # no person named: still his
    assert "Women's" not in black.text
