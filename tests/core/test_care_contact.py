"""Customer care's contact page applied to what the shopper says (#9, blind set): "whats your customer service number,
need to talk to someone" got a hand-off without the number, and "im in germany tho" after it "I can only help with
orders, ...". The number now comes with a person offered, and a caller abroad gets the page's way for callers
outside the places the number is free from. A real Assistant on the demo store (hashing embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.contact_channels import asked_channels
from bot.domain import Flag
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

NUMBER = "1-800-555-0142"
ABROAD = "If you are outside the United States and Canada, please e-mail us instead; we reply within 1 business day."


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


@pytest.mark.parametrize(
    "text",
    [
        "what's the support number?",
        "got a customer care phone number",
        "is there somebody i can call?",
        "whats the cs number",
    ],
)
def test_a_number_asked_in_other_words_is_the_phone(text: str) -> None:
    assert [c.key for c in asked_channels(text)] == ["phone"], text


@pytest.mark.parametrize("text", ["what's my order number?", "whats the tracking number", "can you call me back?"])
def test_near_misses_ask_no_phone(text: str) -> None:
    assert asked_channels(text) == [], text


async def test_the_number_with_a_person_offered_when_one_is_wanted(shop: Assistant) -> None:
    reply = await ask(shop, "what's the customer care number? i want to speak with a real person")
    assert NUMBER in reply.text and "Would you like me to connect you with a person" in reply.text, reply.text
    assert any(b.action == "handoff" for b in reply.buttons) and "only help with" not in reply.text
    plain = await ask(shop, "what's the customer care number?")
    assert NUMBER in plain.text and "connect you" not in plain.text  # near miss: no person asked for


async def test_a_caller_abroad_after_the_number_gets_the_pages_way_for_them(shop: Assistant) -> None:
    first = await ask(shop, "whats the support phone number")
    assert NUMBER in first.text
    reply = await ask(shop, "but i live in france", conversation=first.conversation_id)
    assert reply.text.startswith(ABROAD), reply.text
    assert "support@northwindthreads.example" in reply.text and "pass your conversation to a person" in reply.text
    assert Flag.FROM_DATA in reply.flags
    canada = await ask(shop, "i'm calling from toronto", conversation=first.conversation_id)
    assert "toll-free from the United States and Canada), so you can call it from Canada" in canada.text, canada.text


async def test_a_country_without_a_contact_reply_before_or_with_a_shipping_question_is_not_this(
    shop: Assistant,
) -> None:
    fresh = await ask(shop, "im in germany tho")
    assert ABROAD not in fresh.text
    first = await ask(shop, "whats the support phone number")
    shipping = await ask(shop, "im in germany, do you ship there?", conversation=first.conversation_id)
    assert not shipping.text.startswith(ABROAD), shipping.text
