"""A small real intent classifier (hashing embedder) and services wired with it, for fast tests."""

from __future__ import annotations

from functools import lru_cache

from bot.app import Services, build_services
from bot.config import Settings
from bot.nlu.classifier import IntentClassifier

TRAIN = {
    "order_status": [
        "where is my order",
        "track my package",
        "has my order shipped",
        "when will my parcel arrive",
        "status of order ORD-10021",
        "where's my stuff",
    ],
    "order_change": [
        "cancel my order",
        "I want to cancel order ORD-10021",
        "change my order",
        "change the address on my order",
        "stop my order",
    ],
    "returns_refunds": [
        "how do I return an item",
        "I want a refund",
        "return policy",
        "can I get my money back",
        "refund for order",
    ],
    "shipping": [
        "do you ship to canada",
        "how long does shipping take",
        "shipping cost",
        "delivery options",
        "do you ship to the UK",
    ],
    "payment": [
        "what payment methods do you accept",
        "can I pay with paypal",
        "my card was declined",
        "payment options",
    ],
    "account": ["reset my password", "I forgot my username", "change my email", "delete my account"],
    "product_question": [
        "is this jacket warm",
        "what material are the jeans",
        "is it in stock in M",
        "how much is it",
        "what sizes does it come in",
    ],
    "product_search": ["show me jeans", "do you have boots", "I'm looking for a jacket", "black jeans under 100"],
    "complaint": ["this is terrible service", "I'm very unhappy", "the item arrived broken", "I want to complain"],
    "human_agent": ["talk to a human", "I want a real person", "connect me to an agent", "speak to someone"],
    "greeting": ["hi", "hello", "thanks", "thank you", "good morning", "bye"],
    "out_of_scope": [
        "what's the weather",
        "tell me a joke about cats",
        "who won the football",
        "capital of france",
        "how do I bake bread",
        "what is 2+2",
    ],
}


@lru_cache(maxsize=1)
def small_intent_classifier() -> IntentClassifier:
    """Trained once per test session on TRAIN, with an out-of-scope class."""
    sentences = [s for items in TRAIN.values() for s in items]
    labels = [lab for lab, items in TRAIN.items() for _ in items]
    return IntentClassifier(embedder="hashing", tfidf=True).fit(
        sentences, labels, oos_label="out_of_scope", val_sentences=sentences, val_labels=labels
    )


def small_services(settings: Settings) -> Services:
    """Real services for the given settings, with the small classifier instead of the shipped model."""
    services = build_services(settings)
    services.__dict__["intents"] = small_intent_classifier()  # cached_property slot: skip training the product model
    return services
