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


class InputProblem(StrEnum):
    """What the input guard found wrong with a message before the pipeline read it."""

    EMPTY = "empty"
    JUNK = "junk"  # binary, or no words
    INJECTION = "injection"  # an attempt to rewrite the assistant's instructions


class Decision(StrEnum):
    """What the retrieval confidence allows the assistant to do with a question."""

    ANSWER = "answer"
    CLARIFY = "clarify"  # ask the shopper to say more
    HANDOFF = "handoff"  # offer a person


class Flag(StrEnum):
    """Marks on a reply and on its conversation: policies read them, staff filter the dashboard by them."""

    HANDOFF = "handoff"
    LOW_CONFIDENCE = "low_confidence"
    NEGATIVE_FEEDBACK = "negative_feedback"  # a 👎 on a reply
    FALLBACK_USED = "fallback_used"  # the verifier replaced the model's text with the extractive reply
    COMPLAINT = "complaint"
    OUT_OF_SCOPE = "out_of_scope"
    INJECTION = "injection"
    UNANSWERED = "unanswered"  # a message that a crash left without a reply, too old to answer now
    STRUCTURED = "structured"  # rendered from the shop's data by a template
    REWORDED = "reworded"  # the generator worded a template's answer and the paraphrase check kept it
    FROM_DATA = "from_data"  # a yes/no rule question or a contact detail answered with the shop's own sentence
    CATALOG = "catalog"
    NOT_CARRIED = "not_carried"
    NO_MATCH = "no_match"
    ORDER = "order"
    ASK_WHICH = "ask_which"
    ORDER_NOT_VERIFIED = "order_not_verified"
    ACCOUNT_STATUS = "account_status"
    CASE_OPENED = "case_opened"
    RECOMMENDED = "recommended"
    DUPLICATE = "duplicate"  # a repeated message id: the stored reply again
    STAFF_MODE = "staff_mode"  # staff hold the conversation: the bot does not answer
    UNSUBSCRIBED = "unsubscribed"
    CAMPAIGN = "campaign"
    MULTI_PART = "multi_part"  # two or three questions in one message, each answered from its own source


# a reply with one of these flags puts its conversation on the staff's list
STAFF_FLAGS = frozenset(
    {
        Flag.HANDOFF,
        Flag.LOW_CONFIDENCE,
        Flag.FALLBACK_USED,
        Flag.COMPLAINT,
        Flag.OUT_OF_SCOPE,
        Flag.INJECTION,
        Flag.ORDER_NOT_VERIFIED,
    }
)


def flags_from(values: Any) -> set[Flag]:
    """The known flags among stored strings (a stored list from an older version may hold others)."""
    known = {f.value for f in Flag}
    return {Flag(v) for v in values or () if v in known}


def intent_from(value: Any) -> Intent | InputProblem | None:
    """A stored reply's intent column back as an enum ("" or unknown: None)."""
    for enum in (Intent, InputProblem):
        if value in {m.value for m in enum}:
            return enum(value)
    return None


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
    flags: set[Flag] = field(default_factory=set)
    intent: Intent | InputProblem | None = None  # None: no understanding behind it (a canned or staff text)
    confidence: float = 0.0
    conversation_id: str | None = None
    message_id: int | None = None
    timings: dict[str, float] = field(default_factory=dict)
    author: Author = Author.CANNED  # who wrote `text` (before any recommendation line was appended)
    reword: str = ""  # why an answer from the data kept its own text ("" : not tried or reworded); for `eval replies`

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view for the HTTP API and `--json` output."""
        return {
            "text": self.text,
            "sources": self.sources,
            "cards": [_slots_dict(c) for c in self.cards],
            "buttons": [_slots_dict(b) for b in self.buttons],
            "flags": sorted(self.flags),
            "intent": self.intent or "",
            "confidence": round(self.confidence, 4),
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
            "author": self.author.value,
        }


def _slots_dict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}
