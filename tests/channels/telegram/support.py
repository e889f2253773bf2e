"""Shared by the Telegram tests and scripts/bench_telegram.py: a small real Assistant and a running channel."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.app import Services, build_services
from bot.config import Settings
from bot.core.assistant import Assistant
from bot.nlu.classifier import IntentClassifier

TRAIN = {
    "order_status": ["where is my order", "track my package", "has my order shipped", "when will my parcel arrive", "status of order ORD-10021"],
    "order_change": ["cancel my order", "I want to cancel order ORD-10021", "change my order", "change the address on my order"],
    "returns_refunds": ["how do I return an item", "I want a refund", "return policy", "can I get my money back", "how long do I have to return"],
    "shipping": ["do you ship to canada", "how long does shipping take", "shipping cost", "delivery options", "do you ship to the UK"],
    "payment": ["what payment methods do you accept", "can I pay with paypal", "my card was declined", "payment options"],
    "account": ["reset my password", "I forgot my username", "change my email", "delete my account"],
    "product_question": ["is this jacket warm", "what material are the jeans", "is it in stock in M", "what sizes does it come in"],
    "product_search": ["show me jeans", "do you have boots", "I'm looking for a jacket", "black jeans under 100"],
    "complaint": ["this is terrible service", "I'm very unhappy", "the item arrived broken", "I want to complain"],
    "human_agent": ["talk to a human", "I want a real person", "connect me to an agent", "speak to someone"],
    "greeting": ["hi", "hello", "thanks", "thank you", "good morning", "bye"],
    "out_of_scope": ["what's the weather", "tell me a joke about cats", "who won the football", "capital of france", "how do I bake bread"],
}
ADMIN_ID = 4242


def small_intents() -> IntentClassifier:
    """A hashing-embedder intent classifier trained in a second on TRAIN."""
    sentences = [s for items in TRAIN.values() for s in items]
    labels = [lab for lab, items in TRAIN.items() for _ in items]
    return IntentClassifier(embedder="hashing", tfidf=True).fit(sentences, labels, oos_label="out_of_scope",
                                                                 val_sentences=sentences, val_labels=labels)


def telegram_settings(home: Path, knowledge_dir: Path, *, token: str, base_url: str, **extra: Any) -> Settings:
    """Settings for a fast, deterministic shop talking to a fake Bot API."""
    fields: dict[str, Any] = {
        "home": home, "knowledge_dir": knowledge_dir, "seed_dir": home / "no-seed", "embedder": "hashing", "llm_backend": "echo",
        "telegram_token": SecretStr(token), "telegram_base_url": base_url, "telegram_admin_ids": str(ADMIN_ID), **extra,
    }
    return Settings(**fields)


def small_assistant(services: Services, intents: IntentClassifier) -> Assistant:
    """The real turn pipeline over the services' store, KB, composer and bus, with the small classifier."""
    services.kb.open()
    return Assistant(store=services.store, kb=services.kb, intents=intents, composer=services.composer, bus=services.bus,
                     top_k=services.settings.top_k)


def services_for(settings: Settings) -> Services:
    """build_services, nothing else (kept here so tests and the benchmark build them alike)."""
    return build_services(settings)


async def until(predicate: Callable[[], bool], *, timeout: float = 15.0, what: str = "condition") -> None:
    """Wait for predicate() without blocking the event loop the bot runs on."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
