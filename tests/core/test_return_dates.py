""" "Until when can I return it?" about a known customer's order: the order is picked by the product named (the
one still with the shopper, not one already returned) or by the day it was placed, and the answer is the
window's last day (the order's purchase date plus the level's window, read from the demo store's returns table),
end to end by a real Assistant (hashing embedder). Dates are relative to today, so the test holds on any day."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store
from tests.support.dates import days_ago

REPO = Path(__file__).parents[2]
RIDGE = {"sku": "UQ-DR-1015", "name": "Uniqlo Women's Ridge Sweater Dress", "qty": 1, "price": 90.0}
TEE = {"sku": "BR-TS-1083", "name": "Banana Republic Women's Weston V-Neck T-Shirt", "qty": 1, "price": 30.0}
SOCKS = {"sku": "MK-SO-1", "name": "Michael Kors Men's Fulton Crew Socks 3-Pack", "qty": 1, "price": 19.5}
JEANS = {"sku": "MK-JN-1", "name": "Michael Kors Men's Vail Slim Jeans", "qty": 1, "price": 135.99}


def _order(oid: str, customer: str, ago: int, status: str, items: list[dict[str, object]]) -> dict[str, object]:
    placed = days_ago(ago)
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": f"{placed.isoformat()}T09:00:00Z",
        "status": status,
        "items": json.dumps(items),
        "total": sum(float(i["price"]) for i in items),  # type: ignore[arg-type]
        "currency": "USD",
        "shipping_method": "standard",
    }


def _day(assistant: Assistant, oid: str, window: int) -> str:
    """The window's last day for that order, from the date the fixture stored (not a second reading of the clock)."""
    order = assistant.store.get_order(oid) or {}
    d = dt.date.fromisoformat(str(order["date"])[:10]) + dt.timedelta(days=window)
    return f"{d:%A}, {d:%B} {d.day}, {d.year}"


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    store.ensure_customer("g1", name="Camille", email="camille@example.com", membership="guest")
    store.ensure_customer("b1", name="Marco", email="marco@example.com", membership="bronze")
    store.ensure_customer("b2", name="Ines", email="ines@example.com", membership="bronze")
    store.db["orders"].insert_all(
        [
            _order("ORD-70001", "g1", 120, "returned", [RIDGE]),  # the same dress, sent back long ago
            _order("ORD-70002", "g1", 12, "delivered", [RIDGE]),
            _order("ORD-70003", "b1", 20, "delivered", [TEE]),
            _order("ORD-70004", "b1", 11, "delivered", [RIDGE]),
            _order("ORD-70005", "b2", 15, "delivered", [SOCKS, JEANS]),
        ]
    )
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


async def test_the_product_named_picks_the_order_still_with_the_shopper(assistant: Assistant) -> None:
    text = await ask(assistant, "can i still return the ridge sweater dress", "g1")
    assert text.startswith("Your order ORD-70002 (Uniqlo Women's Ridge Sweater Dress) was placed on")
    assert "As a guest, your return window is 30 days" in text and "still within it" in text
    assert f"You can return it until {_day(assistant, 'ORD-70002', 30)}." in text
    assert "would you like me to connect you" not in text  # the date answers it: no needless hand-off


async def test_until_when_is_the_order_date_plus_the_level_s_window(assistant: Assistant) -> None:
    text = await ask(assistant, "until when can i return the v neck tee i ordered", "b1")
    assert "ORD-70003" in text and f"You can return it until {_day(assistant, 'ORD-70003', 90)}." in text
    placed = dt.date.fromisoformat(str((assistant.store.get_order("ORD-70004") or {})["date"])[:10])
    text = await ask(assistant, f"is it too late to return my {placed:%B} {placed.day} order", "b1")
    assert "ORD-70004" in text and f"You can return it until {_day(assistant, 'ORD-70004', 90)}." in text


async def test_a_window_s_last_day_does_not_cover_the_items_the_shop_never_takes_back(assistant: Assistant) -> None:
    """ "You can return it until ..." for an order holding socks says the socks are not covered, with the returns
    page's own rule; an order without such an item gets no such sentence."""
    text = await ask(assistant, "i want to return the socks and the jeans from ORD-70005", "b2")
    assert f"You can return it until {_day(assistant, 'ORD-70005', 90)}." in text
    assert "That does not cover the Michael Kors Men's Fulton Crew Socks 3-Pack: Socks" in text
    assert "cannot be returned unless they arrived damaged or defective." in text
    assert "Vail Slim Jeans:" not in text  # the jeans are no socks, and nothing says they were hemmed
    text = await ask(assistant, "until when can i return the v neck tee i ordered", "b1")
    assert "ORD-70003" in text and "does not cover" not in text
