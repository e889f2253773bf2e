"""A known customer's own-order questions answer what was asked, with the customer's own level applied: what they paid
for an order's shipping (free for a Gold member where the page says so), a cancelled order's refund asked in the
shopper's words, "do I lose my points if I cancel?" (the level and how long it lasts, no cancel request opened), the
next order's shipping as the policy's (not the last order's status), no sentence said twice, and a size sold out
with the shop's back-order and restock e-mail offer. A real Assistant on the demo store's knowledge (hashing
embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.core import order_words as ow
from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.order_desk import _unsaid
from bot.core.request import OWN_ORDER
from bot.domain import Channel, Flag, IncomingMessage, Reply
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]
TEE = {"sku": "BR-TS-1083", "name": "Banana Republic Women's Weston V-Neck T-Shirt", "qty": 1, "price": 30.0}


def _order(oid: str, customer: str, status: str, method: str, cost: float, **more: object) -> dict[str, object]:
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": "2026-11-20T09:00:00Z",
        "status": status,
        "items": json.dumps([TEE]),
        "total": 30.0,
        "currency": "USD",
        "shipping_method": method,
        "shipping_cost": cost,
        **more,
    }


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    store.ensure_customer("gold1", name="Gia", email="gia@example.com", membership="gold")
    store.ensure_customer("bronze1", name="Bo", email="bo@example.com", membership="bronze")
    store.ensure_customer("silver1", name="Sal", email="sal@example.com", membership="silver")
    store.db["orders"].insert_all(
        [
            _order("ORD-71001", "gold1", "delivered", "overnight", 0.0, delivered_date="2026-11-21"),
            _order("ORD-71002", "bronze1", "processing", "standard", 8.0),
            _order("ORD-71003", "silver1", "cancelled", "standard", 8.0),
            _order("ORD-71004", "silver1", "delivered", "overnight", 20.0, delivered_date="2026-11-21"),
        ],
        alter=True,
    )
    return Assistant(
        store=store,
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def ask(assistant: Assistant, text: str, customer: str | None = None) -> Reply:
    return await assistant.handle(IncomingMessage(text, channel=Channel.API, customer_id=customer))


def test_what_was_paid_for_shipping_is_no_upgrade_question_and_a_next_order_is_no_own_order() -> None:
    assert ow.TOTAL.search("did I pay for overnight shipping on ORD-10696?")
    assert not ow.SPEED.search("did I pay for overnight shipping on ORD-10696?")
    assert ow.TOTAL.search("why did I pay $25 shipping on ORD-13931?")
    assert ow.SPEED.search("can I upgrade ORD-1 to overnight?")  # near miss: still the upgrade
    assert not OWN_ORDER.search("I want my next order sent overnight, how much will that cost me?")
    assert OWN_ORDER.search("when will my order arrive?")
    assert ow.REFUND_STATUS.search("did my refund for the cancelled dress order go through?")
    assert ow.REFUND_STATUS.search("I cancelled ORD-13624, where is my money?")


async def test_a_gold_members_free_overnight_is_applied_to_their_order(assistant: Assistant) -> None:
    text = (await ask(assistant, "did I pay for overnight shipping on ORD-71001?", "gold1")).text
    assert "shipping (overnight) cost 0.00 USD" in text
    assert (
        "Overnight shipping is free for Gold members, and you are a Gold member, so it was free on ORD-71001." in text
    )
    assert "upgrading" not in text
    # near miss: a Silver member paid the $20.00; no Gold perk is claimed
    text = (await ask(assistant, "did I pay for overnight shipping on ORD-71004?", "silver1")).text
    assert "shipping (overnight) cost 20.00 USD" in text and "Gold member" not in text


async def test_a_cancelled_orders_money_asked_for_gets_its_refund_once(assistant: Assistant) -> None:
    text = (await ask(assistant, "I cancelled ORD-71003, where is my money?", "silver1")).text
    assert "is marked cancelled" in text and "The order was cancelled and refunded." in text
    text = (await ask(assistant, "how much was ORD-71003 and has the refund gone through?", "silver1")).text
    assert text.count("is marked cancelled") == 1 and text.count("cancelled and refunded") == 1
    assert '".' not in text


def test_a_sentence_already_said_is_not_said_again() -> None:
    said = ['Your order ORD-1 is marked cancelled. Our policy says: "Cancelled and refunded."']
    line = 'The items came to 9.00 USD. Your order ORD-1 is marked cancelled. Our policy says: "Cancelled and refunded." Ask us.'
    assert _unsaid(line, said) == "The items came to 9.00 USD. Ask us."


async def test_points_if_i_cancel_get_the_level_and_open_no_request(assistant: Assistant) -> None:
    reply = await ask(assistant, "if I cancel ORD-71002 do I lose my points?", "bronze1")
    assert "Your account is at the Bronze level." in reply.text
    assert "Bronze membership lasts as long as you keep your account." in reply.text
    assert "don't describe points" in reply.text and "12 months" not in reply.text  # Silver's and Gold's rule
    assert Flag.CASE_OPENED not in reply.flags and "request number" not in reply.text
    # near miss: an instruction to cancel still opens the request
    reply = await ask(assistant, "please cancel ORD-71002", "bronze1")
    assert Flag.CASE_OPENED in reply.flags and "Bronze level" not in reply.text


async def test_a_size_sold_out_gets_the_back_order_offer(assistant: Assistant) -> None:
    text = (await ask(assistant, "Do you have the Calvin Klein Thornton Trucker Jacket in M?")).text
    assert "out of stock in size M" in text
    assert "back-order it" in text and "restocked" in text
    # near miss: a size in stock gets no offer
    text = (await ask(assistant, "Do you have the Calvin Klein Thornton Trucker Jacket in L?")).text
    assert "in stock in size L" in text and "back-order" not in text
