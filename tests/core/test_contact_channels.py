"""A question about a way to reach the shop is answered from the contact page: the number with the hours, the
address, and for a channel the page does not list (fax, WhatsApp, SMS, social media) that it is not one of the
shop's channels and which are; never a hand-off alone, never an invented number. A real Assistant on a small shop
whose contact page is worded unlike the demo store's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.contact_channels import asked_channels
from bot.domain import Channel, Flag, IncomingMessage

CONTACT_MD = """---
title: Get in touch
category: contact
---
# Get in touch

Only the phone number and e-mail address below are our official contacts.

## Call us

1-888-555-0199 (free from anywhere in the US). Outside the US? Please e-mail us instead.

## Write to us

**help@pinecone.example** - we reply within 2 business days.

## Opening hours

Our team answers Monday to Saturday, 9:00 a.m. to 6:00 p.m. Central Time.

## This chat

Our online assistant is available 24 hours a day. It can pass your conversation to a person during the hours above.
"""


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "contact.md").write_text(CONTACT_MD, encoding="utf-8")
    return knowledge_dir


def msg(text: str) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API)


async def test_a_number_to_ring_gets_the_number_and_hours_not_only_a_hand_off(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("Is there a number I can ring to speak to someone?"))
    assert "1-888-555-0199" in reply.text
    assert "9:00 a.m. to 6:00 p.m. Central Time" in reply.text
    assert Flag.HANDOFF not in reply.flags  # answered; the button still offers a person
    assert any(b.action == "handoff" for b in reply.buttons)


async def test_calling_from_abroad_gets_the_pages_advice_and_the_address_to_write_to(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("I live in Germany, can I call your support line?"))
    assert "Please e-mail us instead" in reply.text
    assert "help@pinecone.example" in reply.text


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("Do you have a fax number? I'd like to fax my receipt.", "Fax"),
        ("Can I reach you on WhatsApp?", "WhatsApp"),
        ("do you guys have instagram?", "Social media"),
    ],
)
async def test_a_channel_the_page_does_not_list_is_said_to_be_none_and_the_real_ones_given(
    assistant: Assistant, question: str, label: str
) -> None:
    reply = await assistant.handle(msg(question))
    assert reply.text.startswith(f"{label} isn't one of our contact channels: only the phone number and e-mail")
    assert "help@pinecone.example" in reply.text and "1-888-555-0199" in reply.text
    assert not re.search(r"\bfax (?:number|is)\b", reply.text.split(":", 1)[1], re.I)  # no invented fax


async def test_a_live_chat_question_says_when_a_person_can_join(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("Do you have a live chat with a real agent?"))
    assert "available 24 hours a day" in reply.text
    assert "during customer care hours (Our team answers Monday to Saturday" in reply.text
    assert "the hours above" not in reply.text


async def test_a_channel_the_shop_does_list_is_quoted_from_its_page_not_denied(
    assistant: Assistant, knowledge_dir: Path
) -> None:
    reply = await assistant.handle(msg("What email do I write to about a problem?"))
    assert reply.text.startswith("Our e-mail address is help@pinecone.example.")


@pytest.mark.parametrize(
    "text",
    [
        "can I change the phone number on my account?",
        "ok email me when it is back",
        "what's my order number?",
        "I want to talk to a person",
        "call me back please",
    ],
)
def test_the_shoppers_own_details_and_plain_requests_for_a_person_are_no_channel_question(text: str) -> None:
    assert asked_channels(text) == []
