"""Follow-ups naming another product by part of its name ("what about the calvin klein juniper one") or asking for
the other gender's version ("is there a womens version") resolve against the product under discussion, over the
demo store's real catalog; end to end by a real Assistant (hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.product_variants import other_named
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]
CATALOG = [json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if line]
BY_SKU: dict[str, dict[str, Any]] = {p["sku"]: p for p in CATALOG}


def test_the_words_and_the_product_under_discussion_pick_one_product() -> None:
    nolan = BY_SKU["BR-SW-1219"]  # Banana Republic Women's Nolan V-Neck Sweater
    found = other_named("what about the calvin klein juniper one", nolan, CATALOG)
    assert found is not None and found["name"] == "Calvin Klein Women's Juniper V-Neck Sweater"
    camden = BY_SKU["GS-DR-1092"]  # Guess Women's Camden Slip Dress: the Calvin Klein dress of that style
    found = other_named("what about the calvin klein one", camden, CATALOG)
    assert found is not None and found["name"] == "Calvin Klein Women's Camden Wrap Dress"
    harbor = BY_SKU["MK-JK-1160"]  # Michael Kors Women's Harbor Rain Jacket
    found = other_named("and the everett one?", harbor, CATALOG)
    assert found is not None and found["name"] == "Calvin Klein Women's Everett Rain Jacket"
    # not a product's name: a size, a colour, an attribute, or words that fit the product under discussion
    for other in (
        "what about XL",
        "and in black?",
        "what about the price",
        "and the nolan one?",
        "what about the womens one",
    ):
        assert other_named(other, nolan, CATALOG) is None, other


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    return Assistant(
        store=Store(tmp_path / "db.sqlite"),
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def conversation(assistant: Assistant, *turns: str) -> list[str]:
    conv, said = None, []
    for t in turns:
        reply = await assistant.handle(IncomingMessage(t, channel=Channel.API, conversation_id=conv))
        conv = reply.conversation_id
        said.append(reply.text)
    return said


async def test_the_earlier_question_is_asked_about_the_product_meant(assistant: Assistant) -> None:
    said = await conversation(
        assistant, "banana republic womens nolan v-neck sweater in L?", "what about the calvin klein juniper one"
    )
    assert "Calvin Klein Women's Juniper V-Neck Sweater" in said[1] and "size L" in said[1]
    assert "Nolan" not in said[1]


async def test_the_other_gender_s_version_or_the_closest_labelled_as_another_product(assistant: Assistant) -> None:
    said = await conversation(
        assistant, "banana republic mens grove flannel button-down shirt in L?", "any womens version?", "is M in stock"
    )
    assert said[1].startswith("We don't have a women's version of the Banana Republic Men's Grove Flannel Button-Down")
    assert (
        "The closest is the Gap Women's Grove Flannel Button-Down Shirt (67.00 USD), a different product by Gap."
        in (said[1])
    )
    assert "Gap Women's Grove Flannel Button-Down Shirt" in said[2]  # the one named is now under discussion
    said = await conversation(assistant, "tommy hilfiger mens larkin combat boots in 10", "is there a women's version")
    assert said[1].startswith("Yes, the women's version is the Tommy Hilfiger Women's Larkin Combat Boots (145.50 USD)")
    said = await conversation(
        assistant, "is the calvin klein thornton leather belt available in M", "whats the womens one like"
    )
    assert "isn't listed for men or women only" in said[1]
