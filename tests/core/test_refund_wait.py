"""How long until the money is back, asked of the order under discussion (#9): after a return of c048's ORD-13215,
"how long till the money is back on my card" got the order's delivery date and a line on cards, not the time a
refund takes. A real Assistant (hashing KB, real SQLite) with orders dated relative to today."""

from __future__ import annotations

from pathlib import Path

from bot.core.refund_wait import asks_wait
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import ago

JEANS = {"sku": "MK-JN-1020", "name": "Michael Kors Men's Vail Slim Jeans", "qty": 1, "price": 88.0, "size": "32",
         "color": "grey"}  # fmt: skip
CARDIGAN = {"sku": "CK-SW-1030", "name": "Calvin Klein Men's Kingsley Cardigan Sweater", "qty": 1, "price": 70.0,
            "size": "M", "color": "charcoal"}  # fmt: skip


def test_the_wait_for_the_money_is_asked_in_many_words() -> None:
    for text in (
        "how long till the money is back on my card",
        "when will i see the refund for it?",
        "how soon do i get my money back",
    ):
        assert asks_wait(text), text
    for text in ("how long till it arrives?", "how much will i get back?", "when can i cancel it and get a refund"):
        assert not asks_wait(text), text  # near misses: a delivery, an amount, a cancellation


async def test_the_order_under_discussion_gets_the_refund_timing(tmp_path: Path, intents: IntentClassifier) -> None:
    came = order_row("ORD-72001", "b2", "delivered", [JEANS], ago(15))
    came["delivered_date"], came["payment_method"] = ago(5), "debit card"
    back = order_row("ORD-72002", "b2", "returned", [CARDIGAN], ago(20))
    shop = demo_assistant(tmp_path, intents, [{"id": "b2", "name": "Jonas", "membership": "bronze"}], [came, back])
    first = await ask(shop, "where is order ORD-72001?", "b2")
    reply = await ask(shop, "how long till the money is back on my card", "b2", first.conversation_id)
    assert "ORD-72001" in reply.text and "has not come back to us yet" in reply.text
    assert "within 3 business days" in reply.text and "within 7 days" in reply.text
    assert "It was paid by debit card. Where it goes: back to the credit or debit card" in reply.text
    # a returned order: its refund's status, with the same timing
    first = await ask(shop, "where is order ORD-72002?", "b2")
    reply = await ask(shop, "how long till the money is back on my card", "b2", first.conversation_id)
    assert "ORD-72002" in reply.text and "returned" in reply.text and "within 7 days" in reply.text
    # near miss: when the delivered order came is still its delivery date
    reply = await ask(shop, "when did order ORD-72001 arrive?", "b2")
    assert "delivered on" in reply.text and "refund" not in reply.text


async def test_after_a_return_answer_the_refund_on_my_card_is_that_orders(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    came = order_row("ORD-72101", "b5", "delivered", [JEANS], ago(12))
    came["delivered_date"], came["payment_method"] = ago(4), "credit card"
    shop = demo_assistant(tmp_path, intents, [{"id": "b5", "name": "Noor", "membership": "bronze"}], [came])
    first = await ask(shop, "can i still return the jeans i bought?", "b5")
    assert "ORD-72101" in first.text
    # near miss: refunds in general stay the refunds page's answer, with no order
    general = await ask(shop, "how long do refunds usually take?", "b5", first.conversation_id)
    assert "ORD-72101" not in general.text and "within 7 days" in general.text
    reply = await ask(shop, "ok and when would i see the money on my card?", "b5", first.conversation_id)
    assert "ORD-72101" in reply.text and "has not come back to us yet" in reply.text and "credit card" in reply.text
