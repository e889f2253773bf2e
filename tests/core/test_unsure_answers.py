"""A part the reply names as unsure is tried once more against the shop's data (issue 9, answers): with the real
MiniLM, FAISS and slot table, a "not sure" part that a page answers is said from that page, a part no page answers
stays "not sure" with the person, and a whole canned "not sure" is answered part by part. A small shop whose pages
are worded and priced unlike the demo store's, so every sentence asserted here can only come from these pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answer_check import unsure_line
from bot.core.canned import NOT_SURE
from bot.core.turn import HANDOFF_BUTTON, Turn
from bot.core.unsure_answers import answer_unsure, rule_part
from bot.domain import Author, Channel, Flag, IncomingMessage, Reply
from bot.kb.knowledge_base import KnowledgeBase

pytestmark = pytest.mark.slow  # loads MiniLM

SERVICES = """---
title: Alterations and Prices
category: pricing
---
# Alterations and Prices

## Trouser shortening

Shortening trousers costs $9.50 per pair and adds 4 business days. Shortened trousers can be returned only if faulty.

## Price drops after you ordered

We never change the price of an order once it is placed. Unhappy about a price drop? Our care team can send a one-time code for 15% off your next order.
"""

RETURNS = """---
title: Sending things back
category: returns
---
# Sending things back

## Is postage refunded?

Postage is refunded when the parcel arrived broken or held the wrong item. For any other return, the postage you paid is not refunded.

## Refund timing

Once your parcel reaches us we refund you within 6 working days.
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("unsure")
    (root / "knowledge" / "policies").mkdir(parents=True)
    (root / "knowledge" / "policies" / "services.md").write_text(SERVICES, encoding="utf-8")
    (root / "knowledge" / "policies" / "returns.md").write_text(RETURNS, encoding="utf-8")
    kb = KnowledgeBase(root / "knowledge", root / "kb", embedder="minilm")
    kb.open()
    return kb


def turn(text: str) -> Turn:
    return Turn(IncomingMessage(text, channel=Channel.API), {"id": "x"}, {"id": "c"}, None, known_customer=False)


def test_a_not_sure_part_a_page_answers_is_said_from_the_page(kb: KnowledgeBase) -> None:
    text = "how much to shorten trousers, and can i still send them back after"
    head = "Shortening trousers costs $9.50 per pair and adds 4 business days."
    reply = Reply(f"{head} {unsure_line(['can i still send them back after (to shorten trousers)'])}")
    out = answer_unsure(reply, text, turn(text), kb)
    assert out.text == f"{head} Shortened trousers can be returned only if faulty."
    assert "not sure" not in out.text


def test_a_part_no_page_answers_stays_not_sure_with_the_person(kb: KnowledgeBase) -> None:
    text = "how much to shorten trousers, and can i bring my dog to the shop"
    line = unsure_line(["can i bring my dog to the shop"])
    out = answer_unsure(Reply(f"Shortening trousers costs $9.50 per pair. {line}"), text, turn(text), kb)
    assert out.text.endswith(line)


def test_a_rule_that_leans_on_the_sentence_before_it_is_said_with_it(kb: KnowledgeBase) -> None:
    text = "when will i get my money, and is the postage refunded too?"
    out = answer_unsure(Reply(unsure_line(["is the postage refunded too"])), text, turn(text), kb)
    assert "Postage is refunded when the parcel arrived broken or held the wrong item." in out.text
    assert "not sure" not in out.text


def test_a_whole_not_sure_is_answered_part_by_part(kb: KnowledgeBase) -> None:
    text = "how long until my money comes back once you have the parcel, and is the postage refunded too?"
    reply = Reply(NOT_SURE, flags={Flag.LOW_CONFIDENCE, Flag.HANDOFF}, buttons=[HANDOFF_BUTTON], author=Author.CANNED)
    out = answer_unsure(reply, text, turn(text), kb)
    assert "we refund you within 6 working days" in out.text
    assert "Postage is refunded when the parcel arrived broken or held the wrong item." in out.text
    assert "not sure" not in out.text
    assert out.author == Author.EXTRACTIVE and Flag.FROM_DATA in out.flags
    assert Flag.LOW_CONFIDENCE not in out.flags and HANDOFF_BUTTON not in out.buttons
    assert out.sources and out.sources[0]["doc_id"] == "policies/returns"


def test_a_whole_not_sure_the_data_does_not_answer_stays_as_it_is(kb: KnowledgeBase) -> None:
    text = "do you have a loyalty app?"
    reply = Reply(NOT_SURE, flags={Flag.LOW_CONFIDENCE, Flag.HANDOFF}, buttons=[HANDOFF_BUTTON], author=Author.CANNED)
    out = answer_unsure(reply, text, turn(text), kb)
    assert out.text == NOT_SURE and Flag.LOW_CONFIDENCE in out.flags


def test_an_out_of_scope_reply_is_never_reopened(kb: KnowledgeBase) -> None:
    text = "the trousers are cheaper now, can i get the difference back?"
    reply = Reply(NOT_SURE, flags={Flag.OUT_OF_SCOPE, Flag.HANDOFF}, author=Author.CANNED)
    assert answer_unsure(reply, text, turn(text), kb).text == NOT_SURE


def test_whether_a_fee_comes_back_asks_a_rule_not_an_amount() -> None:
    from bot.core.slot_answers import asked_kinds

    assert asked_kinds("do i get my shipping fee back") == ["yes_no"]
    assert asked_kinds("is the delivery charge refunded too?") == ["yes_no"]
    assert "price" in asked_kinds("how much of the shipping fee do i get back?")
    assert "price" in asked_kinds("is standard shipping free?")


def test_a_yes_no_part_of_several_gets_the_rule_that_restricts(kb: KnowledgeBase) -> None:
    lines, sources = rule_part("do i get the postage back?", turn("do i get the postage back?"), kb)
    assert lines == [
        "Postage is refunded when the parcel arrived broken or held the wrong item.",
        "For any other return, the postage you paid is not refunded.",
    ]
    assert sources[0]["doc_id"] == "policies/returns"
    assert rule_part("how much is trouser shortening?", turn("how much is trouser shortening?"), kb) == ([], [])
