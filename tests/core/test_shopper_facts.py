"""Policy answers that depend on the shopper's own facts (level, when they bought it, their country) and requests
for another person's data. A real Assistant on a small shop whose pages are worded unlike the demo store's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.privacy import REFUSAL, other_persons_data
from bot.core.return_window import Window, elapsed_days, parse_window, receipt_said, stated_tier, verdict
from bot.domain import Channel, IncomingMessage
from bot.store import Store

RETURNS_MD = """---
title: Sending things back
category: returns
---
# Sending things back

## How long do I have to return an item?
Your return window depends on your membership level and counts from the purchase date:

| Membership level | Return window |
| --- | --- |
| Guest | 14 days |
| Bronze | 60 days |
| Silver | 4 months (120 days) |
| Gold | Unlimited – no time limit |

## Returns outside your window
If your return window has passed, we can still accept the return when:
- **you show the original receipt** (any membership level), or
- **the item is unopened** – Bronze and Silver members only.

## Return labels
Return labels within the United States are free. To create the label we need your street address.

## Returns from abroad
Customers outside the United States get a prepaid courier label. A handling fee of $11.00 is deducted from the refund, except for Gold members.

## Are shipping fees refunded?
Original shipping fees are refunded when the item arrived damaged. For other returns, the shipping fee you paid is not refunded.
"""


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "returns.md").write_text(RETURNS_MD, encoding="utf-8")
    return knowledge_dir


@pytest.fixture
def store(store: Store) -> Store:
    store.ensure_customer("c9", name="Tom Berg", email="tom@example.com", membership="guest", country="Canada")
    store.db["orders"].insert(
        {
            "order_id": "ORD-50009",
            "customer_id": "c9",
            "date": "2026-01-05T10:00:00Z",
            "status": "delivered",
            "items": '[{"sku": "NT-BLT-0001", "name": "Brown Leather Belt", "qty": 1, "price": 35.0}]',
            "total": 35.0,
            "currency": "USD",
            "shipping_method": "international",
        }
    )
    return store


def msg(text: str, customer: str | None = None) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=customer)


async def test_a_guest_past_the_window_without_a_receipt_gets_no_implied_yes(assistant: Assistant) -> None:
    reply = await assistant.handle(
        msg("I bought a scarf 5 weeks ago as a guest and lost the receipt, can I still return it?")
    )
    assert "your return window is 14 days from the purchase date, so it has passed" in reply.text
    assert "you show the original receipt (any membership level)" in reply.text
    assert "Without the receipt" in reply.text
    assert not reply.text.startswith("Yes")
    assert reply.sources and reply.sources[0]["doc_id"] == "policies/returns"


async def test_without_a_level_each_level_is_checked_against_the_time_said(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("can I return a jacket I bought 5 weeks ago?"))
    assert "Guest: 14 days, Bronze: 60 days, Silver: 4 months (120 days), Gold: Unlimited" in reply.text
    assert "Bronze, Silver and Gold members are still within their window" in reply.text
    assert "For Guest members that window has passed" in reply.text


async def test_a_known_customers_order_date_and_level_decide(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("can i still return the belt from my january order?", "c9"))
    assert reply.text.startswith("Your order ORD-50009 (Brown Leather Belt) was placed on 2026-01-05.")
    assert "As a guest, your return window is 14 days from the purchase date, so it has passed" in reply.text
    assert "(it ended on Monday, January 19, 2026)" in reply.text  # the order's date plus the window
    assert {"order:ORD-50009", "policies/returns"} <= {s["doc_id"] for s in reply.sources}


async def test_a_customer_abroad_gets_the_rule_for_returns_from_abroad_not_the_us_label(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("if I send back the belt how much money do I get back?", "c9"))
    assert "Your account is in Canada" in reply.text
    assert "A handling fee of $11.00 is deducted from the refund" in reply.text
    assert "You paid 35.00 USD for the Brown Leather Belt in order ORD-50009." in reply.text
    assert "within the United States are free" not in reply.text
    anonymous = await assistant.handle(msg("do I get a full refund if I return something?"))
    assert "Return labels within the United States are free." in anonymous.text
    assert "A handling fee of $11.00 is deducted from the refund" in anonymous.text


async def test_another_persons_contact_details_are_refused_not_looked_up(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("whats the email and phone number for tom berg? hes my brother", "c1"))
    assert reply.text == REFUSAL
    assert "tom@example.com" not in reply.text and not reply.sources
    own = await assistant.handle(msg("what's your email address?"))
    assert own.text != REFUSAL


@pytest.mark.parametrize(
    "text",
    [
        "can you give me the email and phone number of nora hughes? she is my cousin",
        "What is Nora Hughes's phone number?",
        "give me my sister's email address",
        "can you tell me the address of my friend",
        "I need the phone number of this customer",
    ],
)
def test_requests_for_someone_elses_data(text: str) -> None:
    assert other_persons_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "whats your phone number",
        "what is the email for customer service",
        "can you ship to my mom's address?",
        "what is the shipping cost to my mom's address in canada",
        "how do I change my email address",
        "whats the phone number for international orders",
        "I want to send a gift card to my sister, what amounts are there?",
        "can I return a gift my friend bought me?",
    ],
)
def test_the_shops_contacts_and_ones_own_data_are_not_refused(text: str) -> None:
    assert not other_persons_data(text)


def test_the_shoppers_facts_are_read_from_their_words() -> None:
    today = dt.date(2026, 11, 30)
    assert elapsed_days("bought a sweater 5 weeks ago", today) == (35.0, 35.0)
    assert elapsed_days("the belt from my october order", today) == (30.0, 60.0)
    assert elapsed_days("can I return it?", today) is None
    assert elapsed_days("I have 2 kids, can I return it?", today) is None
    assert stated_tier("i never made an account", {}, False) == "guest"
    assert stated_tier("as a gold member", {}, False) == "gold"
    assert stated_tier("as a gold member", {"membership": "bronze"}, True) == "bronze"  # the account's level counts
    assert receipt_said("threw away the receipt") is False
    assert receipt_said("I still have the receipt") is True
    assert (parse_window("30 days"), parse_window("6 months (180 days)"), parse_window("Unlimited")) == (30, 180, None)


def test_a_time_near_the_end_of_a_window_is_not_called_either_way() -> None:
    windows = {t: Window(t.capitalize(), f"{d} days", d) for t, d in (("guest", 30), ("bronze", 90))}
    windows |= {"silver": Window("Silver", "180 days", 180), "gold": Window("Gold", "Unlimited", None)}
    assert "close" in verdict(windows, "guest", (28.0, 31.0), None, "")[0]
    assert "still within it" in verdict(windows, "bronze", (28.0, 31.0), None, "")[0]


def test_the_query_carries_the_known_customers_country_and_gold_level() -> None:
    from bot.core.shopper_facts import from_home
    from bot.core.turn import Turn
    from bot.domain import ConversationState, Request, RequestKind

    def turn(**customer: str) -> Turn:
        return Turn(msg("x"), dict(customer), {"id": "conv"}, 1, known_customer=True, state=ConversationState())

    req = Request(kind=RequestKind.POLICY, text="are returns free?")
    free = "are returns free?"
    assert from_home(free, free, req, turn(country="Canada")) == "are returns free? (from Canada)"
    assert from_home(free, free, req, turn(country="United States")) == free
    to_us = "how long does shipping to the US take?"
    assert from_home(to_us, to_us, req, turn(country="Canada")) == to_us  # the place said wins
    cost = "how much is overnight shipping?"
    assert from_home(cost, cost, req, turn(membership="gold", country="United States")).endswith("(Gold members)")
