"""A product question its listing is silent on gets the shop's page rule for the product's kind: the care FAQ's
section for its kind (never another kind's section) and the size guide's shop-wide fit rule. Without a section for
the kind the reply stays "the listing doesn't mention" with a person. A real Assistant on a small shop whose pages
are worded unlike the demo store's."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.listing_gaps import asked_aspect
from bot.core.questions import SIZE_GUIDE
from bot.domain import Channel, IncomingMessage

CARE_MD = """---
title: FAQ - Looking after your clothes
category: faq
---
# FAQ - Looking after your clothes

## Jackets: can I machine wash my jacket?

Check the label first. Cotton jackets can go in the machine on a cold cycle. Wool and leather jackets must never go in the washer: take them to a dry cleaner.

## Shirts: how should I wash my shirt?

Machine wash shirts warm and iron them while damp.
"""

SIZE_MD = """---
title: Size Guide
category: products
---
# Size Guide

Everything we sell is cut true to size. Between two sizes? Pick the bigger one for room and the smaller one for a snug fit.
"""


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "care.md").write_text(CARE_MD, encoding="utf-8")
    (knowledge_dir / "policies" / "size-guide.md").write_text(SIZE_MD, encoding="utf-8")
    return knowledge_dir


def msg(text: str) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API)


async def test_a_jacket_without_a_care_line_gets_the_jackets_section_naming_its_fabric(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("Can I put the Wool Winter Jacket in the washing machine?"))
    assert "doesn't mention machine washing" in reply.text  # the listing's silence is still said
    assert 'For jackets, our FAQ says: "Wool and leather jackets must never go in the washer' in reply.text
    assert "Cotton jackets" not in reply.text  # the sentence for its own fabric, not every fabric's
    assert "iron them" not in reply.text
    assert "A person from our team can check" not in reply.text
    assert any(s["doc_id"] == "policies/care" for s in reply.sources)


async def test_a_kind_with_no_section_is_not_given_another_kinds_rule(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("Can the Leather Ankle Boots go in the washing machine?"))
    assert "doesn't mention machine washing" in reply.text
    assert "never go in the washer" not in reply.text and "Machine wash shirts" not in reply.text
    assert "A person from our team can check" in reply.text


async def test_fit_the_listing_does_not_give_gets_the_size_guides_rule(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("Do the Slim Blue Jeans run small? I'm between two sizes"))
    assert "Our Size Guide says" in reply.text
    assert "cut true to size" in reply.text and "Pick the bigger one" in reply.text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("does it run small?", "fit"),
        ("will it shrink in the dryer?", "shrink"),
        ("can it go in the machine?", "wash"),
        ("what colours does it come in?", None),
    ],
)
def test_the_aspect_asked(text: str, key: str | None) -> None:
    found = asked_aspect(text)
    assert (found.key if found else None) == key


async def test_a_fit_question_about_a_kind_gets_the_size_guides_rule_not_a_search(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("Do your jeans run small? I'm usually between an M and an L"))
    assert reply.text.startswith('Our Size Guide says: "Everything we sell is cut true to size.')
    assert "Pick the bigger one" in reply.text
    assert not reply.cards  # not a list of jeans in M or L


async def test_a_search_by_size_is_still_a_search(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("any jeans in size M?"))
    assert "Size Guide" not in reply.text
    assert "Relaxed Black Jeans" in reply.text or "Slim Blue Jeans" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "What belt size should I order if I wear 34 waist jeans?",
        "What's a US men's size 10 boot in EU sizes?",
        "Is there a size chart for dresses?",
        "which size fits a 40 inch chest?",
    ],
)
def test_size_guide_questions_are_policy_questions(text: str) -> None:
    assert SIZE_GUIDE.search(text)
