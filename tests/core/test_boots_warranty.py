"""Boots that came apart after some wear get the boots warranty, judged on the time the shopper says they have had
them (#9). Blind set: "my boots sole is coming off and i only bought them like 8 months ago. is that covered or am i
outta luck" got the damaged-item rule (shipping fees refunded, "return items unworn") and never the warranty. A real
Assistant on the demo store's knowledge (hashing embedder); the rule, its period and its defects are the care page's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.boots_warranty import boots_came_apart
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

PAGE = (REPO / "knowledge/faq/product-care.md").read_text()
RULE = next(line for line in PAGE.splitlines() if re.search(r"\bboots have\b.*\bwarranty\b", line, re.I))
RULE = RULE.removeprefix("Yes. ").split(". ")[0]  # "All boots have a 1-year warranty ... broken stitching"
SHIPPING_FEE = "Original shipping fees are refunded"


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_boots_inside_the_warranty_period_get_the_rule_the_verdict_and_a_person(assistant: Assistant) -> None:
    q = "my boots sole is coming off and i only bought them like 8 months ago. is that covered or am i outta luck"
    text = (await ask(assistant, q)).text
    assert RULE in text and "you bought them about 8 months ago, so they are within the 1-year warranty" in text
    assert "Sole separation is one of the defects the warranty names." in text
    assert "a person from our team" in text and SHIPPING_FEE not in text and "unworn" not in text
    other = (await ask(assistant, "bought hiking boots 3 months ago and the stitching is coming undone. warranty?")).text
    assert RULE in other and "within the 1-year warranty" in other and "Broken stitching is one of the defects" in other


async def test_boots_past_the_period_are_told_the_warranty_no_longer_covers_them(assistant: Assistant) -> None:
    text = (await ask(assistant, "my boots are 2 years old and the sole came off")).text
    assert RULE in text and "past the 1-year warranty, so it no longer covers them" in text
    assert "within the" not in text and "one of the defects" not in text


async def test_near_misses_keep_their_old_replies(assistant: Assistant) -> None:
    # a jacket: the pages give no jacket warranty, so the damaged-item rule as before
    jacket = (await ask(assistant, "the zipper on my jacket broke after 6 months, is that covered?")).text
    assert "warranty" not in jacket
    # boots that came this way: the damaged-item rule, not the warranty
    new = (await ask(assistant, "my new boots arrived with the sole coming off")).text
    assert SHIPPING_FEE in new and "within the" not in new
    assert not boots_came_apart("do your boots come with a warranty?")
    assert not boots_came_apart("my jeans are coming apart at the seams")
