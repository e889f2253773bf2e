"""Did you get what I sent back? No money yet (#9): "did you guys get the cardigan and western boots i sent back?
havent seen any money" (c010) got a catalog search ("We have no men's western cardigans ..."): no refund was read in
it, so the items were searched. Now the order holding both, sent back, gets its status (returned), what that means
and how long a refund takes. A real Assistant (hashing KB, real SQLite) with orders dated relative to today."""

from __future__ import annotations

from pathlib import Path

from bot.core.order_words import REFUND_STATUS
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago

CARDIGAN = {"sku": "CK-SW-1030", "name": "Calvin Klein Men's Kingsley Cardigan Sweater", "qty": 1, "price": 70.0,
            "size": "M", "color": "charcoal"}  # fmt: skip
BOOTS = {"sku": "CK-BT-1175", "name": "Calvin Klein Women's Orchard Western Boots", "qty": 1, "price": 220.98,
         "size": "8", "color": "black"}  # fmt: skip
SHIRT = {"sku": "MK-SH-1319", "name": "Michael Kors Women's Larkin Linen Button-Up Shirt", "qty": 1, "price": 60.0,
         "size": "M", "color": "red plaid"}  # fmt: skip


def test_no_money_seen_for_what_was_sent_back_asks_the_refund() -> None:
    for text in (
        "did you guys get the cardigan and western boots i sent back? havent seen any money",
        "i haven't received my refund for the boots",
        "did u get the jeans we mailed back",
    ):
        assert REFUND_STATUS.search(text), text
    for text in ("did you get my email?", "i haven't seen any red cardigans on the site", "did you get new boots in?"):
        assert not REFUND_STATUS.search(text), text  # near misses


async def test_the_order_sent_back_gets_its_status_and_the_refund_time(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    orders = [
        order_row("ORD-77001", "g7", "returned", [CARDIGAN, BOOTS], ago(14)),
        order_row("ORD-77002", "g7", "delivered", [BOOTS, SHIRT], ago(13)),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "g7", "name": "Elena", "membership": "guest"}], orders)
    text = "did you guys get the cardigan and western boots i sent back? havent seen any money"
    reply = await ask(shop, text, "g7")
    assert "ORD-77001" in reply.text and "ORD-77002" not in reply.text and "is marked returned" in reply.text
    assert "within 7 days" in reply.text and "We have" not in reply.text
