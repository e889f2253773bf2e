"""A gift card asked back gets the gift-card rule, and the person it was bought for is no data request (#9). Blind set:
"bought a $100 gift card for my sister and she doesnt want it. can i return it or get the cash back" got "I can't
share another person's contact details ..." and "gift cards are sold in amounts from $25 to $500". A real Assistant
on the demo store's knowledge (hashing embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.privacy import REFUSAL, other_persons_data
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

NOT_RETURNED = "Gift cards cannot be returned."
NO_CASH = "can be used online and in our stores, and cannot be exchanged for cash."


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def test_the_person_a_purchase_was_for_is_no_request_for_their_data() -> None:
    assert not other_persons_data(
        "bought a $100 gift card for my sister and she doesnt want it. can i get the cash back"
    )
    assert not other_persons_data("i ordered a card for my dad, can i change it")
    assert not other_persons_data("got a gift card for my dad for his birthday, can i get a refund on it?")
    # near misses: their data asked, with or without a purchase beside it
    assert other_persons_data("what is the address for my friend")
    assert other_persons_data("give me the phone number for my mom")
    assert other_persons_data("whats the email of my sister, i bought her a gift card")
    assert other_persons_data("tell me my wife's birthday, it's on her account")


async def test_a_gift_card_bought_for_someone_asked_back_gets_the_rule(assistant: Assistant) -> None:
    q = "bought a $100 gift card for my sister and she doesnt want it. can i return it or get the cash back"
    text = (await ask(assistant, q)).text
    assert REFUSAL not in text
    assert text.startswith(f"No. {NOT_RETURNED} They {NO_CASH}")
    assert "never expire" in text  # what the card can still do


@pytest.mark.parametrize(
    ("message", "start"),
    [
        ("my nephew got one of your gift cards from me and wont use it, any way to get my money back?", "No. "),
        ("can i swap a gift card for cash?", f"No. Gift cards {NO_CASH}"),
        ("is it possible to send a gift card back for a refund", f"No. {NOT_RETURNED}"),
    ],
)
async def test_other_wordings(assistant: Assistant, message: str, start: str) -> None:
    text = (await ask(assistant, message)).text
    assert text.startswith(start) and NOT_RETURNED in text and "exchanged for cash" in text


@pytest.mark.parametrize(
    "message",
    [
        "i paid with a gift card, can i return the jeans?",
        "can i get my refund as a gift card?",
        "do gift cards expire?",
    ],
)
async def test_a_gift_card_as_the_way_to_pay_or_be_refunded_is_not_asked_back(
    assistant: Assistant, message: str
) -> None:
    text = (await ask(assistant, message)).text
    assert not text.startswith(f"No. {NOT_RETURNED}") and REFUSAL not in text
