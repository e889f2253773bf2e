"""Membership and account rules applied to the shopper's own numbers (#9), reader19 graded B/C: "i order maybe 5
times a year, usually like $40-50 each time. does [Northwind Plus] pay off" got the Plus summary; "how close am i to
gold?" (c004, Silver) got the Gold row alone; "and if i sign up and then cancel after like a month do i get anything
back?" after Plus got the summary again; "my northwind plus payment is late ... can i get an extension? im only bronze"
got a hand-off; "got an email saying i was signed up for some premium service ... is that from you??" got the e-mail
address; "I'm in London, what number do I ring" got "Call during the customer care hours below."; "morning! first
time here, what kind of stuff do you sell?" got "not sure". Each now gets the pages' rule applied to what was said.
A real Assistant on the demo store's knowledge (hashing embedder), real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.level_progress import asks_progress
from bot.core.shop_overview import asks_what_sold
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row

CUSTOMERS = [
    {"customer_id": "s1", "name": "Lucas", "email": "l@example.org", "membership": "silver"},
    {"customer_id": "b1", "name": "Aisha", "email": "a@example.org", "membership": "bronze"},
]
ORDERS = [
    order_row(
        "ORD-90001", "s1", "delivered", [{"sku": "X", "name": "Chinos", "qty": 1, "price": 356.97}], "2026-07-07"
    ),
    order_row("ORD-90002", "s1", "delivered", [{"sku": "Y", "name": "Jeans", "qty": 1, "price": 572.93}], "2026-10-24"),
    order_row("ORD-90003", "s1", "returned", [{"sku": "Z", "name": "Coat", "qty": 1, "price": 300.0}], "2026-11-04"),
    order_row("ORD-90004", "s1", "delivered", [{"sku": "W", "name": "Boots", "qty": 1, "price": 200.0}], "2025-06-01"),
]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, CUSTOMERS, ORDERS)


async def test_plus_pays_off_is_worked_out_from_the_orders_said(assistant: Assistant) -> None:
    q = "thinking about northwind plus. i order maybe 5 times a year, usually like $40-50 each time. does it pay off"
    text = (await ask(assistant, q)).text
    assert "$99 a year" in text and "$8.00 on an order under $75" in text
    assert "5 × $8.00 = $40.00 a year" in text and "less than the $99 fee" in text and "would not pay off" in text
    assert "13 orders under $75" in text and "gift wrapping" in text
    many = (await ask(assistant, "would northwind plus save me money? i place about 2 orders a month, each $60")).text
    assert "24 × $8.00 = $192.00" in many and "would pay off" in many
    big = (await ask(assistant, "i spend $120 per order, twice a year. is northwind plus worth it?")).text
    assert "already ship free" in big and "×" not in big.split("13 orders")[0]


async def test_plus_cancel_refund_follows_the_time_said(assistant: Assistant) -> None:
    await ask(assistant, "what is northwind plus exactly and how much is it", conversation="p1")
    later = (
        await ask(
            assistant, "and if i sign up and then cancel after like a month do i get anything back?", conversation="p1"
        )
    ).text
    assert later.startswith("Cancelling a month after the charge is past the 14 days, so you get no refund")
    assert "no partial refunds" in later and "within 14 days" in later
    soon = (await ask(assistant, "if i cancel my northwind plus after 10 days do i get a refund?")).text
    assert "within the 14 days" in soon and "haven't used any Plus benefit" in soon


async def test_plus_late_payment_gets_the_rule_for_the_level(assistant: Assistant) -> None:
    q = "my northwind plus payment is late and i cant pay till next week. can i get an extension? im only bronze"
    reply = await ask(assistant, q)
    assert "paused while a payment is overdue" in reply.text
    assert "As a Bronze member: Bronze and Guest members cannot get an extension." in reply.text
    own = (await ask(assistant, "my northwind plus payment is overdue, can i get an extension?", customer="s1")).text
    assert "Your account is at the Silver level: Silver members can get an extension if the payment is no more" in own


async def test_distance_to_a_level_adds_up_the_orders_of_its_period(assistant: Assistant) -> None:
    text = (await ask(assistant, "how close am i to gold? and what would i actually get for it", customer="s1")).text
    assert "Spend $1,500 or more in a 12-month period" in text
    assert "ORD-90001" in text and "ORD-90002" in text and "ORD-90004" not in text  # older than 12 months
    assert "$929.90 in all" in text and "I haven't counted ORD-90003 (returned)" in text
    assert "$570.10 to go" in text and "What Gold members get" in text and "overnight shipping (Free)" in text
    guest = (await ask(assistant, "how close am i to gold?")).text
    assert "isn't linked to an account" in guest and "$1,500" in guest


@pytest.mark.parametrize(
    ("text", "level"),
    [("how close am i to gold?", "gold"), ("how much more do i need to spend to get silver?", "silver"),
     ("how far am i from gold status?", "gold"), ("am i close to silver yet?", "silver"),
     ("how do i become gold?", ""), ("what do gold members get?", ""), ("how close is my order?", "")],
)  # fmt: skip
def test_progress_questions(text: str, level: str) -> None:
    assert asks_progress(text) == level


async def test_scam_abroad_and_overview_wordings(assistant: Assistant) -> None:
    q = "got an email saying i was signed up for some premium service for $49.99 and to click the link to cancel. is that from you??"
    scam = (await ask(assistant, q)).text
    assert "are scams" in scam and "do not click their links" in scam and "check your account" in scam
    london = (await ask(assistant, "I'm in London, what number do I ring for customer service?")).text
    assert "1-800-555-0142 (toll-free from the United States and Canada)" in london
    assert "outside the United States and Canada, please e-mail us" in london and "support@northwindthreads" in london
    canada = (await ask(assistant, "im in toronto, is there a phone number i can call?")).text
    assert "so you can call it from Canada" in canada
    assert asks_what_sold("morning! first time here, what kind of stuff do you sell?")
    assert asks_what_sold("hello! new here, what do you guys sell?")


async def test_near_misses_keep_their_replies(assistant: Assistant) -> None:
    plus = (await ask(assistant, "what is northwind plus?")).text
    assert "optional paid subscription" in plus and "×" not in plus
    shipped = (await ask(assistant, "i got an email that my order shipped, is that real?")).text
    assert "are scams" not in shipped
    number = (await ask(assistant, "what's your customer service phone number?")).text
    assert "Customer care hours" in number and "1-800-555-0142" in number
    assert not asks_what_sold("hi, what boots do you sell for women?")
    assert not asks_what_sold("hi! what jeans do you have?")
