"""A follow-up about the item on the order the bot just talked about: "can I swap it for an L?" gets the exchange
rule, that size's stock and a person (nothing claimed done); "how do I wash it?" is asked of the item. Real SQLite
(the demo seed), the real catalog and knowledge base (hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.order_followups import exchange_reply, with_order_item
from bot.core.turn import Turn
from bot.domain import Channel, ConversationState, Flag, IncomingMessage, RequestKind
from bot.kb.knowledge_base import KnowledgeBase
from bot.store import Store

REPO = Path(__file__).parents[2]
CATALOG = [json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines()]
# the demo seed: c045's ORD-10091 (Express Men's York Wool Overcoat, M, delivered); c034's ORD-10888 (a puffer
# coat and a parka, delivered)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    s = Store(tmp_path_factory.mktemp("db") / "db.sqlite")
    s.seed(REPO / "knowledge" / "_seed")
    return s


def turn(customer: str, order_id: str, asked: str, answered: str) -> Turn:
    state = ConversationState(order_id=order_id, last_kind=RequestKind.POLICY.value, topic=asked)
    history: list[dict[str, Any]] = [{"direction": "in", "text": asked}, {"direction": "out", "text": answered}]
    msg = IncomingMessage("x", channel=Channel.API, customer_id=customer)
    return Turn(msg, {"id": customer}, {"id": "conv"}, 1, history, True, state=state)


def test_swap_for_another_size_gives_the_rule_the_stock_and_a_person(kb: KnowledgeBase, store: Store) -> None:
    t = turn("c045", "ORD-10091", "can i still return the wool overcoat i bought in april", "Your order ORD-10091 ...")
    found = exchange_reply(t, "could i exchange it for an L instead?", CATALOG, kb.search, store.get_order)
    assert found is not None
    reply, req = found
    assert reply.text.startswith("Yes. You can exchange an item for the same product in another size")
    assert (
        "Exchanges are free" in reply.text
        and "Size L of the Express Men's York Wool Overcoat is in stock" in reply.text
    )
    assert "ORD-10091" in reply.text and reply.buttons and Flag.ORDER in reply.flags
    assert "done" not in reply.text and "exchanged it" not in reply.text  # offered, never claimed done
    assert req.kind == RequestKind.OWN_ORDER and req.order_ids == ["ORD-10091"]
    small = exchange_reply(t, "can i swap it for a medium", CATALOG, kb.search, store.get_order)
    assert small is not None and "Size M of the" in small[0].text


def test_the_item_is_the_one_the_shopper_named_and_another_customer_gets_nothing(
    kb: KnowledgeBase, store: Store
) -> None:
    t = turn("c034", "ORD-10888", "can i still return the puffer coat i got in july", "Your order ORD-10888 ...")
    found = exchange_reply(t, "actually can i swap it for an L instead", CATALOG, kb.search, store.get_order)
    assert found is not None and "Vail Long Puffer Coat" in found[0].text and "Parka" not in found[0].text
    other = turn("c045", "ORD-10888", "can i still return the puffer coat", "Your order ORD-10888 ...")
    assert exchange_reply(other, "can i swap it for an L", CATALOG, kb.search, store.get_order) is None
    # an order the bot did not just talk about is not bent towards
    stale = turn("c034", "ORD-10888", "can i still return the puffer coat", "Here are our puffer coats.")
    assert exchange_reply(stale, "can i swap it for an L", CATALOG, kb.search, store.get_order) is None


def test_how_do_i_wash_it_is_asked_of_the_item(store: Store) -> None:
    t = turn("c045", "ORD-10091", "can i still return the wool overcoat i bought in april", "Your order ORD-10091 ...")
    assert with_order_item("ok and how do i wash it", t, CATALOG, store.get_order) == (
        "ok and how do i wash the Express Men's York Wool Overcoat"
    )
    assert with_order_item("when will it arrive", t, CATALOG, store.get_order) is None  # an order question


def test_a_sold_out_size_asked_in_the_swap_gets_the_back_order_or_refund_sentence(
    kb: KnowledgeBase, store: Store
) -> None:
    # c020's ORD-13687: 2 Guess Women's Vail Shirt Dress (M, ivory), delivered; size L has 0 in stock
    t = turn("c020", "ORD-13687", "how do I send the shirt dresses back", "Your order ORD-13687 ...")
    found = exchange_reply(t, "actually, could I swap them for a large instead?", CATALOG, kb.search, store.get_order)
    assert found is not None
    assert "Size L of the Guess Women's Vail Shirt Dress is sold out right now" in found[0].text
    assert "back-order" in found[0].text and "refund the item instead" in found[0].text
