"""A reply about a member's shipping says what is free at their level (#9, answer the question asked). Blind set: a Gold
member's "since im gold is shipping free on everything? i literally just want one tee, like $40" got "$8.00, or spend
$35.00 more" and never that Overnight (and international shipping) is free for Gold. A real Assistant on the demo
store's knowledge (hashing embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

CUSTOMERS = [
    {"customer_id": "gold1", "name": "Gia", "email": "gia@example.com", "membership": "gold"},
    {"customer_id": "gold2", "name": "Gus", "email": "gus@example.com", "membership": "gold", "country": "Mexico"},
    {"customer_id": "silver1", "name": "Sam", "email": "sam@example.com", "membership": "silver"},
]


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, CUSTOMERS, [])


async def test_a_gold_members_shipping_question_gets_every_gold_shipping_perk(assistant: Assistant) -> None:
    q = "since im gold is shipping free on everything? i literally just want one tee, like $40"
    text = (await ask(assistant, q, "gold1")).text
    assert "$8.00" in text and "$35 short of $75" in text  # the cart's arithmetic (cart_shipping), as before
    assert "as a Gold member, Overnight shipping is free for you." in text  # cart_shipping's own Gold line
    assert text.endswith("International shipping is free for you too.")  # the rest of Gold's shipping perks
    # other wordings: no amount, "delivery"
    text = (await ask(assistant, "being gold, do i pay for delivery?", "gold1")).text
    assert re.search(r"overnight shipping( – free;| and) international shipping (– free|are free)", text.lower())


async def test_a_gold_member_abroad_gets_the_international_perk_only(assistant: Assistant) -> None:
    text = (await ask(assistant, "is shipping free for me?", "gold2")).text
    assert "international shipping is free for you" in text and "overnight shipping" not in text.lower()


async def test_a_shopper_who_says_gold_gets_the_rule_for_gold_members(assistant: Assistant) -> None:
    text = (await ask(assistant, "im a gold member, how much do you charge for shipping?")).text
    assert re.search(r"overnight shipping( – free;| and) international shipping (– free|are free)", text.lower())
    text = (await ask(assistant, "im a gold member, is shipping free on a $50 order?")).text
    assert "Overnight shipping is free for you." in text and text.endswith(
        "International shipping is free for you too."
    )


@pytest.mark.parametrize(
    ("message", "customer"),
    [
        ("is shipping free on a $40 order?", "silver1"),  # a level with no shipping perk
        ("im bronze, is shipping free on a $40 order", None),  # a level said that is not Gold
        ("how much is standard shipping on my next order?", "gold1"),  # one option asked: only its own line
    ],
)
async def test_near_misses_get_no_gold_line(assistant: Assistant, message: str, customer: str | None) -> None:
    text = (await ask(assistant, message, customer)).text
    assert "free for you" not in text and "For Gold members" not in text


async def test_perks_the_reply_already_lists_for_gold_are_not_said_again(assistant: Assistant) -> None:
    # unseen check: "being gold, what shipping do i get for free?" got "For Gold members: overnight shipping – free;
    # international shipping – free. ..." and then the same two perks again
    text = (await ask(assistant, "being gold, what shipping do i get for free?", "gold1")).text
    assert text.lower().count("international shipping") == 1


def test_a_priced_answer_without_any_gold_line_gets_every_perk(assistant: Assistant) -> None:
    from bot.core.member_perks import gold_perk
    from bot.core.turn import Turn
    from bot.domain import Channel, IncomingMessage

    gold = Turn(
        IncomingMessage("x", channel=Channel.API),
        {"id": "gold1", "membership": "gold"},
        {"id": "c"},
        1,
        known_customer=True,
    )
    said = "Standard shipping costs $8.00 on orders under $75."
    assert gold_perk(said, "is shipping free for me?", gold, assistant.kb) == (
        f"{said} As a Gold member, overnight shipping and international shipping are free for you."
    )
    listed = "For Gold members: overnight shipping – free; international shipping – free. Economy $5.00."
    assert gold_perk(listed, "is shipping free for me?", gold, assistant.kb) == listed
