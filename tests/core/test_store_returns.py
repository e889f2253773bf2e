"""A return brought to a store is answered as a return: the store, the in-store way and the window (#9). Blind set:
"ordered online like 3 weeks ago as a guest, can i just bring it back to the seattle store?" opened with the
delivery-downgrade rule ("Guests cannot receive a credit"). A real Assistant on the demo store's knowledge (hashing
embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.store_places import store_reply
from bot.core.store_returns import store_asked
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

IN_STORE = "In store – bring the item and your order number to our Portland, Seattle or Chicago store."


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def test_a_store_return_is_told_apart() -> None:
    assert store_asked("can i just bring it back to the seattle store?")
    assert store_asked("can i return it at the chicago store?")
    assert store_asked("could we drop it back at one of your stores")
    assert not store_asked("can i get store credit instead of a refund?")  # store credit is a refund method
    assert not store_asked("what time does the seattle store close?")
    assert not store_asked("can i return it?")
    # a carrier's store is where a parcel was dropped, not one of ours (review of 92fcfa9)
    assert not store_asked("i dropped my return at the ups store in dallas, when do i get my refund?")
    assert not store_asked("returned it at the fedex store yesterday")
    assert store_asked("can i drop it back at your store instead of the ups store?")  # near miss: ours too


async def test_a_guest_inside_the_window_gets_yes_the_store_and_the_window(assistant: Assistant) -> None:
    q = "ordered online like 3 weeks ago as a guest, can i just bring it back to the seattle store?"
    text = (await ask(assistant, q)).text
    assert text.startswith(f"Yes: our Seattle store takes returns. {IN_STORE}")
    assert "As a guest, your return window is 30 days from the purchase date, so you are still within it." in text
    assert "downgrade" not in text.lower() and "credit" not in text


async def test_a_passed_window_gets_no_yes(assistant: Assistant) -> None:
    text = (
        await ask(assistant, "bought a jacket 2 months ago, no account, can i return it at the chicago store?")
    ).text
    assert text.startswith(f"Our Chicago store takes returns. {IN_STORE}") and "so it has passed" in text
    assert "original receipt" in text


async def test_a_bronze_member_taking_it_back_to_a_store_gets_the_window_not_the_store_finder(
    assistant: Assistant,
) -> None:
    text = (
        await ask(assistant, "im a bronze member, got it 3 weeks back, can i take it back to a store in portland?")
    ).text
    assert text.startswith("Yes: our Portland store takes returns.") and "90 days" in text


async def test_near_misses(assistant: Assistant) -> None:
    # where a store is, and a plain return question, keep their answers
    assert store_reply(assistant.kb, "is there a store in portland?") is not None
    assert store_reply(assistant.kb, "can i take it back to a store in portland?") is None  # a return, not a finder
    text = (await ask(assistant, "bought it 3 weeks ago as a guest, can i still return it?")).text
    assert text.startswith("As a guest, your return window is 30 days") and "store" not in text
