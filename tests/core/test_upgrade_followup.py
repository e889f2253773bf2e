"""A shipping upgrade asked of the order just discussed (#9): after an answer about changing the address on the
sweater order, "while ur at it can i bump it to overnight? how much is that" was called out of scope (the message
names no order and is too long for a short follow-up). It is that order's upgrade now: the rule for its status and
the price for the account's level, from the shipping page. A real Assistant on the demo store (hashing embedder)."""

from __future__ import annotations

from pathlib import Path

from bot.core.parts import split_request
from bot.core.request import understand
from bot.domain import ConversationState, Intent, IntentPrediction, OrderAspect, Request, RequestKind
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago

SWEATER = {"sku": "BR-SW-1168", "name": "Banana Republic Men's Grove Crewneck Sweater", "qty": 1,
           "price": 152.99, "size": "L", "color": "charcoal"}  # fmt: skip
AFTER_ORDER = ConversationState(order_id="ORD-71001", last_kind=RequestKind.OWN_ORDER.value)
UNSURE = IntentPrediction(intent=Intent.OUT_OF_SCOPE, confidence=0.8, label="out_of_scope")


def _kind(text: str) -> tuple[RequestKind, list[OrderAspect], list[str]]:
    req = understand(text, UNSURE, AFTER_ORDER, [], known_customer=True)
    return req.kind, req.aspects, req.order_ids


def test_an_upgrade_of_it_after_an_order_answer_is_that_orders_upgrade() -> None:
    asked = "oh and while you're at it could u rush that one to overnight delivery? what's the extra cost"
    assert _kind(asked) == (RequestKind.OWN_ORDER, [OrderAspect.SPEED], ["ORD-71001"])
    assert _kind("can i upgrade it to overnight shipping, how much") == (
        RequestKind.OWN_ORDER,
        [OrderAspect.SPEED],
        ["ORD-71001"],
    )
    # near misses: the option's price for anyone, and another order
    assert _kind("how much is overnight shipping?")[0] == RequestKind.POLICY
    assert _kind("can i upgrade my other order to overnight as well?")[2] == []


async def test_the_address_then_the_upgrade_gets_the_rule_and_the_price_for_the_level(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    orders = [order_row("ORD-71001", "b1", "placed", [SWEATER], days_ago(3).isoformat())]
    shop = demo_assistant(tmp_path, intents, [{"id": "b1", "name": "Rafa", "membership": "bronze"}], orders)
    first = await ask(shop, "need to change the delivery address on my sweater order", "b1")
    assert "ORD-71001" in first.text
    again = "while ur at it can u rush it to overnight? what would that cost me"
    reply = await ask(shop, again, "b1", conversation=first.conversation_id)
    assert "ORD-71001 is placed" in reply.text, reply.text
    assert "$20.00 (free for Gold members)" in reply.text
    assert "Bronze level, so it costs $20.00 for you" in reply.text
    assert "only help with orders" not in reply.text


async def test_a_gold_member_hears_it_is_free_and_a_shipped_order_hears_it_has_shipped(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    orders = [
        order_row("ORD-71002", "g1", "placed", [SWEATER], days_ago(2).isoformat()),
        order_row("ORD-71003", "s1", "shipped", [SWEATER], days_ago(4).isoformat()),
    ]
    customers = [{"id": "g1", "name": "Gia", "membership": "gold"}, {"id": "s1", "name": "Sol", "membership": "silver"}]
    shop = demo_assistant(tmp_path, intents, customers, orders)
    first = await ask(shop, "where is my sweater order?", "g1")
    reply = await ask(shop, "can you bump it up to overnight while you're at it?", "g1", first.conversation_id)
    assert "Gold level, so it is free for you" in reply.text, reply.text
    first = await ask(shop, "where is my sweater order?", "s1")
    reply = await ask(shop, "could i still upgrade it to overnight? how much would it be", "s1", first.conversation_id)
    assert "ORD-71003 is shipped" in reply.text and "Once the order has shipped" in reply.text, reply.text


def test_the_price_asked_with_the_upgrade_is_not_a_part_apart() -> None:
    """ "can i still bump it to overnight? what would it cost" is one question about the order's upgrade: split, the
    price part was routed alone and named unsure, then filled from the shipping table."""
    asked = "can i still bump it to overnight? what would it cost"
    assert split_request(Request(RequestKind.OWN_ORDER, asked, aspects=[OrderAspect.SPEED]), asked, []) == []
    where = "can i bump it to overnight? and where is it now"  # another order aspect: the desk answers both, as before
    assert split_request(Request(RequestKind.OWN_ORDER, where, aspects=[OrderAspect.SPEED]), where, []) == []
    size = "can i bump it to overnight? what sizes does the sweater come in"
    assert len(split_request(Request(RequestKind.OWN_ORDER, size, aspects=[OrderAspect.SPEED]), size, [])) == 2
