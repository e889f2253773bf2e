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

TRAIN = {
    "order_status": ["where is my order", "track my package", "has my order shipped", "when will my parcel arrive", "status of order ORD-10021", "where's my stuff"],
    "order_change": ["cancel my order", "I want to cancel order ORD-10021", "change my order", "change the address on my order", "stop my order"],
    "returns_refunds": ["how do I return an item", "I want a refund", "return policy", "can I get my money back", "refund for order"],
    "shipping": ["do you ship to canada", "how long does shipping take", "shipping cost", "delivery options", "do you ship to the UK"],
    "payment": ["what payment methods do you accept", "can I pay with paypal", "my card was declined", "payment options"],
    "account": ["reset my password", "I forgot my username", "change my email", "delete my account"],
    "product_question": ["is this jacket warm", "what material are the jeans", "is it in stock in M", "how much is it", "what sizes does it come in"],
    "product_search": ["show me jeans", "do you have boots", "I'm looking for a jacket", "black jeans under 100"],
    "complaint": ["this is terrible service", "I'm very unhappy", "the item arrived broken", "I want to complain"],
    "human_agent": ["talk to a human", "I want a real person", "connect me to an agent", "speak to someone"],
    "greeting": ["hi", "hello", "thanks", "thank you", "good morning", "bye"],
    "out_of_scope": ["what's the weather", "tell me a joke about cats", "who won the football", "capital of france", "how do I bake bread", "what is 2+2"],
}


@pytest.fixture(scope="session")
def intents() -> IntentClassifier:
    sentences = [s for lab, items in TRAIN.items() for s in items]
    labels = [lab for lab, items in TRAIN.items() for _ in items]
    return IntentClassifier(embedder="hashing", tfidf=True).fit(sentences, labels, oos_label="out_of_scope", val_sentences=sentences, val_labels=labels)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "db.sqlite")
    s.ensure_customer("c1", name="Ann", email="ann@example.com")
    s.ensure_customer("c2", name="Bob", email="bob@example.com")
    s.db["orders"].insert_all([
        {"order_id": "ORD-50001", "customer_id": "c1", "date": "2026-11-20T10:00:00Z", "status": "shipped", "items": '[{"sku": "NT-JNS-0001", "name": "Slim Blue Jeans", "qty": 1, "price": 59.9}]',
         "total": 59.9, "currency": "USD", "shipping_method": "standard", "carrier": "UPS", "tracking_number": "1Z999AA10123456784", "estimated_delivery": "2026-11-27"},
        {"order_id": "ORD-50002", "customer_id": "c2", "date": "2026-11-21T10:00:00Z", "status": "processing", "items": "[]",
         "total": 149.0, "currency": "USD", "shipping_method": "express", "estimated_delivery": "2026-12-02"},
    ])
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
def assistant(store: Store, kb: KnowledgeBase, intents: IntentClassifier, model: ScriptedChatModel, bus: EventBus) -> Any:
    return Assistant(store=store, kb=kb, intents=intents, composer=Composer(model, timeout_s=5), bus=bus)
