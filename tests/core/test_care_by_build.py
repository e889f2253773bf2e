"""A shrink question about a product whose listing is silent on it gets the care FAQ's sentence for the product's
own build, read from its material (#9): stretch jeans (elastane) get "Stretch denim barely shrinks", never the
"100% cotton rigid denim can shrink 1-3%" rule, and rigid denim keeps the rigid rule; a cotton-linen blend shirt
is not given the "100% linen" sentence. A real Assistant on the demo store's knowledge (hashing embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.listing_gaps import kind_rule
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

RIGID = "100% cotton rigid denim can shrink"
STRETCH = "Stretch denim barely shrinks"


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_stretch_jeans_get_the_stretch_denim_rule(assistant: Assistant) -> None:
    reply = await ask(assistant, "will the Tommy Hilfiger Women's Ridge Slim Jeans shrink if I wash them?")
    assert STRETCH in reply.text
    assert RIGID not in reply.text


async def test_elastane_without_the_stretch_tag_is_still_stretch(assistant: Assistant) -> None:
    reply = await ask(assistant, "do the guess womens lennox mom jeans shrink at all")
    assert "2% elastane" in reply.text and STRETCH in reply.text
    assert RIGID not in reply.text


async def test_rigid_denim_keeps_the_rigid_rule(assistant: Assistant) -> None:
    reply = await ask(assistant, "do the Guess Men's Aspen Skinny Jeans shrink?")
    assert RIGID in reply.text
    assert STRETCH not in reply.text


def test_a_blend_is_not_given_the_pure_fibre_sentence(assistant: Assistant) -> None:
    blend = {"name": "Linen Shirt", "category": "shirt", "material": "cotton-linen blend", "tags": []}
    pure = {"name": "Linen Shirt", "category": "shirt", "material": "100% linen", "tags": []}
    said_blend = kind_rule(assistant.kb, blend, "will it shrink?")
    said_pure = kind_rule(assistant.kb, pure, "will it shrink?")
    assert said_blend is not None and said_pure is not None
    assert "100% linen" not in said_blend[0] and "cotton shirts" in said_blend[0]
    assert "100% linen can shrink" in said_pure[0]
