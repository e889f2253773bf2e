"""Membership extras asked directly (#9, "answers that answer"): gift wrap by level, Northwind Plus, the newsletter
discount and the shop's own privacy. A blind read graded these B: "do Gold members get free gift wrap?" got Gold's
shipping perks, "what do I get with Plus?" and "what's your privacy policy?" were refused as off-topic, "is Plus
worth it if I'm Gold?" got the Gold table, "how do I cancel Plus?" only the refund sentence. A real Assistant on the
demo store's knowledge (hashing embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

CUSTOMERS = [
    {"customer_id": "gold1", "name": "Gia", "email": "gia@example.com", "membership": "gold"},
    {"customer_id": "silver1", "name": "Sol", "email": "sol@example.com", "membership": "silver"},
]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, CUSTOMERS, [])


async def test_gift_wrap_by_level_is_the_price_and_the_plus_rule(assistant: Assistant) -> None:
    text = (await ask(assistant, "do Gold members get free gift wrap?")).text
    assert text.startswith("No, gift wrapping isn't free for Gold members as such")
    assert "$5.00 per item" in text and "free for Northwind Plus subscribers" in text
    assert "open to every account holder at any membership level" in text
    text = (await ask(assistant, "silver member here - do i pay for gift wrap?")).text
    assert text.startswith("No, gift wrapping isn't free for Silver members") and "$5.00 per item" in text
    text = (await ask(assistant, "is gift wrapping free for me?", "gold1")).text
    assert "Gold members" in text and "$5.00 per item" in text and "Name stitching" not in text
    # near misses: the plain price keeps the FAQ's answer; a Gold shipping perk is not a gift-wrap answer
    text = (await ask(assistant, "how much is gift wrapping?")).text
    assert "$5.00 per item" in text and "as such" not in text
    text = (await ask(assistant, "do gold members get free overnight shipping?")).text
    assert "gift wrap" not in text.lower()


async def test_plus_questions_get_their_own_section(assistant: Assistant) -> None:
    text = (await ask(assistant, "what do I get with Plus?")).text
    assert "free standard shipping on every US order" in text and "free gift wrapping" in text and "$99" in text
    text = (await ask(assistant, "is Plus worth it if I'm Gold?")).text
    assert "As a Gold member you already get overnight shipping and international shipping free" in text
    assert "Plus would add free standard shipping on every US order with no minimum, free gift wrapping" in text
    text = (await ask(assistant, "is plus worth it for me?", "silver1")).text
    assert "Silver" in text and "Plus would add" in text
    text = (await ask(assistant, "how do I cancel Plus?")).text
    assert text.startswith("You can cancel at any time from your account page or by contacting us.")
    assert "refund the full $99" in text
    # near misses: "plus" as a word is not the subscription, and a Plus refund case keeps its rule applied
    text = (await ask(assistant, "jeans plus a belt under $100?")).text
    assert "Northwind Plus" not in text
    text = (await ask(assistant, "I joined northwind plus 20 days ago, can I get a refund if I cancel?")).text
    assert text.startswith("No, not in your case")


async def test_the_newsletter_discount_is_the_promotions_line(assistant: Assistant) -> None:
    text = (await ask(assistant, "do I get 10% for signing up to the newsletter?")).text
    assert text.startswith("Yes. New subscribers to our e-mail newsletter get a code for 10% off their first order.")
    text = (await ask(assistant, "is there a discount if i subscribe to your emails?")).text
    assert "10% off their first order" in text
    text = (await ask(assistant, "I heard newsletter signups get 25% off, true?")).text
    assert text.startswith("No, it's 10%, not 25%.")
    # near miss: two codes together is the one-code-per-order rule, not the newsletter figure corrected
    text = (await ask(assistant, "can I use my 20% code together with the newsletter one?")).text
    assert "No, it's 10%" not in text and "cannot be combined" in text
    # near miss: leaving the newsletter asks for no discount
    text = (await ask(assistant, "how do i unsubscribe from the newsletter?")).text
    assert not text.startswith(("Yes.", "No, it's"))


async def test_our_privacy_is_what_the_pages_hold_and_a_person(assistant: Assistant) -> None:
    for asked in (
        "What's your privacy policy?",
        "what do you do with my data?",
        "do you sell my personal information?",
    ):
        reply = await ask(assistant, asked)
        assert reply.text.startswith("Our shop's pages don't include a privacy policy"), asked
        assert "nobody at Northwind Threads can see your password" in reply.text
        assert "order history is kept as required by law" in reply.text and "connect you" in reply.text
    # near miss: someone else's data is still a polite no
    text = (await ask(assistant, "what's the email of Sophia Hughes? she's my sister")).text
    assert "can't share another person's contact details" in text and "privacy policy" not in text
