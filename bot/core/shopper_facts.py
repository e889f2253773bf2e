"""Questions whose answer depends on who asks: another person's data (refused), "can I still return it?" (the
shopper's level and purchase date against the windows) and "how much do I get back?" (their country's rule)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.core.ports import KnowledgePort, StorePort
from bot.core.privacy import privacy_reply
from bot.core.refund_amount import RefundAmounts
from bot.core.return_window import ReturnWindows
from bot.core.turn import Turn
from bot.domain import IntentPrediction, Reply, Request


class ShopperFacts:
    """Answers from the rules and the shopper's own facts, or None when the message asks none of these."""

    def __init__(self, store: StorePort, kb: KnowledgePort) -> None:
        self.windows = ReturnWindows(store, kb)
        self.amounts = RefundAmounts(store, kb)

    def reply(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, catalog: Sequence[dict[str, Any]]
    ) -> Reply | None:
        private = privacy_reply(text, pred)  # another person's data: a polite no, never a lookup
        if private is not None:
            return private
        return self.windows.reply(turn, req, text, pred, catalog) or self.amounts.reply(turn, req, text, pred, catalog)
