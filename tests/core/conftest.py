"""A real Assistant on small data: real SQLite, real FAISS, a real (hashing-embedder) intent classifier, a scripted generator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store
from tests.support.intents import small_intent_classifier


@pytest.fixture(scope="session")
def intents() -> IntentClassifier:
    return small_intent_classifier()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "db.sqlite")
    s.ensure_customer("c1", name="Ann", email="ann@example.com")
    s.ensure_customer("c2", name="Bob", email="bob@example.com")
    s.db["orders"].insert_all(
        [
            {
                "order_id": "ORD-50001",
                "customer_id": "c1",
                "date": "2026-11-20T10:00:00Z",
                "status": "shipped",
                "items": '[{"sku": "NT-JNS-0001", "name": "Slim Blue Jeans", "qty": 1, "price": 59.9}]',
                "total": 59.9,
                "currency": "USD",
                "shipping_method": "standard",
                "carrier": "UPS",
                "tracking_number": "1Z999AA10123456784",
                "estimated_delivery": "2026-11-27",
            },
            {
                "order_id": "ORD-50002",
                "customer_id": "c2",
                "date": "2026-11-21T10:00:00Z",
                "status": "processing",
                "items": "[]",
                "total": 149.0,
                "currency": "USD",
                "shipping_method": "express",
                "estimated_delivery": "2026-12-02",
            },
        ]
    )
    return s


@pytest.fixture
def kb(knowledge_dir: Path, tmp_path: Path) -> KnowledgeBase:
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing")
    kb.open()
    return kb


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel(default="Here is what our shop information says.")


@pytest.fixture
def bus() -> EventBus:
    return EventBus()


@pytest.fixture
def assistant(
    store: Store, kb: KnowledgeBase, intents: IntentClassifier, model: ScriptedChatModel, bus: EventBus
) -> Any:
    return Assistant(store=store, kb=kb, intents=intents, composer=Composer(model, timeout_s=5), bus=bus)
