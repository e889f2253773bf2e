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

__all__ = [
    "Author",
    "Button",
    "Channel",
    "Hit",
    "IncomingMessage",
    "Intent",
    "IntentPrediction",
    "Passage",
    "ProductCard",
    "Reply",
]
