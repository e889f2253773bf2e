"""Small talk is read from the words, whatever the classifier says: a greeting in any spelling gets a greeting and what
the assistant helps with, "who am I talking to?" an honest answer (the automated assistant; a person can take over,
in the contact page's care hours), and after a person was offered "whats the number?" gets the contact page's number
and hours. A question with a greeting or thanks in front is still that question. A real Assistant on a small shop whose
contact page is worded unlike the demo store's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import canned
from bot.core.assistant import Assistant
from bot.core.small_talk import Said, small_talk, without_small_talk
from bot.domain import Channel, Flag, IncomingMessage

CONTACT_MD = """---
title: Get in touch
category: contact
---
# Get in touch

Only the phone number and e-mail address below are our official contacts.

## Call us

1-888-555-0199 (free from anywhere in the US).

## Write to us

**help@pinecone.example** - we reply within 2 business days.

## Opening hours

Our team answers Monday to Saturday, 9:00 a.m. to 6:00 p.m. Central Time.

We are closed on public holidays, including Christmas Day and New Year's Day.

## This chat

Our online assistant is available 24 hours a day. It can pass your conversation to a person during the hours above.
"""
HOURS = "Monday to Saturday, 9:00 a.m. to 6:00 p.m. Central Time"


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "contact.md").write_text(CONTACT_MD, encoding="utf-8")
    return knowledge_dir


def msg(text: str, conversation: str | None = None) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, conversation_id=conversation)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("heyy :)", Said.GREETING),
        ("helloooo", Said.GREETING),
        ("hello there", Said.GREETING),
        ("Good morning!", Said.GREETING),
        ("hiii", Said.GREETING),
        ("thanks!", Said.THANKS),
        ("thank you so much", Said.THANKS),
        ("thx for the help", Said.THANKS),
        ("bye", Said.BYE),
        ("see ya", Said.BYE),
        ("ok cool", Said.ACK),
        ("lol", Said.ACK),
        ("👍", Said.ACK),
        ("😂😂", Said.ACK),
        ("r u a real person or a bot lol", Said.IDENTITY),
        ("am I talking to a human?", Said.IDENTITY),
        ("is this AI?", Said.IDENTITY),
        ("who am I talking to", Said.IDENTITY),
        ("hi, are you a bot?", Said.IDENTITY),
    ],
)
def test_small_talk_in_several_spellings(text: str, said: Said) -> None:
    assert small_talk(text) == said


@pytest.mark.parametrize(
    "text",
    [
        "hi, how long does shipping take?",
        "thanks, and how long is shipping?",
        "is it real leather?",
        "are you open on sunday?",
        "what are you selling",
        "fine whats the number",
        "hiking boots",
        "no",
        "whats ur email",
    ],
)
def test_a_real_question_is_no_small_talk(text: str) -> None:
    assert small_talk(text) is None


def test_a_greeting_or_thanks_in_front_of_a_question_is_dropped_before_it_is_read() -> None:
    assert without_small_talk("hi, how long does shipping take?") == "How long does shipping take?"
    assert without_small_talk("thanks, and how long is shipping?") == "How long is shipping?"
    assert without_small_talk("thank you! one more thing, do you ship to canada?") == "Do you ship to canada?"
    assert without_small_talk("hey do you have any rain jackets") == "Do you have any rain jackets"
    # near misses: nothing in front, a word that only starts like a greeting, small talk whole
    for same in ("hiking boots", "cool weather jackets", "perfect fit jeans", "thanks for the help!", "hi there"):
        assert without_small_talk(same) == same


async def test_a_greeting_gets_a_greeting_and_what_the_assistant_helps_with(assistant: Assistant) -> None:
    for text in ("heyy :)", "helloooo", "good morning"):
        reply = await assistant.handle(msg(text))
        assert "not sure" not in reply.text and "order" in reply.text and "return" in reply.text, text
    for text in ("ok cool", "lol", "👍"):
        reply = await assistant.handle(msg(text))
        assert "order" in reply.text and "not sure" not in reply.text and "couldn't read" not in reply.text, text
    assert (await assistant.handle(msg("thank you so much"))).text in canned.THANKS


async def test_who_am_i_talking_to_is_answered_honestly_with_when_a_person_can_take_over(
    assistant: Assistant,
) -> None:
    for text in ("r u a real person or a bot lol", "am I talking to a human?", "is this AI?"):
        reply = await assistant.handle(msg(text))
        assert reply.text.startswith("I'm the shop's automated assistant, not a person."), text
        assert "I can pass your conversation to a person" in reply.text and HOURS in reply.text, text
        assert any(b.action == "handoff" for b in reply.buttons)


async def test_after_a_person_is_offered_whats_the_number_gets_the_number_and_hours(assistant: Assistant) -> None:
    first = await assistant.handle(msg("r u a real person or a bot lol"))
    conv = first.conversation_id
    reply = await assistant.handle(msg("fine whats the number and are they around right now", conv))
    assert "1-888-555-0199" in reply.text and HOURS in reply.text
    assert "only help with orders" not in reply.text and "open now" not in reply.text.lower()
    reached = await assistant.handle(msg("how do i reach them", conv))
    assert "1-888-555-0199" in reached.text and "help@pinecone.example" in reached.text
    email = await assistant.handle(msg("whats the email", conv))
    assert "help@pinecone.example" in email.text and "1-888-555-0199" not in email.text


async def test_whats_the_number_with_no_person_offered_is_not_read_as_the_shops_number(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("whats the number"))
    assert "1-888-555-0199" not in reply.text


@pytest.mark.parametrize("text", ["are they in stock?", "whats the tracking number", "how long does shipping take?"])
async def test_after_a_person_is_offered_another_question_is_not_read_as_reaching_them(
    assistant: Assistant, text: str
) -> None:
    first = await assistant.handle(msg("am I talking to a human?"))
    reply = await assistant.handle(msg(text, first.conversation_id))
    assert "1-888-555-0199" not in reply.text and HOURS not in reply.text, text


async def test_a_holiday_asked_with_the_phone_gets_the_pages_closing_days_and_no_store_hours(
    assistant: Assistant,
) -> None:
    reply = await assistant.handle(
        msg("What's your customer service phone number, can I call on a Saturday? also are you open on Christmas")
    )
    assert "1-888-555-0199" in reply.text and HOURS in reply.text
    assert "closed on public holidays, including Christmas Day" in reply.text
    assert "store" not in reply.text.lower()
    assert Flag.HANDOFF not in reply.flags


async def test_a_question_after_hi_or_thanks_is_answered_as_that_question(assistant: Assistant) -> None:
    for text in ("hi, how long does shipping take?", "thanks, and how long is shipping?"):
        bare = await assistant.handle(msg(text.split(", ", 1)[1].removeprefix("and ")))
        reply = await assistant.handle(msg(text))
        assert reply.text == bare.text, text
        assert "welcome" not in reply.text.lower() and not reply.text.startswith("Hi!"), text
