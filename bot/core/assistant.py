"""The turn pipeline: persist, understand, ground, compose, verify, personalise, persist, publish."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core import canned
from bot.core.composer import Composed, Composer, Grounding
from bot.core.events import EventBus
from bot.core.followup import is_followup, products_in_context, rewrite_query
from bot.core.guard import check_input
from bot.core.quantities import unsupported_quantities
from bot.core.answers import asks_structured_product, order_answer, product_answer
from bot.core.tools import ToolResult, asked_size, find_products, order_facts, order_ids_in, price_mismatches, product_facts
from bot.domain import Author, Button, Hit, IncomingMessage, Intent, IntentPrediction, Reply

log = logging.getLogger(__name__)

# An explicit request to act (not a question about the policy): opens a case for staff
ACTION_REQUEST = re.compile(
    r"\b(i want|i'd like|i would like|i need|please|can you|could you|i wish|help me)\b.{0,40}?"
    r"\b(cancel|refund|return|send (it|them) back|exchange|swap|change (my|the) (order|address|size))"
    r"|^\s*(please\s+)?(cancel|refund|return|exchange)\b",
    re.I,
)
THANKS = re.compile(r"\b(thanks?|thank you|thx|cheers|appreciate)\b", re.I)
# Actions only staff may take: a reply must never claim them as done or promised.
PROMISE = re.compile(
    r"\b(i|we)\s*(have|'ve|will|'ll)\s*(cancel|refund|issu|process|credit|send you|reimburs)\w*"
    r"|\b(is|has been|was|been)\s+(now\s+)?(cancel+ed|refunded|credited|reimbursed)\b"
    r"|\byou('ll| will) (get|receive) (a |your )?(refund|money|credit)",
    re.I,
)
WANTS_PERSON = re.compile(r"\b(human|person|people|agent|representative|someone|somebody|operator|staff|real|manager|supervisor)\b", re.I)
CONTACT_INFO = re.compile(r"\b(phone|number|e-?mail|address|hours|open|available|call you|contact details)\b", re.I)
WHERE_IS_ORDER = re.compile(r"\b(where|status|track|tracking|when will|arrive|shipped)\b", re.I)
BYE = re.compile(r"\b(bye|goodbye|see you|that's all)\b", re.I)
CASE_KIND = (("cancel", "cancel"), ("refund", "refund"), ("exchange", "exchange"), ("swap", "exchange"), ("return", "return"), ("send", "return"), ("change", "change"))

HANDOFF_BUTTON = Button("Talk to a person", "handoff")
RecommendHook = Callable[["Turn", Reply], None]


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
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)


class Assistant:
    """One instance per process, shared by every channel."""

    def __init__(
        self,
        *,
        store: Any,
        kb: Any,
        intents: Any,
        composer: Composer,
        bus: EventBus | None = None,
        top_k: int = 4,
        recommend: RecommendHook | None = None,
    ) -> None:
        self.store = store
        self.kb = kb
        self.intents = intents
        self.composer = composer
        self.bus = bus or EventBus()
        self.top_k = top_k
        self.recommend = recommend
        self._chat_locks: dict[str, asyncio.Lock] = {}

    # ------------------------------------------------------------------ public API
    async def handle(self, msg: IncomingMessage) -> Reply:
        """Run one turn and return the final reply."""
        reply: Reply | None = None
        async for event in self.stream(msg):
            if event["type"] == "reply":
                reply = event["reply"]
        assert reply is not None
        return reply

    async def stream(self, msg: IncomingMessage) -> AsyncIterator[dict[str, Any]]:
        """Run one turn, yielding token/replace events and finally {"type": "reply", "reply": Reply}."""
        # lock per conversation; an anonymous first message starts a conversation of its own, so it shares no lock
        key = f"conversation:{msg.conversation_id}" if msg.conversation_id else f"{msg.channel}:{msg.customer_id}" if msg.customer_id else ""
        lock = self._chat_locks.setdefault(key, asyncio.Lock()) if key else asyncio.Lock()
        async with lock:  # one turn at a time per conversation keeps replies in order
            async for event in self._turn(msg):
                yield event

    # ------------------------------------------------------------------ the pipeline
    async def _turn(self, msg: IncomingMessage) -> AsyncIterator[dict[str, Any]]:
        turn = await asyncio.to_thread(self._begin, msg)
        if turn.inbound_id is None:  # a repeat of an answered message: the stored reply, never a second turn
            yield {"type": "reply", "reply": await asyncio.to_thread(self._stored_reply, turn)}
            return
        self._publish(turn, "in", msg.text, {})
        if turn.conversation.get("mode") == "staff":
            await asyncio.to_thread(self.store.mark_answered, turn.inbound_id)
            yield {"type": "reply", "reply": Reply(text="", flags={"staff_mode"}, conversation_id=turn.conversation["id"])}
            return
        checked = check_input(msg.text)
        if checked.problem:
            text = {"empty": canned.EMPTY, "junk": canned.JUNK, "injection": canned.INJECTION}[checked.problem]
            flags = {"injection"} if checked.problem == "injection" else set()
            yield {"type": "reply", "reply": await self._finish(turn, Reply(text=text, flags=flags, intent=checked.problem))}
            return
        t = time.perf_counter()
        turn.prediction = pred = await asyncio.to_thread(self.intents.predict, checked.text)
        turn.timings["intent_s"] = time.perf_counter() - t
        reply = await self._route(turn, checked.text, pred)
        if isinstance(reply, Reply):
            if checked.truncated:
                reply.text += canned.TRUNCATED_NOTE
            await self._personalise(turn, reply)
            yield {"type": "reply", "reply": await self._finish(turn, reply)}
            return
        # otherwise: compose from a grounding, streaming tokens
        grounding, meta = reply
        streamed = ""
        composed: Composed | None = None
        history = [("user" if m["direction"] == "in" else "assistant", m["text"]) for m in turn.history if m["direction"] in ("in", "out")]
        async for piece in self.composer.astream(checked.text, grounding, history=history[-4:], intent=pred.intent.value):
            if isinstance(piece, Composed):
                composed = piece
            else:
                streamed += piece
                yield {"type": "token", "text": piece}
        assert composed is not None
        if not composed.fallback_used and meta["key_terms"] and not _mentions_any(composed.text, meta["key_terms"]):
            # the model answered around the facts the shopper asked for: show the facts themselves
            composed.text, composed.fallback_used, composed.reason = self.composer.extractive_reply(checked.text, grounding), True, "missed_facts"
        if not composed.fallback_used and PROMISE.search(composed.text):
            composed.text, composed.fallback_used, composed.reason = self.composer.extractive_reply(checked.text, grounding), True, "promise"
        if not composed.fallback_used and unsupported_quantities(composed.text, grounding.full_text()):
            composed.text, composed.fallback_used, composed.reason = self.composer.extractive_reply(checked.text, grounding), True, "quantity"
        if not composed.fallback_used and price_mismatches(composed.text, meta["catalog"]):
            composed.text, composed.fallback_used, composed.reason = self.composer.extractive_reply(checked.text, grounding), True, "price"
        if not composed.fallback_used and _echoes(composed.text, checked.text):
            composed.text, composed.fallback_used, composed.reason = self.composer.extractive_reply(checked.text, grounding), True, "echo"
        if meta["case_line"] and meta["case_line"].split(";")[0] not in composed.text:
            composed.text = f"{meta['case_line']} {composed.text}"
        if streamed and (composed.fallback_used or composed.text.strip() != streamed.strip()):
            yield {"type": "replace", "text": composed.text}
        flags = set(meta["flags"])
        if composed.fallback_used:
            flags.add("fallback_used")
        turn.timings.update({f"compose_{k}": v for k, v in composed.timings.items()})
        text = composed.text + (canned.TRUNCATED_NOTE if checked.truncated else "")
        out = Reply(text=text, sources=meta["sources"], buttons=meta["buttons"], flags=flags, intent=pred.intent.value, confidence=meta["confidence"],
                    author=self.composer.author_of(composed))
        await self._personalise(turn, out)
        yield {"type": "reply", "reply": await self._finish(turn, out)}

    async def _personalise(self, turn: Turn, reply: Reply) -> None:
        """Let the recommendation hook (and its policy) look at the finished reply."""
        if self.recommend is None:
            return
        try:
            await asyncio.to_thread(self.recommend, turn, reply)
        except Exception:  # noqa: BLE001 - a recommendation must never break a reply
            log.exception("recommendation failed")

    def _begin(self, msg: IncomingMessage) -> Turn:
        """Resolve the customer and conversation, and persist the inbound message first."""
        customer_id = msg.customer_id
        if customer_id is None and msg.conversation_id:
            # the conversation id is an unguessable token the client got from us: it names its customer
            known = self.store.get_conversation(msg.conversation_id)
            customer_id = known["customer_id"] if known else None
        customer = self.store.ensure_customer(customer_id)
        conversation = self.store.open_conversation(customer["id"], msg.channel.value, conversation_id=msg.conversation_id)
        history = self.store.messages(conversation["id"], limit=8)
        external = f"{msg.channel.value}:{msg.message_id}" if msg.message_id else None
        inbound = self.store.add_message(conversation["id"], "in", msg.text[:20_000], external_id=external)
        if inbound is None and external:
            # seen before: if a crash left it unanswered, answer it now (under its stored row); else replay the reply
            seen = self.store.find_inbound(external, conversation_id=conversation["id"])
            if seen is not None and not seen.get("answered"):
                inbound = int(seen["id"])
                history = [m for m in history if m["id"] != inbound]
        known = bool(customer.get("email")) or bool(self.store.orders_for(customer["id"]))
        return Turn(msg, customer, conversation, inbound, history, known)

    async def _route(self, turn: Turn, text: str, pred: IntentPrediction) -> Reply | tuple[Grounding, dict[str, Any]]:
        """Decide what kind of turn this is; return a finished Reply or a grounding to compose from."""
        intent = pred.intent
        seed = turn.conversation["id"]
        if intent == Intent.GREETING and len(text.split()) <= 8:
            if THANKS.search(text):
                return Reply(text=canned.pick(canned.THANKS, seed), intent=intent.value, confidence=pred.confidence)
            if BYE.search(text):
                return Reply(text=canned.pick(canned.GOODBYE, seed), intent=intent.value, confidence=pred.confidence)
            return Reply(text=canned.pick(canned.GREETING, seed), intent=intent.value, confidence=pred.confidence)
        if intent == Intent.HUMAN_AGENT and WANTS_PERSON.search(text) and not CONTACT_INFO.search(text):
            return Reply(text=canned.HANDOFF, flags={"handoff"}, intent=intent.value, confidence=pred.confidence)

        tools = ToolResult()
        if intent == Intent.ORDER_STATUS or order_ids_in(text):
            tools = await asyncio.to_thread(order_facts, text, turn.customer["id"], self.store, known_customer=turn.known_customer)
            if tools.canned == "verify" and not tools.order_ids and not WHERE_IS_ORDER.search(text):
                tools = ToolResult()  # a policy question about orders ("my parcel says delivered but…"): answer it
            if tools.canned:
                message = {"verify": canned.VERIFY_ORDER, "not_yours": canned.ORDER_NOT_YOURS, "no_orders": canned.NO_ORDERS}[tools.canned]
                flags = {"order_not_verified"} if tools.canned != "no_orders" else set()
                return Reply(text=message, flags=flags, buttons=[HANDOFF_BUTTON], intent=intent.value, confidence=pred.confidence)

        query = rewrite_query(text, turn.history)
        catalog = await asyncio.to_thread(self.kb.products)
        products = find_products(text, catalog)
        if not products and is_followup(text):
            by_sku = {p.get("sku"): p for p in catalog}
            products = [by_sku[s] for s in products_in_context(turn.history) if s in by_sku][:1]
        if products:
            found = product_facts(products, text)
            tools.facts += found.facts
            tools.products = found.products
            tools.key_terms += found.key_terms

        t = time.perf_counter()
        hits: list[Hit] = await asyncio.to_thread(self.kb.search, query, k=self.top_k, prefer_products=intent == Intent.PRODUCT_SEARCH)
        turn.timings["retrieve_s"] = time.perf_counter() - t
        confidence = self.kb.confidence(query, hits)
        decision = self.kb.calibration.decide(confidence)
        if tools.facts:
            confidence, decision = max(confidence, 0.9), "answer"
        flags: set[str] = set()
        buttons: list[Button] = []
        if pred.out_of_scope and decision != "answer":
            return Reply(text=canned.OUT_OF_SCOPE, flags={"out_of_scope", "handoff"}, buttons=[HANDOFF_BUTTON], intent=Intent.OUT_OF_SCOPE.value, confidence=confidence)
        if decision == "handoff":
            return Reply(text=canned.NOT_SURE, flags={"low_confidence", "handoff"}, buttons=[HANDOFF_BUTTON], intent=intent.value, confidence=confidence)
        if decision == "clarify":
            return Reply(text=canned.CLARIFY, flags={"low_confidence"}, buttons=[HANDOFF_BUTTON], intent=intent.value, confidence=confidence)

        if intent in (Intent.ORDER_CHANGE, Intent.RETURNS_REFUNDS) and ACTION_REQUEST.search(text):
            kind = next((k for word, k in CASE_KIND if word in text.lower()), "request")
            order_id = tools.order_ids[0] if tools.order_ids else None
            case_id = await asyncio.to_thread(
                self.store.create_case, conversation_id=turn.conversation["id"], customer_id=turn.customer["id"], kind=kind, summary=text[:500], order_id=order_id
            )
            tools.facts.insert(0, f"We have opened request number {case_id} for our team to review your {kind} request; a person will confirm the next steps.")
            flags.add("case_opened")
        if intent == Intent.COMPLAINT:
            flags.add("complaint")
            buttons.append(HANDOFF_BUTTON)

        sources = self._sources(tools, hits)
        structured = self._structured_answer(tools, text, flags)
        if structured is not None:
            return Reply(text=structured, sources=sources, buttons=buttons, flags=flags | {"structured"}, intent=intent.value, confidence=confidence,
                         author=Author.TEMPLATE)

        known = list({str(p.get("name")) for p in catalog if p.get("name")} | {str(p.get("brand")) for p in catalog if p.get("brand")})
        grounding = Grounding(passages=[_passage(h) for h in hits[:3]], facts=tools.facts, known_names=known)
        meta = {"flags": flags, "buttons": buttons, "sources": sources, "confidence": confidence, "key_terms": tools.key_terms,
                "case_line": tools.facts[0] if "case_opened" in flags else "", "catalog": catalog}
        return grounding, meta

    @staticmethod
    def _sources(tools: ToolResult, hits: list[Hit]) -> list[dict[str, str]]:
        sources = [{"title": f"Order {oid}", "source": "orders", "doc_id": f"order:{oid}"} for oid in tools.order_ids]
        sources += [{"title": str(p["name"]), "source": "catalog", "doc_id": f"product:{p['sku']}", "sku": str(p["sku"])} for p in tools.products]
        for h in hits[:3]:
            if h.doc_id not in {s["doc_id"] for s in sources}:
                src = {"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id}
                if h.passage.metadata.get("sku"):
                    src["sku"] = str(h.passage.metadata["sku"])
                sources.append(src)
        return sources[:4]

    @staticmethod
    def _structured_answer(tools: ToolResult, text: str, flags: set[str]) -> str | None:
        """Order status and product price/stock/size/colour questions are answered from the data by template."""
        if "case_opened" in flags:
            return None
        if tools.orders and not tools.products:
            return " ".join(order_answer(o) for o in tools.orders)
        if len(tools.products) == 1 and asks_structured_product(text):
            return product_answer(tools.products[0], text, size=asked_size(text))
        return None

    async def _finish(self, turn: Turn, reply: Reply) -> Reply:
        """Persist the outbound reply, flag the conversation, publish the event."""
        reply.conversation_id = turn.conversation["id"]
        reply.timings = {**turn.timings, **reply.timings, "total_s": time.perf_counter() - turn.started}
        reply.message_id = await asyncio.to_thread(self._persist, turn, reply)
        self._publish(turn, "out", reply.text, {"flags": sorted(reply.flags), "intent": reply.intent, "message_id": reply.message_id})
        return reply

    def _stored_reply(self, turn: Turn) -> Reply:
        """The reply already stored for a repeated message id (empty when there is none, e.g. staff held it)."""
        conv_id = turn.conversation["id"]
        external = f"{turn.msg.channel.value}:{turn.msg.message_id}"
        seen = self.store.find_inbound(external, conversation_id=conv_id)
        stored = self.store.reply_for(int(seen["id"])) if seen is not None else None
        if stored is None:
            return Reply(text="", flags={"duplicate"}, conversation_id=conv_id)
        return Reply(text=stored["text"], sources=stored.get("sources") or [], flags=set(stored.get("flags") or []) | {"duplicate"},
                     intent=stored.get("intent") or "", confidence=stored.get("confidence") or 0.0, conversation_id=conv_id,
                     message_id=int(stored["id"]))

    def _persist(self, turn: Turn, reply: Reply) -> int | None:
        conv_id = turn.conversation["id"]
        # the reply and the "answered" mark commit together: a crash leaves either both or neither
        msg_id = self.store.add_reply(
            conv_id, turn.inbound_id, reply.text, intent=reply.intent, confidence=reply.confidence, sources=reply.sources,
            flags=sorted(reply.flags), timings=reply.timings,
        )
        if turn.inbound_id is not None:
            if turn.prediction is not None:
                self.store.annotate_message(turn.inbound_id, intent=turn.prediction.intent.value, confidence=turn.prediction.confidence)
        staff_flags = reply.flags & {"handoff", "low_confidence", "fallback_used", "complaint", "out_of_scope", "injection", "order_not_verified"}
        if staff_flags:
            self.store.flag_conversation(conv_id, *staff_flags)
        return msg_id

    def _publish(self, turn: Turn, direction: str, text: str, extra: dict[str, Any]) -> None:
        self.bus.publish(
            {"type": "message", "conversation_id": turn.conversation["id"], "customer_id": turn.customer["id"],
             "channel": turn.msg.channel.value, "direction": direction, "text": text, **extra}
        )


def _passage(hit: Hit) -> dict[str, str]:
    """A grounding passage: the chunk's heading path as its title, the body as its text."""
    text = hit.passage.text
    first, _, rest = text.partition("\n")
    if rest and (first == hit.passage.title or " > " in first):
        return {"title": first, "source": hit.passage.source, "text": rest.strip()}
    return {"title": hit.passage.title, "source": hit.passage.source, "text": text}


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


def _echoes(reply: str, question: str) -> bool:
    """A reply that repeats the question (or is itself only a question) answers nothing."""
    r, q = _words(reply), _words(question)
    if not r:
        return True
    overlap = len(r & q) / len(r | q)
    return overlap >= 0.6 or (reply.strip().endswith("?") and reply.count(".") == 0)


def _mentions_any(text: str, terms: list[str]) -> bool:
    low = text.lower()
    return any(t.lower() in low for t in terms if t)
