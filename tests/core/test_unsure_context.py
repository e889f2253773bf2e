"""An in-scope follow-up that retrieval is unsure of on its own words is retrieved again with the conversation's
context (the message as written; the policy topic in front of it) before any "out of scope" or "not sure" reply.
The hashing embedder of the fast tests is sure of these messages on their own words, so the end-to-end check is in
the golden set (tests/golden/inbox_context_retry.jsonl, real MiniLM retrieval and intent model)."""

from __future__ import annotations

from pathlib import Path

from bot.core.unsure import context_queries
from bot.domain import ConversationState, RequestKind

REPO = Path(__file__).parents[2]


def test_context_queries_are_the_message_as_written_then_the_topic_with_it() -> None:
    ship = ConversationState(last_kind=RequestKind.POLICY.value, topic="do you ship to new zealand")
    text = "would i need to pay customs on top"
    assert context_queries(text, text, ship) == ["do you ship to new zealand would i need to pay customs on top"]
    dress = ConversationState(skus=["UQ-DR-1191"], last_kind=RequestKind.PRODUCT_FACT.value)
    reworded = "can i return dress if it doesnt fit"
    assert context_queries("can i return it if it doesnt fit", reworded, dress) == ["can i return it if it doesnt fit"]
    # nothing to add: no retry; a long message carries its own context
    assert context_queries(text, text, ConversationState()) == []
    long = "so i was wondering whether i would need to pay customs and import taxes on top when it arrives at my door"
    assert context_queries(long, long, ship) == []
