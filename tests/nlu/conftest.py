"""Small synthetic intent data for fast tests with the hashing embedder."""

from __future__ import annotations

import random

import pytest

TEMPLATES = {
    "track": [
        "where is my {x}",
        "track my {x}",
        "has my {x} shipped yet",
        "status of my {x}",
        "when will my {x} arrive",
    ],
    "cancel": [
        "cancel my {x}",
        "I want to cancel the {x}",
        "please stop my {x}",
        "cancel {x} now",
        "abort the {x} please",
    ],
    "refund": [
        "refund for my {x}",
        "I want my money back for the {x}",
        "return the {x} for a refund",
        "refund the {x}",
        "money back {x}",
    ],
}
OOS = [
    "what is the weather in paris",
    "tell me a joke",
    "who won the football game",
    "how tall is mount everest",
    "play some jazz music",
    "set an alarm for seven",
    "translate hello into german",
    "what is the capital of peru",
    "how many calories in an egg",
    "book a flight to rome",
    "what time is it in tokyo",
    "recipe for banana bread",
]
THINGS = ["order", "parcel", "package", "shoes", "jacket", "laptop", "purchase", "delivery"]


def make_rows(seed: int = 0, *, per_label: int = 20, with_oos: bool = False) -> tuple[list[str], list[str]]:
    """Sentences from templates with random fillers, plus out-of-scope ones when asked."""
    rng = random.Random(seed)
    sentences, labels = [], []
    for label, templates in TEMPLATES.items():
        for _ in range(per_label):
            sentences.append(rng.choice(templates).format(x=rng.choice(THINGS)))
            labels.append(label)
    if with_oos:
        for text in OOS:
            sentences.append(text)
            labels.append("oos")
    return sentences, labels


@pytest.fixture()
def intent_rows():  # noqa: ANN201 - a factory fixture
    """The `make_rows` factory: make_rows(seed, *, per_label=20, with_oos=False)."""
    return make_rows
