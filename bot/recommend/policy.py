"""When a reply may carry one recommendation: pure rules, no heavy imports.

A recommendation is allowed only in a product conversation (or right after a question
was resolved), never while the shopper complains, asks for a refund, cancels or wants
a person, never when personalisation is off, at most once every N turns, never the same
item twice in a conversation, and only when it is relevant enough and relates to what
is being discussed.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from bot.domain import Intent

PRODUCT_INTENTS = frozenset({Intent.PRODUCT_QUESTION, Intent.PRODUCT_SEARCH})
BLOCKING_INTENTS = frozenset({Intent.COMPLAINT, Intent.RETURNS_REFUNDS, Intent.ORDER_CHANGE, Intent.HUMAN_AGENT})


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to add the candidate, and why (for logs and the staff dashboard)."""

    ok: bool
    why: str

    def __bool__(self) -> bool:
        return self.ok


def should_recommend(
    *,
    intent: Intent | str,
    resolved: bool,
    handoff: bool,
    consent: bool,
    turns_since_last: int | None,
    every_n: int,
    already_shown: Collection[str],
    candidate_item: str | None,
    candidate_score: float,
    threshold: float,
    relates_to_context: bool,
) -> Decision:
    """Decide whether one recommendation may be added to this reply (at most one per reply)."""
    try:
        intent = Intent(intent)
    except ValueError:
        return Decision(False, f"unknown intent {intent!r}")
    if not consent:
        return Decision(False, "personalisation is off for this customer")
    if handoff:
        return Decision(False, "the conversation is being handed to a person")
    if intent in BLOCKING_INTENTS:
        return Decision(False, f"never during a {intent.value} turn")
    if intent not in PRODUCT_INTENTS and not resolved:
        return Decision(False, f"not a product conversation ({intent.value}) and nothing was resolved")
    if candidate_item is None:
        return Decision(False, "no candidate")
    if candidate_item in already_shown:
        return Decision(False, f"{candidate_item} was already shown in this conversation")
    if every_n < 1:
        return Decision(False, f"every_n must be at least 1, got {every_n}")
    if turns_since_last is not None and turns_since_last < every_n:
        return Decision(
            False, f"frequency cap: last recommendation {turns_since_last} turn(s) ago, at most one every {every_n}"
        )
    if candidate_score < threshold:
        return Decision(False, f"score {candidate_score:.3f} below the threshold {threshold:.3f}")
    if not relates_to_context:
        return Decision(False, "does not relate to the current conversation")
    return Decision(
        True, f"{intent.value} turn, score {candidate_score:.3f} >= {threshold:.3f}, relates to the conversation"
    )
