"""Extra services asked for a kind of item or an order, and exchanges for another size (#9 wrong routes): "stitch
initials on a belt" is no belt list and says belts are not among the stitched items; "swap them for the next size
up" is no hemming price; "add initials to the sweater I just ordered" names that order. A real Assistant on the demo
store's knowledge (hashing embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.service_asks import asked_service, asks_exchange, kinds_named
from bot.domain import Flag
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row

SWEATER = {"sku": "CK-SW-1208", "name": "Calvin Klein Women's Kingsley Merino Sweater", "qty": 1, "price": 67.99}


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    customer = {"customer_id": "bronze1", "name": "Bo", "email": "bo@example.com", "membership": "bronze"}
    order = order_row("ORD-72001", "bronze1", "processing", [SWEATER], "2026-11-28")
    return demo_assistant(tmp_path, intents, [customer], [order])


def test_a_service_is_asked_for_but_a_rule_about_items_that_had_it_is_not() -> None:
    assert asked_service("can you also stitch initials on a leather belt?").name == "name stitching"  # type: ignore[union-attr]
    assert asked_service("my jeans are too long, can you shorten them?").name == "tailoring"  # type: ignore[union-attr]
    assert asked_service("please add gift wrap to my chinos order").name == "gift wrapping"  # type: ignore[union-attr]
    assert asked_service("can I return hemmed jeans?") is None
    assert asked_service("are monogrammed shirts returnable?") is None
    assert asked_service("Can I take them in store?") is None
    # the item's length asked, the service only the shopper's habit: a fact of the item, not the hemming price
    assert asked_service("How long are the legs on the Gap Rowan jeans? I usually have to take jeans up") is None
    assert asked_service("what's the inseam on these, will I need them shortened?") is None
    assert asked_service("these are too long for me, can you take them up?").name == "tailoring"  # type: ignore[union-attr]
    hem_to = "im short, can you hem the Michael Kors Men's Vail Slim Jeans to a 30 inseam? how much and how long"
    assert asked_service(hem_to).name == "tailoring"  # type: ignore[union-attr]
    assert asks_exchange("Can I swap them for the next size up?")
    assert asks_exchange("And if the bigger size is sold out?", "Can I exchange them for a bigger size?")
    assert not asks_exchange("And if the bigger size is sold out?", "How much is overnight shipping?")
    assert not asks_exchange("Can I exchange a gift card for cash?")
    line = "Name stitching (monogram): $10.00 per item, up to 12 characters, on shirts, jackets, coats and sweaters."
    assert kinds_named(line) == {"shirt", "jacket", "coat", "sweater"}
    assert kinds_named("Gift wrapping: $5.00 per item, free for Northwind Plus subscribers.") == set()


async def test_a_kind_the_service_is_not_for_gets_a_plain_not_among_them(assistant: Assistant) -> None:
    reply = await ask(assistant, "can you stitch initials on a leather belt?")
    assert reply.text.startswith("Belts are not among the items our name stitching is for.")
    assert "shirts, jackets, coats and sweaters" in reply.text and "$10.00" in reply.text
    assert Flag.CATALOG not in reply.flags and "USD" not in reply.text  # no belt listing
    # near miss: a kind it is for gets the line, no "not among"
    reply = await ask(assistant, "can you monogram a shirt for me?")
    assert "not among" not in reply.text and "$10.00 per item" in reply.text and "Adds 2 business days." in reply.text


async def test_hemming_is_for_jeans_and_other_alterations_are_not_offered(assistant: Assistant) -> None:
    text = (await ask(assistant, "my jeans are too long, can you shorten them?")).text
    assert "$12.00 per pair" in text and "not among" not in text
    text = (await ask(assistant, "could you take in a dress for me?")).text
    assert text.startswith("Dresses are not among the items our tailoring is for.") and "Jeans hemming" in text


async def test_an_exchange_for_another_size_gets_the_exchange_rule_not_hemming(assistant: Assistant) -> None:
    conversation = "swap-1"
    reply = await ask(
        assistant,
        "These chinos are too big in the waist. Can I swap them for a smaller size, and does that cost anything?",
        conversation=conversation,
    )
    assert "Exchanges are free" in reply.text and "hemming" not in reply.text.lower()
    assert Flag.RECOMMENDED not in reply.flags
    reply = await ask(assistant, "And if the smaller size is sold out?", conversation=reply.conversation_id)
    assert "back-order" in reply.text and "hemming" not in reply.text.lower()


async def test_a_service_for_an_item_just_ordered_names_that_order(assistant: Assistant) -> None:
    reply = await ask(assistant, "Can you add initials to the merino sweater I just ordered?", "bronze1")
    assert "Your order ORD-72001 (Calvin Klein Women's Kingsley Merino Sweater) is processing" in reply.text
    assert "$10.00 per item" in reply.text and Flag.ORDER in reply.flags
    assert "can still be added" in reply.text and "added it" not in reply.text  # a person checks; nothing promised
