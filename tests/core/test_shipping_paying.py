"""A shipping fee questioned in the present tense ("why am i paying $5 shipping on my shirt order, its way over 75",
#9 reader21) is about that order's fee: it got the shipping page's "contact us" line; now the order's Economy fee,
that Economy costs $5.00 whatever the amount, that Standard is the option free on larger orders, and the stage's
fee rule. Real SQLite seeded from knowledge/_seed, hashing KB, real Assistant."""

from __future__ import annotations

import pytest

from bot.core.assistant import Assistant
from bot.core.ordered_items import asked_aspects
from bot.domain import OrderAspect
from tests.core.test_own_orders import assistant as _seeded
from tests.core.test_own_orders import chat

assistant = _seeded  # the seeded demo shop


@pytest.mark.parametrize(
    "text",
    [
        "why am i paying $5 shipping on my shirt order",
        "why is it charging me shipping on my jeans order",
        "why was i charged shipping on my coat",
        "did i pay shipping on it",
    ],
)
def test_a_fee_paid_or_being_paid_asks_the_orders_total(text: str) -> None:
    assert OrderAspect.TOTAL in asked_aspects(text)


@pytest.mark.parametrize(
    ("text", "aspects"),
    [("is shipping free on my order?", []), ("when will my shirt order ship?", [OrderAspect.DELIVERY])],
)
def test_no_fee_paid_said_keeps_other_aspects(text: str, aspects: list[OrderAspect]) -> None:
    assert asked_aspects(text) == aspects


async def test_the_economy_fee_on_an_order_over_the_threshold_is_explained(assistant: Assistant) -> None:
    # c010: ORD-14033 (processing), $225.98 of shirts, Economy $5.00
    (reply,) = await chat(assistant, "c010", "why am i paying $5 shipping on my shirt order, its way over 75")
    assert "ORD-14033" in reply.text and "economy" in reply.text.lower(), reply.text
    assert "$5.00 whatever the order's amount" in reply.text and "Standard shipping" in reply.text
