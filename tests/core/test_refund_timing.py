"""How long a refund takes, asked in the shopper's words (issue #9: "once you get my return back how long til i see
the money? paid with paypal btw" got a model reply "the funds appear immediately on your credit/debit card"). A real
Assistant on a small shop whose refunds page gives other numbers than the demo store's, so the figures asserted
here can only come from reading the page at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.refund_timing import refund_timing
from bot.domain import Channel, IncomingMessage

REFUNDS_MD = """---
title: Refunds
category: refunds
---
# Refunds

## How will I get my money back?

You can choose how to receive your refund:

- **Original card** – back to the credit or debit card you paid with (PayPal orders are refunded to PayPal).
- **Store credit** – added to your account right away.
- **Paper check** – mailed to your address.

## How long does a refund take?

We process a return within 5 business days of receiving it. The refund then reaches you **within 12 days** of the day we received the return. Store credit appears immediately once the return is processed; mailed checks take 4–6 business days to arrive.

If more than 12 days have passed since we received your return and you still do not see your refund, write to us: we will check it.

## Cancelled orders

When you cancel an order before it ships we refund you immediately to the card you paid with.
"""

TIMING = (
    "We process a return within 5 business days of receiving it. "
    "The refund then reaches you within 12 days of the day we received the return."
)
LATE = "If more than 12 days have passed since we received your return and you still do not see your refund, write to us: we will check it."
PAYPAL_LINE = (
    "Where it goes: back to the credit or debit card you paid with (PayPal orders are refunded to PayPal). "
    "You can also choose store credit or paper check instead."
)


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "refunds.md").write_text(REFUNDS_MD, encoding="utf-8")
    return knowledge_dir


def msg(text: str) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=None)


async def test_the_issue_wording_gets_the_pages_timing_and_the_paypal_line(assistant: Assistant) -> None:
    reply = await assistant.handle(
        msg("once you get my return back how long til i see the money? paid with paypal btw")
    )
    assert reply.text == f"{TIMING} {PAYPAL_LINE} {LATE}"
    assert "immediately" not in reply.text


@pytest.mark.parametrize(
    "question",
    ["how fast do refunds come through", "how long does it take to get refunded", "how many days for the refund?"],
)
async def test_a_timing_question_with_no_method_gets_the_timing_alone(assistant: Assistant, question: str) -> None:
    reply = await assistant.handle(msg(question))
    assert reply.text == f"{TIMING} {LATE}"


async def test_a_card_named_gets_the_card_line(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("how long does a refund take to my debit card?"))
    assert reply.text == f"{TIMING} {PAYPAL_LINE} {LATE}"


@pytest.mark.parametrize(
    "question",
    [
        "how long do I have to return",  # the return window
        "how long for store credit to show up after a return",  # the page's own store-credit sentence
        "how long do refunds take for paper checks?",
        "refund for a cancelled order, when do i get it",  # cancellations are refunded their own way
        "its been 15 days and i still havent got my refund",  # a refund not seen: a complaint
        "can you promise the refund is on my card by tomorrow",  # a promise: refused
        "can I get a refund on socks",
        "when i return something do i get a refund?",  # whether, not when
        "how many days do i have to request a refund",
    ],
)
def test_near_misses_are_not_this_slot(assistant: Assistant, question: str) -> None:
    assert refund_timing(assistant.kb, question) is None
