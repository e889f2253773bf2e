"""What a turn knows (Turn), what it will do (Plan), and the small helpers that turn data rows into sources."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core.grounding import Grounding
from bot.core.referent import next_topic
from bot.domain import (
    Button,
    ConversationState,
    Flag,
    Hit,
    IncomingMessage,
    IntentPrediction,
    ProductCard,
    Reply,
    Request,
    RequestKind,
)

HANDOFF_BUTTON = Button("Talk to a person", "handoff")


@dataclass(slots=True)
class Turn:
    """Everything known about the turn in progress."""

    msg: IncomingMessage
    customer: dict[str, Any]
    conversation: dict[str, Any]
    inbound_id: int | None
    history: list[dict[str, Any]] = field(default_factory=list)
    known_customer: bool = False
    prediction: IntentPrediction | None = None
    state: ConversationState = field(default_factory=ConversationState)
    request: Request | None = None
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)


RecommendHook = Callable[[Turn, Reply], None]


@dataclass(slots=True)
class Plan:
    """What the router decided: a finished reply (`reply`), or a grounding the model composes from.

    For a composed reply: `focus` is the question an extractive fallback answers, `key_terms` the facts the
    shopper asked for (a reply must mention one), `case_line` the opened case's sentence (always shown)."""

    reply: Reply | None = None
    grounding: Grounding = field(default_factory=Grounding)
    focus: str = ""
    key_terms: list[str] = field(default_factory=list)
    case_line: str = ""
    flags: set[Flag] = field(default_factory=set)
    buttons: list[Button] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    confidence: float = 0.0
    catalog: list[dict[str, Any]] = field(default_factory=list)
    slot_text: str = ""  # the slot table's answer (bot.core.slot_answers): the fallback instead of a quoted passage

    @classmethod
    def answer(cls, reply: Reply) -> Plan:
        return cls(reply=reply)


def next_state(state: ConversationState, req: Request, reply: Reply) -> ConversationState:
    """What the conversation has established after this reply."""
    skus = [s["sku"] for s in reply.sources if s.get("source") == "catalog" and s.get("sku")]
    orders = [s["doc_id"].split(":", 1)[1] for s in reply.sources if s.get("doc_id", "").startswith("order:")]
    new = ConversationState.from_dict(state.to_dict())
    new.last_kind = req.kind.value
    if skus:
        new.skus = skus[:5]
    if len(orders) == 1:
        new.order_id = orders[0]
    elif req.kind == RequestKind.OWN_ORDER and len(orders) > 1:
        new.order_id = None
    if req.kind in (RequestKind.DISCOVERY, RequestKind.COMPARISON) and (len(skus) >= 2 or not req.followup):
        new.listed = skus if len(skus) >= 2 else []  # "the second one", "which of those": this list, as shown
    if req.kind == RequestKind.DISCOVERY and not (req.followup and req.skus):  # a pick from the list keeps the search
        new.constraints = req.constraints
        new.constraints.missing_brands, new.constraints.missing_categories = [], []
        new.constraints.unchecked = []
    new.topic = next_topic(state, req)
    new.shown = list(dict.fromkeys(new.shown + [c.sku for c in reply.cards] + skus))
    return new


def order_source(order: dict[str, Any]) -> dict[str, str]:
    return {"title": f"Order {order['order_id']}", "source": "orders", "doc_id": f"order:{order['order_id']}"}


def product_source(p: dict[str, Any]) -> dict[str, str]:
    return {"title": str(p["name"]), "source": "catalog", "doc_id": f"product:{p['sku']}", "sku": str(p["sku"])}


def hit_source(h: Hit) -> dict[str, str]:
    return {"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id}


def card(p: dict[str, Any]) -> ProductCard:
    return ProductCard(
        sku=str(p["sku"]), name=str(p["name"]), price=float(p.get("price") or 0), currency=str(p.get("currency", "USD"))
    )


def passage(hit: Hit) -> dict[str, str]:
    """A grounding passage: the chunk's heading path as its title, the body as its text."""
    text = hit.passage.text
    first, _, rest = text.partition("\n")
    if rest and (first == hit.passage.title or " > " in first):
        return {"title": first, "source": hit.passage.source, "text": rest.strip()}
    return {"title": hit.passage.title, "source": hit.passage.source, "text": text}


def mentions_any(text: str, terms: list[str]) -> bool:
    low = text.lower()
    return any(t.lower() in low for t in terms if t)
