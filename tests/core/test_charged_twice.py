"""A double charge said with "charge me twice" (#9): "why did you charge me twice for the brown dover gloves??"
(c048) got "Yes, it does: the Calvin Klein Dover Leather Gloves comes in brown.", because "charge" (not "charged")
made no complaint, and the item's colour was read as a product question. Now the orders holding the item are listed
with their numbers and dates, the earlier ones too when only one this month holds it once, and a person checks the
payment. A real Assistant (hashing KB, real SQLite) with orders dated relative to today."""

from __future__ import annotations

from pathlib import Path

from bot.core.request import BILLING
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago


def gloves(colour: str) -> dict:
    return {"sku": "CK-AC-1041", "name": "Calvin Klein Dover Leather Gloves", "qty": 1, "price": 62.99, "size": "L",
            "color": colour}  # fmt: skip


def test_charge_me_twice_is_a_disputed_charge() -> None:
    for text in (
        "why did you charge me twice for the brown dover gloves??",
        "u guys are billing me double for my belt",
        "you charged my card twice",
    ):
        assert BILLING.search(text), text
    for text in ("can you charge it to my other card again?", "will you charge shipping again on an exchange?"):
        assert not BILLING.search(text), text  # near misses: no charge disputed


async def test_the_orders_holding_the_item_are_listed_for_a_person_to_check(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    orders = [
        order_row("ORD-76001", "b3", "delivered", [gloves("brown")], ago(18)),
        order_row("ORD-76002", "b3", "delivered", [gloves("brown")], ago(56)),
        order_row("ORD-76003", "b3", "shipped", [gloves("black")], ago(8)),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "b3", "name": "Jonas", "membership": "bronze"}], orders)
    reply = await ask(shop, "why did you charge me twice for the brown dover gloves??", "b3")
    assert reply.text.startswith("I'm sorry") and "2 separate orders" in reply.text
    assert f"ORD-76001, placed {ago(18)}" in reply.text and f"ORD-76002, placed {ago(56)}" in reply.text
    assert "ORD-76003" not in reply.text and "comes in brown" not in reply.text
    assert "check the payment" in reply.text and reply.buttons
