"""A real Assistant for the round-11 route tests: the demo store's knowledge (hashing embedder), a real SQLite store
with the given customers and orders, and a scripted generator; and one shopper turn through it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.domain import Channel, IncomingMessage, Reply
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]


def order_row(oid: str, customer: str, status: str, items: list[dict[str, Any]], date: str) -> dict[str, Any]:
    """An orders row as the store keeps it: standard shipping, free, the total the items' prices times quantities."""
    total = sum(float(i["price"]) * int(i["qty"]) for i in items)
    return {
        "order_id": oid,
        "customer_id": customer,
        "date": f"{date}T09:00:00Z",
        "status": status,
        "items": json.dumps(items),
        "total": total,
        "currency": "USD",
        "shipping_method": "standard",
        "shipping_cost": 0.0,
    }


def demo_assistant(
    tmp_path: Path, intents: IntentClassifier, customers: Iterable[dict[str, Any]], orders: list[dict[str, Any]]
) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    store = Store(tmp_path / "db.sqlite")
    for c in customers:
        store.ensure_customer(**c)
    store.db["orders"].insert_all(orders, alter=True)
    return Assistant(
        store=store,
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def ask(assistant: Assistant, text: str, customer: str | None = None, conversation: str | None = None) -> Reply:
    return await assistant.handle(
        IncomingMessage(text, channel=Channel.API, customer_id=customer, conversation_id=conversation)
    )
