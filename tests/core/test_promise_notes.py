"""A promise asked for beside a product question: the facts stay, nothing beyond them is promised (real knowledge base)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.promise_notes import NO_PROMISE, promise_note
from bot.domain import Reply, Request, RequestKind

RETURNS_MD = """---
title: Returns Policy
category: returns
---
# Returns Policy

## Condition of returned items
Please return items unworn and unwashed, with the tags attached, unless you are returning them because of a stain or a defect.
"""
STOCK_MD = """---
title: FAQ - Sizes and stock
category: faq
---
# FAQ - Sizes and stock

## My size is sold out. What can I do?
We can back-order it: it ships as soon as it is back in stock, usually within 2-3 weeks, and you are charged when it ships.
"""


@pytest.fixture
def knowledge_dir(knowledge_dir: Path) -> Path:
    (knowledge_dir / "policies" / "returns-condition.md").write_text(RETURNS_MD, encoding="utf-8")
    (knowledge_dir / "policies" / "stock.md").write_text(STOCK_MD, encoding="utf-8")
    return knowledge_dir


def test_a_sold_out_size_wanted_by_a_date_gets_the_back_order_rule_and_no_promise(kb) -> None:
    text = "need the parka in small before my trip on the 10th. can u promise?"
    reply = Reply(text="Sorry, the Northwind Parka is out of stock in size S. It is in stock in sizes M and L.")
    promise_note(reply, text, Request(RequestKind.PRODUCT_FACT, text, skus=["X"]), kb)
    assert reply.text.startswith(NO_PROMISE)
    assert "out of stock in size S" in reply.text and "back-order" in reply.text
    assert reply.text.endswith("So I can't promise it will reach you by the date you need.")


def test_wear_it_then_return_it_is_a_no_with_the_unworn_condition(kb) -> None:
    text = "if i wear the jacket for a week and its not warm enough, you'll take it back for a full refund right?"
    reply = Reply(text="Return labels within the United States are free.")
    promise_note(reply, text, Request(RequestKind.POLICY, text), kb)
    assert reply.text.startswith("No, I can't promise that.")
    assert "unworn" in reply.text and "Return labels" not in reply.text


def test_no_promise_asked_leaves_the_reply_alone(kb) -> None:
    text = "is the parka warm?"
    reply = Reply(text="The parka is insulated.")
    promise_note(reply, text, Request(RequestKind.PRODUCT_FACT, text, skus=["X"]), kb)
    assert reply.text == "The parka is insulated."
