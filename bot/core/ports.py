"""Small Protocols through which the core talks to adapters (and channels talk to the core)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol

from bot.domain import Hit, IncomingMessage, IntentPrediction, Reply


class RetrieverPort(Protocol):
    """Hybrid search over the current knowledge-base version."""

    def search(self, query: str, *, k: int = 5, filters: dict[str, Any] | None = None) -> list[Hit]:
        """Return the best hits, best first."""
        ...

    def confidence(self, query: str, hits: list[Hit]) -> float:
        """A calibrated 0..1 estimate that the top hit answers the query."""
        ...


class IntentPort(Protocol):
    """Intent and out-of-scope understanding."""

    def predict(self, text: str) -> IntentPrediction:
        """Classify one message."""
        ...


class AssistantPort(Protocol):
    """What every channel calls: one turn in, one Reply out."""

    async def handle(self, msg: IncomingMessage) -> Reply:
        """Run the whole turn pipeline and return the reply."""
        ...

    def stream(self, msg: IncomingMessage) -> AsyncIterator[dict[str, Any]]:
        """Run the turn, yielding {"type": "token", "text": ...} events, then {"type": "reply", "reply": Reply}."""
        ...
