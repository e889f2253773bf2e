"""Slot tables read from policy pages at build time (issue 9, retrieval): the value and its kind, the condition and
the exception of each row, tables read row by row, saved with the version and rebuilt by a reload. A small shop
whose pages are worded and priced unlike the demo store's, so every value here can only come from reading them."""

from __future__ import annotations

from pathlib import Path

from bot.core.slot_table import page_rows, yes_no
from bot.domain.slots import SlotRow
from bot.kb.knowledge_base import KnowledgeBase
from bot.kb.slot_index import SlotIndex

PAGE = """---
title: Delivery and Returns
category: shipping
---
# Delivery and Returns

## How long do I have to send something back?

| Level | Return window |
| --- | --- |
| Guest | 21 days |
| Gold | 120 days |

## Shipping costs

Courier shipping costs $6.40 and takes 2–4 business days. It is free for Gold members.

## Returns from abroad

A return fee of $11.00 is taken from the refund, except for Gold members and for items that arrived damaged.

## Changing the address

Yes, as long as the parcel has not shipped. Once the order has shipped, the address can no longer be changed.

## Items we cannot take back

Ties and engraved items cannot be returned unless they arrived defective.

## Opening hours

- **Monday–Friday:** 9:00 a.m. – 6:00 p.m.
- **Saturday:** 10:00 a.m. – 2:00 p.m.

## Write to us

**help@shop.example**
"""


def _rows() -> list[SlotRow]:
    return page_rows("policies/delivery", "policies/delivery.md", "Delivery and Returns", PAGE)


def _find(rows: list[SlotRow], kind: str, words: str) -> SlotRow:
    return next(r for r in rows if r.kind == kind and words in r.sentence)


def test_a_table_gives_one_row_per_line_with_its_level_as_condition() -> None:
    rows = [r for r in _rows() if r.kind == "duration" and r.table]
    assert [(r.value, r.case) for r in rows] == [
        ("21 days", {"membership": ("guest",)}),
        ("120 days", {"membership": ("gold",)}),
    ]
    assert all(r.question == "How long do I have to send something back?" for r in rows)
    assert rows[0].sentence == "Guest: return window 21 days." and rows[0].section == rows[1].section


def test_prose_values_carry_their_clause_condition() -> None:
    rows = _rows()
    cost = _find(rows, "price", "Courier shipping costs")
    assert cost.value == "$6.40" and cost.case == {}
    free = _find(rows, "price", "It is free for Gold members")
    assert free.value == "free" and free.case == {"membership": ("gold",)}
    assert _find(rows, "duration", "Courier shipping").value == "2–4 business days"


def test_an_exception_is_read_apart_from_the_rule() -> None:
    fee = _find(_rows(), "price", "return fee")
    assert fee.value == "$11.00"
    assert fee.case == {"destination": ("abroad",)}  # from the section heading
    assert fee.unless == {"membership": ("gold",), "item": ("defective",)}
    assert fee.exception == "Gold members and for items that arrived damaged"


def test_yes_no_rules_and_their_order_state() -> None:
    rows = _rows()
    before = _find(rows, "yes_no", "as long as the parcel")
    after = _find(rows, "yes_no", "Once the order has shipped")
    assert (before.value, after.value) == ("yes", "no")
    assert after.case == {"order_state": ("shipped",)}
    ties = _find(rows, "yes_no", "Ties and engraved")
    assert ties.value == "no" and ties.unless == {"item": ("defective",)}
    assert ties.case == {"item": ("tie", "engrav")}  # the kinds of item the rule's subject lists, as stems
    listed = page_rows("p", "p.md", "P", "# P\n\n## Cancel\n\n- **Not yet shipped:** we cancel the order.\n")
    cancel = _find(listed, "yes_no", "we cancel")  # the label is the condition, not a "no"
    assert (cancel.value, cancel.case, cancel.listed) == ("yes", {"order_state": ("not_shipped",)}, True)
    assert yes_no("We do not match competitors' prices.") == "no"


def test_list_items_and_bare_values_are_rows() -> None:
    rows = _rows()
    hours = [r for r in rows if r.kind == "time" and r.listed]
    assert [r.sentence for r in hours] == ["Monday–Friday: 9:00 a.m. – 6:00 p.m.", "Saturday: 10:00 a.m. – 2:00 p.m."]
    assert _find(rows, "email", "help@").value == "help@shop.example"


def test_thresholds_are_not_prices() -> None:
    rows = page_rows("p", "p.md", "P", "# P\n\n## Costs\n\nStandard shipping is free on orders of $90 or more.\n")
    assert [r.value for r in rows if r.kind == "price"] == ["free"]


def test_the_table_is_saved_with_the_version_and_rebuilt_on_reload(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    (knowledge / "policies").mkdir(parents=True)
    page = knowledge / "policies" / "delivery.md"
    page.write_text(PAGE, encoding="utf-8")
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing")
    kb.open()
    first = kb.index.version
    assert _find(kb.index.slots.rows, "price", "Courier").value == "$6.40"
    reopened = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing")
    reopened.open()  # read back from disk: the same rows
    assert reopened.index.slots.rows == kb.index.slots.rows
    assert reopened.slot_rows("what does courier shipping cost?", kinds=["price"], k=3)
    page.write_text(PAGE.replace("$6.40", "$7.25"), encoding="utf-8")
    kb.reload()
    assert kb.index.version != first
    assert _find(kb.index.slots.rows, "price", "Courier").value == "$7.25"
    assert kb.index.manifest["slot_rows"] == len(kb.index.slots.rows)


def test_a_version_without_a_table_loads_empty(tmp_path: Path) -> None:
    assert SlotIndex.load(tmp_path).rows == []
