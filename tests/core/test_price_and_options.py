"""Policy slots that answer what was asked instead of quoting a near sentence: which of two shipping options is
cheaper or faster (the options table read at run time), "will the price go down?" (never a forecast: the pricing
page's rules and the sale today), and "do I get the full amount back?" (the refund-amount rules). A real Assistant
on a small shop whose pages are worded and priced unlike the demo store's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.option_compare import compare_options
from bot.core.price_outlook import asks_outlook, price_outlook
from bot.core.refund_amount import asks_refund_amount
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase

SHIPPING_MD = """---
title: Delivery
category: shipping
---
# Delivery

## Shipping options and costs (United States)

| Option | Delivery time | Cost | Carrier |
| --- | --- | --- | --- |
| Ground | 7–10 business days | $4.50 | USPS |
| Priority | 2–4 business days | $9.00 – **free on orders of $90 or more** | FedEx |
| Express | Next business day | $24.00 – **free for Gold members** | FedEx |
"""

PRICING_MD = """---
title: Prices
category: pricing
---
# Prices

## Why did the price change?

Prices at our shop follow a pricing engine that moves them with demand, so an item can cost more or less next week.

## Do you price match?

We never match other shops, and when a price drops later we do not change the price of an order already placed. If that leaves you unhappy, write to us and we can send a one-time promo code for 15% off.
"""

PROMOTIONS_MD = """---
title: Sales
category: promotions
---
# Sales

## When are your sales?

- **Winter Sale:** starts on the first Monday of December and runs for 12 days.
"""


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    for name, text in (("shipping", SHIPPING_MD), ("pricing", PRICING_MD), ("promotions", PROMOTIONS_MD)):
        (knowledge_dir / "policies" / f"{name}.md").write_text(text, encoding="utf-8")
    return knowledge_dir


def msg(text: str) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API)


async def test_the_cheaper_of_two_options_is_said_with_each_ones_free_rule(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("which is cheaper, ground or priority shipping?"))
    assert reply.text.startswith("Ground is cheaper: Ground $4.50; Priority $9.00.")
    assert "Priority is free on orders of $90 or more." in reply.text
    assert "Express" not in reply.text  # not asked about
    faster = await assistant.handle(msg("express vs priority delivery, which one gets here quicker?"))
    assert faster.text.startswith("Express is faster: Express next business day; Priority 2–4 business days.")
    dearer = await assistant.handle(msg("which costs more, priority or express?"))
    assert dearer.text.startswith("Express costs more: Express $24.00; Priority $9.00.")


def test_option_comparison_needs_two_named_options_and_a_comparison(kb: KnowledgeBase) -> None:
    found = compare_options(kb, "ground, priority or express: which is the cheapest?")
    assert found is not None and found[0].startswith("Ground is the cheapest: Ground $4.50; Priority $9.00; Express")
    for text in (
        "how much is priority shipping?",  # one option, no comparison
        "is ground shipping cheaper than ups?",  # one of the table's options
        "which is faster, ground or priority?",  # asks the time: answered with times, never prices
    ):
        got = compare_options(kb, text)
        assert got is None or "$" not in got[0], text


def test_a_price_outlook_is_never_a_forecast(kb: KnowledgeBase) -> None:
    found = price_outlook(kb, "will the jeans go down in price soon?", dt.date(2026, 12, 10))
    assert found is not None
    text = found[0]
    assert text.startswith("I can't predict whether or when a price will change.")
    assert "pricing engine that moves them with demand" in text
    assert "we do not change the price of an order already placed" in text and "15% off" in text
    assert "The Winter Sale is on now" in text and "Yes" not in text
    later = price_outlook(kb, "should I wait for the coat to get cheaper?", dt.date(2026, 12, 20))
    assert later is not None and "There is no sale on right now." in later[0]


@pytest.mark.parametrize(
    ("text", "outlook"),
    [
        ("is this going to be on sale next week?", True),
        ("is it likely the price will fall", True),
        ("the price went down a day after I bought it, can I get the difference?", False),  # a drop already seen
        ("will the price drop be refunded?", False),
        ("will my jeans shrink?", False),
        ("can I go down a size?", False),
        ("why did the price change?", False),
    ],
)
def test_which_messages_ask_for_a_price_outlook(text: str, outlook: bool) -> None:
    assert asks_outlook(text) is outlook


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("do I get the full amount refunded when I return a shirt?", True),
        ("if i send the boots back do i get all my money back", True),
        ("will I be refunded in full if I return it", True),
        ("what is the total amount of my order", False),  # no return
        ("can I return all of it", False),
    ],
)
def test_which_messages_ask_how_much_a_return_refunds(text: str, amount: bool) -> None:
    assert asks_refund_amount(text) is amount
