"""Small Protocols through which the core talks to adapters (and channels talk to the core).

`Assistant` takes a `StorePort`, a `KnowledgePort` and an `IntentPort`; the composition root (`bot.app`) passes the
SQLite `Store`, the FAISS `KnowledgeBase` and the trained `IntentClassifier`, and mypy checks that they fit.
Channels hold an `AssistantPort`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any, Protocol

from bot.domain import Decision, Hit, IncomingMessage, IntentPrediction, Reply
from bot.domain.slots import SlotMatch, SlotRow


class CalibrationPort(Protocol):
    """Turns a retrieval confidence into what the assistant may do."""

    def decide(self, confidence: float) -> Decision:
        """Answer, clarify or hand off."""
        ...


class KnowledgePort(Protocol):
    """Hybrid search over the current knowledge-base version, its products and its calibration."""

    @property
    def calibration(self) -> CalibrationPort:
        """The thresholds that go with the serving embedder."""
        ...

    def search(self, query: str, *, k: int = 5, prefer_products: bool = False, subject: str | None = None) -> list[Hit]:
        """Return the best hits, best first (`subject`: the intent the question is about)."""
        ...

    def confidence(self, query: str, hits: list[Hit]) -> float:
        """A calibrated 0..1 estimate that the top hit answers the query."""
        ...

    def products(self) -> list[dict[str, Any]]:
        """Every product's metadata in the serving version."""
        ...

    def known_names(self) -> tuple[str, ...]:
        """Every product name and brand in the serving version (built once per version)."""
        ...

    def slot_rows(self, query: str, *, kinds: Sequence[str] = (), k: int = 12) -> list[SlotMatch]:
        """The serving version's slot-table rows closest in meaning to the question, of the asked kinds, best first."""
        ...

    def slot_section(self, row: SlotRow) -> list[SlotRow]:
        """Every row of the section that holds `row`, in page order."""
        ...


class IntentPort(Protocol):
    """Intent and out-of-scope understanding."""

    def predict(self, text: str) -> IntentPrediction:
        """Classify one message."""
        ...


class StorePort(Protocol):
    """What one turn reads and writes: customers, conversations, messages, orders, cases."""

    def ensure_customer(self, customer_id: str | None = None, **fields: Any) -> dict[str, Any]:
        """The customer, created if new."""
        ...

    def get_conversation(self, conversation_id: str) -> dict[str, Any] | None:
        """One conversation or None."""
        ...

    def open_conversation(
        self, customer_id: str, channel: str, *, conversation_id: str | None = None, chat_id: str | None = None
    ) -> dict[str, Any]:
        """The given conversation, or the customer's latest on the channel, or a new one."""
        ...

    def conversation_state(self, conversation_id: str) -> dict[str, Any]:
        """The saved dialogue state."""
        ...

    def save_conversation_state(self, conversation_id: str, state: dict[str, Any]) -> None:
        """Replace the saved dialogue state."""
        ...

    def flag_conversation(self, conversation_id: str, *flags: str) -> None:
        """Add flags for staff."""
        ...

    def messages(self, conversation_id: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        """The conversation's messages, oldest first."""
        ...

    def add_message(self, conversation_id: str, direction: str, text: str, **fields: Any) -> int | None:
        """Store a message; None when its external id was seen before."""
        ...

    def add_reply(self, conversation_id: str, inbound_id: int | None, text: str, **fields: Any) -> int | None:
        """Store a reply and mark its message answered, together."""
        ...

    def find_inbound(self, external_id: str, *, conversation_id: str | None = None) -> dict[str, Any] | None:
        """The inbound message stored under a channel's message id."""
        ...

    def reply_for(self, inbound_id: int) -> dict[str, Any] | None:
        """The stored reply to an inbound message."""
        ...

    def mark_answered(self, message_id: int) -> None:
        """An inbound message got its reply."""
        ...

    def annotate_message(self, message_id: int, *, intent: str, confidence: float) -> None:
        """Store the understood intent on an inbound message."""
        ...

    def orders_for(self, customer_id: str) -> list[dict[str, Any]]:
        """The customer's orders, newest first."""
        ...

    def get_order(self, order_id: str) -> dict[str, Any] | None:
        """One order (callers check that it is the asker's)."""
        ...

    def create_case(
        self, *, conversation_id: str, customer_id: str, kind: str, summary: str, order_id: str | None = None
    ) -> int:
        """Open a case for staff."""
        ...


class AssistantPort(Protocol):
    """What every channel calls: one turn in, one Reply out."""

    async def handle(self, msg: IncomingMessage) -> Reply:
        """Run the whole turn pipeline and return the reply."""
        ...

    def stream(self, msg: IncomingMessage) -> AsyncIterator[dict[str, Any]]:
        """Run the turn, yielding {"type": "token", "text": ...} events, then {"type": "reply", "reply": Reply}."""
        ...
