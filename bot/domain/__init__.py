"""Plain dataclasses shared by every layer; no heavy imports here."""

from bot.domain.models import (
    Author,
    Button,
    Channel,
    Hit,
    IncomingMessage,
    Intent,
    IntentPrediction,
    Passage,
    ProductCard,
    Reply,
)
from bot.domain.request import (
    Constraints,
    ConversationState,
    OrderAspect,
    PolicySlot,
    Request,
    RequestKind,
    Sort,
)

__all__ = [
    "Author",
    "Button",
    "Channel",
    "Constraints",
    "ConversationState",
    "OrderAspect",
    "PolicySlot",
    "Request",
    "RequestKind",
    "Sort",
    "Hit",
    "IncomingMessage",
    "Intent",
    "IntentPrediction",
    "Passage",
    "ProductCard",
    "Reply",
]
