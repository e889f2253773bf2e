"""Dataclasses and enums: the vocabulary of one conversation turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Channel(StrEnum):
    """Where a message came from."""

    TELEGRAM = "telegram"
    WEB = "web"
    CONSOLE = "console"
    API = "api"


class Intent(StrEnum):
    """shopbot's own intents; every training label maps onto one of these."""

    ORDER_STATUS = "order_status"
    ORDER_CHANGE = "order_change"  # cancel or change an order
    RETURNS_REFUNDS = "returns_refunds"
    SHIPPING = "shipping"
    PAYMENT = "payment"
    ACCOUNT = "account"
    PRODUCT_QUESTION = "product_question"
    PRODUCT_SEARCH = "product_search"
    COMPLAINT = "complaint"
    HUMAN_AGENT = "human_agent"
    GREETING = "greeting"  # greetings, thanks, small talk
    OUT_OF_SCOPE = "out_of_scope"


class Author(StrEnum):
    """Who wrote a reply's text: what `model_written_share` counts, and what the dashboard can show."""

    MODEL = "model"  # the generator wrote it and the verifier kept it (whole, or its verified leading sentences)
    TEMPLATE = "template"  # rendered from structured data (orders, catalog) by a fixed template
    EXTRACTIVE = "extractive"  # sentences and fact lines copied from the grounding (the verifier's fallback)
    CANNED = "canned"  # a fixed text (greeting, hand-off, refusal, verify-your-order)


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One message from a shopper, whatever the channel."""

    text: str
    channel: Channel = Channel.API
    customer_id: str | None = None
    conversation_id: str | None = None
    message_id: str | None = None  # the channel's own id, used to drop duplicates


@dataclass(frozen=True, slots=True)
class IntentPrediction:
    """What the classifier thinks the shopper wants."""

    intent: Intent
    confidence: float
    label: str = ""  # the fine-grained training label behind the intent
    out_of_scope: bool = False
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Passage:
    """One chunk of the knowledge base."""

    chunk_id: str
    doc_id: str
    title: str
    source: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved passage with its scores."""

    passage: Passage
    score: float  # fused score used for ranking
    dense_score: float | None = None
    lexical_score: float | None = None
    rank: int = 0

    @property
    def doc_id(self) -> str:
        """The id of the document the chunk came from."""
        return self.passage.doc_id


@dataclass(frozen=True, slots=True)
class Button:
    """A choice offered to the shopper (Telegram inline button, web button, numbered line)."""

    label: str
    action: str  # e.g. "handoff", "feedback:up", "product:SKU"


@dataclass(frozen=True, slots=True)
class ProductCard:
    """A product shown with a reply (recommendation or search result)."""

    sku: str
    name: str
    price: float
    currency: str
    reason: str = ""
    url: str = ""


@dataclass(slots=True)
class Reply:
    """What the assistant says back; the same value for every channel."""

    text: str
    sources: list[dict[str, str]] = field(default_factory=list)
    cards: list[ProductCard] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)  # handoff, low_confidence, fallback_used, ...
    intent: str = ""
    confidence: float = 0.0
    conversation_id: str | None = None
    message_id: int | None = None
    timings: dict[str, float] = field(default_factory=dict)
    author: Author = Author.CANNED  # who wrote `text` (before any recommendation line was appended)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view for the HTTP API and `--json` output."""
        return {
            "text": self.text,
            "sources": self.sources,
            "cards": [_slots_dict(c) for c in self.cards],
            "buttons": [_slots_dict(b) for b in self.buttons],
            "flags": sorted(self.flags),
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "author": self.author.value,
        }


def _slots_dict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}
