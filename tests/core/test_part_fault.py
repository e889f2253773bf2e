"""A part of an item that failed (#9): "zip's busted", "zipper broke" and "zip on my parka is busted" got the
out-of-scope reply ("I'm the shop's assistant, so I can only help with ..."), read as no question the shop answers,
because the damage words knew "broken" and "ripped" but not a zip that broke or busted, and wanted "my" or "came"
beside them. A failed part (zip, button, strap, heel, sole ...) with what happened to it is a faulty item the
shopper has: the apology, what the returns and refunds pages say for a defect, a request and a person. With no item
named and several orders it could be, no order is pinned on it. A real Assistant on the demo store (hashing
embedder), real SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.complaint_words import PART_FAULT, complaint_kind
from bot.domain import Flag
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago

PARKA = {"sku": "BR-CT-1038", "name": "Banana Republic Women's Sutton Parka", "qty": 1, "price": 260.0,
         "size": "S", "color": "charcoal"}  # fmt: skip
SHIRT = {"sku": "TH-SH-1143", "name": "Tommy Hilfiger Women's Union Dress Button-Down Shirt", "qty": 1,
         "price": 67.0, "size": "XL", "color": "lavender"}  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["zip's busted", "zipper broke", "the zip on my coat is broken", "a button came off", "the strap snapped",
     "my boot heel came off", "the zip keeps getting stuck", "zipper wont close anymore", "busted zip on the parka",
     "zipper on the puffer coat is stuck and won't budge"],
)  # fmt: skip
def test_a_failed_part_is_a_damaged_item(text: str) -> None:
    assert PART_FAULT.search(text) and complaint_kind(text) == "damaged"


@pytest.mark.parametrize(
    "text",
    ["does the parka have a zip?", "is the zipper ykk", "what if the zipper breaks?", "do you sell quarter-zip sweaters",
     "button-down shirts in a medium?", "is the sole rubber", "my order is stuck", "the zip and buttons are nice"],
)  # fmt: skip
def test_a_part_asked_about_is_no_complaint(text: str) -> None:
    assert not PART_FAULT.search(text) and complaint_kind(text) is None


async def test_zips_busted_is_a_faulty_item_complaint(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [
        order_row("ORD-71001", "k1", "delivered", [PARKA], days_ago(40).isoformat()),
        order_row("ORD-71002", "k1", "delivered", [SHIRT], days_ago(12).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "k1", "name": "Marco", "membership": "bronze"}], orders)
    reply = await ask(shop, "zip's busted", "k1")
    assert reply.text.startswith("I'm sorry about that.")
    assert "you can return it" in reply.text and "Original shipping fees are refunded" in reply.text
    assert {Flag.COMPLAINT, Flag.HANDOFF} <= reply.flags
    assert "ORD-71001" not in reply.text and "ORD-71002" not in reply.text  # no item said: no order guessed
    named = await ask(shop, "the zip on my parka is busted", "k1")
    assert "ORD-71001" in named.text and "ORD-71002" not in named.text
    anon = await ask(shop, "zipper broke")
    assert anon.text.startswith("I'm sorry about that.") and Flag.HANDOFF in anon.flags


async def test_a_zip_asked_about_stays_a_catalog_question(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, [], [])
    reply = await ask(shop, "does the calvin klein womens thornton trucker jacket have a zip")
    assert Flag.COMPLAINT not in reply.flags and "sorry" not in reply.text.lower()
