"""When retrieval is unsure: the canned "out of scope" / "not sure" / "tell me more" replies, and the context
queries tried before any of them in a conversation.

A follow-up leaves words out that the conversation holds: "would I need to pay customs on top?" after "do you
ship to New Zealand?" is unsure on its own words (and the intent model calls it out of scope), and "can I return
it if it doesn't fit?" after a dress was searched as "can I return dress ...", which pulls dress listings above
the returns policy. Before refusing, the router retrieves again with the message as written and with the
conversation's policy topic in front of it; the first that retrieval is sure answers is used. An in-scope
question is then never answered with "I can only help with ..."."""

from __future__ import annotations

from bot.core import canned
from bot.core.turn import HANDOFF_BUTTON
from bot.domain import ConversationState, Decision, Flag, Intent, IntentPrediction, Reply, RequestKind

MAX_WORDS = 14


def context_queries(text: str, query: str, state: ConversationState) -> list[str]:
    """The queries to try again, in order: the message as written (when the query reworded it), the policy topic
    followed by the message (when the last turn was a policy question). Long messages carry their own context."""
    if len(text.split()) > MAX_WORDS:
        return []
    out = [text] if query.strip().lower() != text.strip().lower() else []
    topic = state.topic.strip()
    if state.last_kind == RequestKind.POLICY.value and topic and topic.lower() not in query.lower():
        out.append(f"{topic} {text}")
    return out


def unsure_reply(pred: IntentPrediction, decision: Decision, confidence: float) -> Reply | None:
    """Out of scope, or retrieval too unsure to answer: say so and offer a person, never guess."""
    if pred.out_of_scope and decision != Decision.ANSWER:
        return Reply(
            text=canned.OUT_OF_SCOPE,
            flags={Flag.OUT_OF_SCOPE, Flag.HANDOFF},
            buttons=[HANDOFF_BUTTON],
            intent=Intent.OUT_OF_SCOPE,
            confidence=confidence,
        )
    if decision == Decision.HANDOFF:
        return Reply(
            text=canned.NOT_SURE,
            flags={Flag.LOW_CONFIDENCE, Flag.HANDOFF},
            buttons=[HANDOFF_BUTTON],
            intent=pred.intent,
            confidence=confidence,
        )
    if decision == Decision.CLARIFY:
        return Reply(
            text=canned.CLARIFY,
            flags={Flag.LOW_CONFIDENCE},
            buttons=[HANDOFF_BUTTON],
            intent=pred.intent,
            confidence=confidence,
        )
    return None
