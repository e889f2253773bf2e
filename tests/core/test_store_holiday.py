"""A holiday asked of the stores (#9): "are your stores open on christmas?" got the stores' weekly hours alone, as if
they answered it. The contact page gives the stores' hours and customer care's closing days, never the stores' on a
holiday: the reply gives the hours, says the pages don't say, gives care's closing days as care's, and offers a
person. A real Assistant on the demo store (hashing embedder, real SQLite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.domain import Author
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

HOURS = "Monday–Saturday 10:00 a.m.–8:00 p.m. and Sunday 11:00 a.m.–6:00 p.m. local time."


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("are your stores open on christmas?", "Christmas"),
        ("is the seattle store open thanksgiving day?", "Thanksgiving"),
    ],
)
async def test_a_holiday_asked_of_the_stores_says_the_pages_do_not_give_it(
    shop: Assistant, text: str, day: str
) -> None:
    reply = await ask(shop, text)
    assert reply.author == Author.TEMPLATE and HOURS in reply.text
    assert f"Our pages don't give the stores' hours on {day}, so I can't tell you whether they open." in reply.text
    assert "Customer care is closed on New Year's Day (January 1), Thanksgiving Day and Christmas Day" in reply.text
    assert reply.text.endswith("would you like me to connect you?")
    assert "stores are closed" not in reply.text.lower()  # care's closing days are never said as the stores'


async def test_near_misses_keep_their_answers(shop: Assistant) -> None:
    hours = await ask(shop, "what are your store hours?")  # no holiday: the hours, no "don't give"
    assert "10:00 a.m." in hours.text and "don't give" not in hours.text
    care = await ask(shop, "are you open on christmas?")  # no store: customer care's closing days, as before
    assert "Christmas Day" in care.text and "stores' hours" not in care.text
