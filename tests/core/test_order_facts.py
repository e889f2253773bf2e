"""Facts the message states pick the order (a return reason, an amount, a shipping charge), and the shop's rules
are applied to that order's record: why its shipping cost what it did, what its refund comes to. End to end by a
real Assistant over the demo store's knowledge base (hashing embedder) and a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.order_facts_said import by_facts
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]
CARDIGAN = {"sku": "MK-SW-1081", "name": "Michael Kors Women's Marlow Cardigan Sweater", "qty": 1, "price": 151.0}
COAT = {"sku": "BR-CT-1230", "name": "Banana Republic Men's York Car Coat", "qty": 1, "price": 218.99}
JEANS = {"sku": "TH-JN-1078", "name": "Tommy Hilfiger Men's Mercer Relaxed Stretch Jeans", "qty": 1, "price": 78.99}
DRESS = {"sku": "GP-DR-1172", "name": "Gap Women's Dover Slip Dress", "qty": 1, "price": 82.0}


def order(oid: str, customer: str, date: str, status: str, items: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": f"{date}T09:00:00Z",
        "status": status,
        "items": json.dumps(items),
        "total": round(sum(float(i["price"]) * int(i["qty"]) for i in items), 2),
        "currency": "USD",
        **more,
    }


def test_each_fact_said_keeps_the_orders_whose_record_agrees() -> None:
    orders = [
        {"order_id": "A", "total": 67.99, "shipping_cost": 8.0, "return_reason": ""},
        {"order_id": "B", "total": 90.0, "shipping_cost": 0.0, "return_reason": "stain or defect"},
        {"order_id": "C", "total": 97.99, "shipping_cost": 5.0, "return_reason": "wrong color"},
    ]
    ids = lambda found: [o["order_id"] for o in found]  # noqa: E731
    assert ids(by_facts("why did i pay 8 dollars shipping on my sweater order", orders)) == ["A"]
    assert ids(by_facts("how come i paid shipping on it", orders)) == ["A", "C"]
    assert ids(by_facts("was my refund for the stained stuff processed", orders)) == ["B"]
    assert ids(by_facts("the one i sent back in the wrong colour", orders)) == ["C"]
    # nothing said, or a fact no order agrees with: nothing is narrowed away
    assert ids(by_facts("where is my order", orders)) == ["A", "B", "C"]
    assert ids(by_facts("why did i pay $12 for shipping", orders)) == ["A", "C"]  # no $12: only "a charge" applies
    assert ids(by_facts("did i pay for shipping on it?", orders)) == ["A", "B", "C"]  # asked, not stated


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    store.ensure_customer("ca1", name="Omar", email="omar@example.com", country="Canada", membership="guest")
    store.ensure_customer("fr1", name="Daniel", email="daniel@example.com", country="France", membership="bronze")
    store.ensure_customer("us1", name="Maya", email="maya@example.com", country="United States", membership="bronze")
    intl = {"shipping_method": "international", "carrier": "DHL Express"}
    store.db["orders"].insert_all(
        [
            order("ORD-80001", "ca1", "2026-07-01", "delivered", [CARDIGAN, COAT], shipping_cost=0.0, **intl),
            order("ORD-80002", "ca1", "2026-11-17", "shipped", [CARDIGAN], shipping_cost=25.0, **intl),
            order(
                "ORD-80003", "fr1", "2026-09-25", "returned", [JEANS], shipping_cost=25.0, return_reason="changed my mind",
                ship_to=json.dumps({"city": "Paris", "country": "France"}), **intl,
            ),
            order(
                "ORD-80004", "us1", "2026-10-08", "returned", [DRESS], shipping_cost=0.0, return_reason="wrong size",
                shipping_method="standard",
            ),
            order(
                "ORD-80005", "us1", "2026-10-20", "returned", [DRESS], shipping_cost=0.0,
                return_reason="stain or defect", shipping_method="standard",
            ),
        ],
        alter=True,  # the demo seed's columns (shipping cost, return reason, ship-to)
    )  # fmt: skip
    return Assistant(
        store=store,
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def ask(assistant: Assistant, text: str, customer: str) -> str:
    reply = await assistant.handle(IncomingMessage(text, channel=Channel.API, customer_id=customer))
    return reply.text


async def test_the_shipping_charged_picks_the_order_and_the_threshold_says_why(assistant: Assistant) -> None:
    text = await ask(assistant, "how come i paid shipping on my marlow cardigan order", "ca1")
    assert "ORD-80002" in text and "ORD-80001" not in text and "Which one" not in text
    assert "International shipping is free on orders of $200.00 or more" in text
    assert "came to $151.00, under that, so the $25.00 shipping fee applied" in text


async def test_a_returned_order_s_refund_is_worked_out_from_its_record(assistant: Assistant) -> None:
    text = await ask(assistant, "how much will i get back for the mercer jeans i returned", "fr1")
    assert "ORD-80003" in text and "marked returned" in text
    assert "$78.99 - $15.00 = $63.99" in text  # the return fee from abroad, read from the returns page
    assert "The $25.00 you paid for shipping is not refunded" in text
    assert "a person from our team can check it" in text


async def test_the_return_reason_said_picks_the_returned_order(assistant: Assistant) -> None:
    text = await ask(assistant, "was my refund for the stained dress processed", "us1")
    assert "ORD-80005" in text and "ORD-80004" not in text
    assert "returned within the United States" in text and "By our rules the refund comes to $82.00" in text


async def test_a_return_told_before_the_question_is_a_refund_question_not_a_complaint(assistant: Assistant) -> None:
    text = await ask(assistant, "i returned a dress because it was the wrong size, how much do i get back", "us1")
    assert "ORD-80004" in text and "ORD-80005" not in text and "By our rules the refund comes to $82.00" in text
    assert "I'm sorry" not in text and "request number" not in text  # no complaint, no case opened
