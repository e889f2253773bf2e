"""Follow-ups about the products under discussion (#9 follow-ups lose the thread): after a belt size from the jeans'
waist, "brown, and the cheapest one" narrows that list (not the hemming price) and "can you gift wrap it?" gets the
gift-wrapping line for it (not out of scope); "just the stuff under 30 bucks" after a list narrows it (not a
hand-off), while "returns for items under $30?" stays a policy question; a size past the kind's range says where
the range stops. A real Assistant on the demo store's knowledge (hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.catalog import parse_constraints
from bot.core.catalog.text import past_the_range
from bot.core.request import understand
from bot.domain import Constraints, ConversationState, Flag, Intent, IntentPrediction, RequestKind
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

CATALOG = [json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines() if line]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


async def test_a_belt_by_the_waist_then_brown_and_cheapest_then_gift_wrap(assistant: Assistant) -> None:
    reply = await ask(
        assistant, "my husband needs a new belt, his jeans are a 32. which size do I get and what do you have?"
    )
    assert reply.text.startswith("In our size guide, that waist is belt size M (waist 31–33 in).")
    assert "Gap Rowan Leather Belt" in reply.text
    reply = await ask(assistant, "brown, and the cheapest one", conversation=reply.conversation_id)
    assert "Gap Rowan Leather Belt" in reply.text.split("\n")[0] and "hemming" not in reply.text.lower()
    reply = await ask(
        assistant, "perfect. can you gift wrap it? it's for his birthday", conversation=reply.conversation_id
    )
    assert "$5.00 per item" in reply.text and Flag.OUT_OF_SCOPE not in reply.flags


async def test_a_budget_right_after_a_list_narrows_it(assistant: Assistant) -> None:
    reply = await ask(assistant, "what uniqlo stuff do you have for guys")
    reply = await ask(assistant, "just the stuff under 30 bucks", conversation=reply.conversation_id)
    assert "Presley Poplin Button-Up Shirt" in reply.text and Flag.HANDOFF not in reply.flags
    assert "Weston Straight Trousers" not in reply.text  # 58.00


def test_a_rule_asked_with_a_figure_after_a_list_is_no_narrowing() -> None:
    state = ConversationState(last_kind=RequestKind.DISCOVERY.value, constraints=Constraints(brands=["Uniqlo"]))
    pred = IntentPrediction(Intent.PRODUCT_SEARCH, 0.5)
    for text, kind in [
        ("just the stuff under 30 bucks", RequestKind.DISCOVERY),
        ("what's your returns policy for items under $30?", RequestKind.POLICY),
        ("is shipping free over $75?", RequestKind.POLICY),
    ]:
        assert understand(text, pred, state, CATALOG, known_customer=False).kind == kind, text


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("do you carry plus sizes? I wear a 3XL in shirts", "Our shirts go up to size XXL; none comes in XXXL."),
        ("men's jeans in a 44 waist?", "Our men's jeans go up to size 38; none comes in 44."),
        ("women's boots size 4?", "Our women's boots start at size 5; none comes in 4."),
    ],
)
def test_a_size_past_the_range_says_where_it_stops(text: str, head: str) -> None:
    found = past_the_range(parse_constraints(text, CATALOG), CATALOG)
    assert found is not None and found[0].startswith(head)
    edge = head.split("size ")[1].split(";", maxsplit=1)[0]
    assert found[1] and all(int(p["stock"].get(edge, 0)) > 0 for p in found[1])


@pytest.mark.parametrize("text", ["shirts in XS", "men's jeans in a 35", "any dresses in size M?"])
def test_a_size_inside_the_range_is_no_range_end(text: str) -> None:
    assert past_the_range(parse_constraints(text, CATALOG), CATALOG) is None


async def test_a_boot_not_tagged_waterproof_gets_the_boots_rule_for_its_leather(assistant: Assistant) -> None:
    reply = await ask(assistant, "I guess my question is whether the Guess Everett chukkas are waterproof?")
    assert "Guess Women's Everett Chukka Boots doesn't mention a waterproof build" in reply.text
    assert 'For boots, our FAQ says: "Other leather and suede boots are water-resistant at best' in reply.text
    # near miss: a boot tagged waterproof is a plain yes, and a coat (no waterproof section for coats) keeps a person
    assert (await ask(assistant, "are the Sterling work boots waterproof?")).text.startswith("Yes,")
    coat = await ask(assistant, "is the Dover trench coat waterproof?")
    assert "FAQ says" not in coat.text and "A person from our team" in coat.text
