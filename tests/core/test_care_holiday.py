"""A holiday asked about customer care (#9, blind set): "will anyone be answering phones on christmas day?" got "I'm
the shop's assistant, so I can only help with orders, ..." ("phones" was no phone word, and the classifier called it
out of scope). The contact page answers it: its closing days, the care hours when the day named is not among them,
the assistant that answers around the clock and the e-mail reply time. A real Assistant on the demo store (hashing
embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

CLOSED = "Customer care is closed on New Year's Day (January 1), Thanksgiving Day and Christmas Day (December 25)."
ASSISTANT = "Our online assistant is available 24 hours a day, 7 days a week."
EMAIL = "We answer e-mails within 1 business day."


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


@pytest.mark.parametrize(
    "text",
    [
        "is anybody picking up the phones on thanksgiving?",
        "will customer service be working on xmas",
        "can i reach someone on dec 25?",
        "r u guys open new years day",
    ],
)
async def test_care_on_a_holiday_gets_the_closing_days_the_assistant_and_the_email_time(
    shop: Assistant, text: str
) -> None:
    reply = await ask(shop, text)
    assert reply.text.startswith(CLOSED), reply.text
    assert ASSISTANT in reply.text and EMAIL in reply.text and "support@northwindthreads.example" in reply.text
    assert "names no other closing days" not in reply.text


async def test_a_holiday_the_page_does_not_name_gets_the_usual_hours(shop: Assistant) -> None:
    reply = await ask(shop, "is support available on easter sunday?")
    assert reply.text.startswith(CLOSED) and "names no other closing days. Customer care hours:" in reply.text


@pytest.mark.parametrize(
    "text",
    ["are your stores open on christmas?", "will my order arrive before christmas?", "do you have christmas sweaters?"],
)
async def test_near_misses_keep_their_own_answers(shop: Assistant, text: str) -> None:
    reply = await ask(shop, text)
    assert not reply.text.startswith(CLOSED), reply.text
