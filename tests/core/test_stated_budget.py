"""The price ceiling a shopper stated earlier in the conversation (r19-001: "dont want to spend more than 200")."""

from __future__ import annotations

import pytest

from bot.core.catalog.stated_budget import ceiling_in, stated_ceiling

R19 = "hi! looking for waterproof boots (womens) for slush season, size 8, dont want to spend more than 200"


@pytest.mark.parametrize(
    ("text", "ceiling"),
    [
        (R19, 200.0),
        ("need a rain jacket under $100", 100.0),
        ("mens chinos, max 60 dollars", 60.0),
        ("i can\u2019t go over 90 bucks", 90.0),
        ("jeans between 40 and 70 dollars", 70.0),
        ("my budget is 80", 80.0),
        # near misses: an amount that is no ceiling
        ("what if I buy jeans for $80", None),
        ("why am i paying $5 shipping on my shirt order", None),
        ("ok and do those come in wide? my feet are kinda wide lol", None),
    ],
)
def test_the_ceiling_one_message_states(text: str, ceiling: float | None) -> None:
    assert ceiling_in(text) == ceiling


def test_the_newest_ceiling_stated_wins_and_a_later_question_keeps_it() -> None:
    assert stated_ceiling([R19, "ok and do those come in wide?"]) == 200.0
    assert stated_ceiling(["boots under $150", "ok, up to 300 then. are they warm?"]) == 300.0
    assert stated_ceiling(["whats your return policy", "do the hiking boots come in wide?"]) is None
