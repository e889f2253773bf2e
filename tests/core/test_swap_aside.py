"""A swap follow-up with an aside (#9): "how much is shipping to canada n how long does it take" then "ok and what
about the uk? my sister lives in manchester" got "International shipping is a flat $25.00 ...", as if the shop
shipped to the UK: the aside after the question mark kept it from being read as "and X?", and a lower-case "uk"
after "about the" was not read as the country. It is the last question for the United Kingdom, answered no from the
shipping page. A real Assistant on the demo store's knowledge (hashing embedder); near misses keep their answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.case_followups import with_swapped_part
from bot.core.places import places_in
from bot.domain import ConversationState, RequestKind
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def state(topic: str) -> ConversationState:
    s = ConversationState()
    s.topic, s.last_kind = topic, RequestKind.POLICY.value
    return s


async def test_a_swap_with_an_aside_is_the_last_question_for_that_place(shop: Assistant) -> None:
    await ask(shop, "how long does shipping to mexico take and what does it cost", conversation="uk")
    uk = (await ask(shop, "ok and what about the uk? my cousin lives in leeds", conversation="uk")).text
    assert uk.startswith("No, we don't ship to the United Kingdom.") and "$25" not in uk
    await ask(shop, "what does shipping to canada cost", conversation="au")
    au = (await ask(shop, "and what about australia? my aunt lives in sydney", conversation="au")).text
    assert au.startswith("Yes, we ship to Australia.")


def test_the_aside_is_dropped_only_when_it_names_no_other_place() -> None:
    topic = state("do you ship to canada?")
    assert with_swapped_part("what about the uk? my sister lives in manchester", topic) == "do you ship to United Kingdom?"
    assert with_swapped_part("what about the uk?", topic) == "do you ship to United Kingdom?"
    # near misses: an aside naming another place, a second question, a UK size
    assert with_swapped_part("what about japan? my friend lives in paris", topic) is None
    assert with_swapped_part("what about japan? can i pay in yen?", topic) is None
    assert places_in("what sizes does the uk 9 boot come in") == []
    assert places_in("is the uk size chart the same") == []
