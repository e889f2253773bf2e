"""The turn pipeline: persist, understand, ground, compose, verify, personalise, persist, publish."""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.core import canned
from bot.core.answers import (
    asks_structured_product,
    matching_orders,
    order_answer,
    order_aspect_answer,
    order_label,
    product_answer,
    product_fact_answer,
)
from bot.core.catalog import compare_text, discovery_text, search
from bot.core.composer import Composed, Composer, Grounding
from bot.core.echo import echoes
from bot.core.events import EventBus
from bot.core.followup import is_followup, products_in_context, rewrite_query
from bot.core.guard import check_input
from bot.core.lookups import (
    ToolResult,
    asked_size,
    find_products,
    order_facts,
    order_ids_in,
    price_mismatches,
    product_facts,
)
from bot.core.policy_answers import asks_where, care_reply, contact_value_found, data_reply, merged_hits, refocus
from bot.core.ports import IntentPort, KnowledgePort, StorePort
from bot.core.promises import account_status_question, cannot_check_reply, find_promises, promise_request
from bot.core.quantities import unsupported_quantities
from bot.core.questions import policy_query, subject_hint
from bot.core.request import understand
from bot.core.rewording import shown_at_once
from bot.domain import (
    STAFF_FLAGS,
    Author,
    Button,
    ConversationState,
    Decision,
    Flag,
    Hit,
    IncomingMessage,
    Intent,
    IntentPrediction,
    ProductCard,
    Reply,
    Request,
    RequestKind,
    flags_from,
    intent_from,
)

log = logging.getLogger(__name__)

# An explicit request to act (not a question about the policy): opens a case for staff
ACTION_REQUEST = re.compile(
    r"\b(i want|i'd like|i would like|i need|please|can you|could you|i wish|help me)\b.{0,40}?"
    r"\b(cancel|refund|return|send (it|them) back|exchange|swap|change (my|the) (order|address|size))"
    r"|^\s*(please\s+)?(cancel|refund|return|exchange)\b",
    re.I,
)
THANKS = re.compile(r"\b(thanks?|thank you|thx|cheers|appreciate)\b", re.I)
WANTS_PERSON = re.compile(
    r"\b(human|person|people|agent|representative|someone|somebody|operator|staff|real|manager|supervisor)\b", re.I
)
CONTACT_INFO = re.compile(r"\b(phone|number|e-?mail|address|hours|open|available|call you|contact details)\b", re.I)
WHERE_IS_ORDER = re.compile(r"\b(where|status|track|tracking|when will|arrive|shipped)\b", re.I)
BYE = re.compile(r"\b(bye|goodbye|see you|that's all)\b", re.I)
CASE_KIND = (
    ("cancel", "cancel"),
    ("refund", "refund"),
    ("exchange", "exchange"),
    ("swap", "exchange"),
    ("return", "return"),
    ("send", "return"),
    ("change", "change"),
)

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
    state: ConversationState = field(default_factory=ConversationState)
    request: Request | None = None
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)


class Assistant:
    """One instance per process, shared by every channel."""

    def __init__(
        self,
        *,
        store: StorePort,
        kb: KnowledgePort,
        intents: IntentPort,
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
        key = (
            f"conversation:{msg.conversation_id}"
            if msg.conversation_id
            else f"{msg.channel}:{msg.customer_id}"
            if msg.customer_id
            else ""
        )
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
            yield {
                "type": "reply",
                "reply": Reply(text="", flags={Flag.STAFF_MODE}, conversation_id=turn.conversation["id"]),
            }
            return
        checked = check_input(msg.text)
        if checked.problem:
            text = {"empty": canned.EMPTY, "junk": canned.JUNK, "injection": canned.INJECTION}[checked.problem]
            flags = {Flag.INJECTION} if checked.problem == "injection" else set()
            yield {
                "type": "reply",
                "reply": await self._finish(turn, Reply(text=text, flags=flags, intent=checked.problem)),
            }
            return
        t = time.perf_counter()
        turn.prediction = pred = await asyncio.to_thread(self.intents.predict, checked.text)
        turn.timings["intent_s"] = time.perf_counter() - t
        reply = await self._route(turn, checked.text, pred)
        if isinstance(reply, Reply):  # an answer from the data (maybe worded by the model) shows at once
            async for event in shown_at_once(self.composer.rewriter, checked, reply, self.kb.products):
                yield event
            await self._personalise(turn, reply)
            yield {"type": "reply", "reply": await self._finish(turn, reply)}
            return
        # otherwise: compose from a grounding, streaming tokens
        grounding, meta = reply
        streamed = ""
        composed: Composed | None = None
        history = [
            ("user" if m["direction"] == "in" else "assistant", m["text"])
            for m in turn.history
            if m["direction"] in ("in", "out")
        ]
        async for piece in self.composer.astream(
            checked.text, grounding, history=history[-4:], intent=pred.intent.value
        ):
            if isinstance(piece, Composed):
                composed = piece
            else:
                streamed += piece
                yield {"type": "token", "text": piece}
        composed = refocus(self.composer, composed, meta["focus"], checked.text, grounding)
        if not composed.fallback_used and meta["key_terms"] and not _mentions_any(composed.text, meta["key_terms"]):
            # the model answered around the facts the shopper asked for: show the facts themselves
            composed.text, composed.fallback_used, composed.reason = (
                self.composer.extractive_reply(meta["focus"], grounding),
                True,
                "missed_facts",
            )
        promised = find_promises(
            composed.text, grounding=grounding.full_text(), account_facts="\n".join(grounding.facts)
        )
        if not composed.fallback_used and promised:
            composed.text, composed.fallback_used, composed.reason = (
                self.composer.extractive_reply(meta["focus"], grounding),
                True,
                "promise",
            )
        if not composed.fallback_used and unsupported_quantities(composed.text, grounding.full_text()):
            composed.text, composed.fallback_used, composed.reason = (
                self.composer.extractive_reply(meta["focus"], grounding),
                True,
                "quantity",
            )
        if not composed.fallback_used and price_mismatches(composed.text, meta["catalog"]):
            composed.text, composed.fallback_used, composed.reason = (
                self.composer.extractive_reply(meta["focus"], grounding),
                True,
                "price",
            )
        if not composed.fallback_used and echoes(composed.text, checked.text, names=grounding.known_names):
            composed.text, composed.fallback_used, composed.reason = (
                self.composer.extractive_reply(meta["focus"], grounding),
                True,
                "echo",
            )
        if meta["case_line"] and meta["case_line"].split(";")[0] not in composed.text:
            composed.text = f"{meta['case_line']} {composed.text}"
        if streamed and (composed.fallback_used or composed.text.strip() != streamed.strip()):
            yield {"type": "replace", "text": composed.text}
        flags = set(meta["flags"])
        if composed.fallback_used:
            flags.add(Flag.FALLBACK_USED)
        turn.timings.update({f"compose_{k}": v for k, v in composed.timings.items()})
        text = composed.text + (canned.TRUNCATED_NOTE if checked.truncated else "")
        out = Reply(
            text=text,
            sources=meta["sources"],
            buttons=meta["buttons"],
            flags=flags,
            intent=pred.intent,
            confidence=meta["confidence"],
            author=self.composer.author_of(composed),
        )
        await self._personalise(turn, out)
        yield {"type": "reply", "reply": await self._finish(turn, out)}

    async def _personalise(self, turn: Turn, reply: Reply) -> None:
        """Let the recommendation hook (and its policy) look at the finished reply."""
        if self.recommend is None:
            return
        try:
            await asyncio.to_thread(self.recommend, turn, reply)
        except Exception:
            log.exception("recommendation failed")

    def _begin(self, msg: IncomingMessage) -> Turn:
        """Resolve the customer and conversation, and persist the inbound message first."""
        customer_id = msg.customer_id
        if customer_id is None and msg.conversation_id:
            # the conversation id is an unguessable token the client got from us: it names its customer
            started = self.store.get_conversation(msg.conversation_id)
            customer_id = started["customer_id"] if started else None
        customer = self.store.ensure_customer(customer_id)
        conversation = self.store.open_conversation(
            customer["id"], msg.channel.value, conversation_id=msg.conversation_id
        )
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
        state = (
            ConversationState.from_dict(self.store.conversation_state(conversation["id"]))
            if inbound is not None
            else ConversationState()
        )
        return Turn(msg, customer, conversation, inbound, history, known, state=state)

    async def _route(self, turn: Turn, text: str, pred: IntentPrediction) -> Reply | tuple[Grounding, dict[str, Any]]:
        """Decide what kind of turn this is; return a finished Reply or a grounding to compose from."""
        intent = pred.intent
        seed = turn.conversation["id"]
        catalog = await asyncio.to_thread(self.kb.products)
        req = understand(text, pred, turn.state, catalog, known_customer=turn.known_customer)
        turn.request = req
        if req.kind == RequestKind.SMALL_TALK:
            if THANKS.search(text):
                return Reply(text=canned.pick(canned.THANKS, seed), intent=intent, confidence=pred.confidence)
            if BYE.search(text):
                return Reply(text=canned.pick(canned.GOODBYE, seed), intent=intent, confidence=pred.confidence)
            return Reply(text=canned.pick(canned.GREETING, seed), intent=intent, confidence=pred.confidence)
        if req.kind == RequestKind.HANDOFF:
            return Reply(
                text=canned.HANDOFF, flags={Flag.HANDOFF}, intent=Intent.HUMAN_AGENT, confidence=pred.confidence
            )
        if req.kind == RequestKind.COMPLAINT:
            return await asyncio.to_thread(self._complaint, turn, req, pred)
        if req.kind == RequestKind.OWN_ORDER and not ACTION_REQUEST.search(text):
            answered = await asyncio.to_thread(self._own_order, turn, req, pred, catalog)
            if answered is not None:
                return answered
        by_sku = {str(p.get("sku")): p for p in catalog}
        if req.kind == RequestKind.COMPARISON:
            a, b = (by_sku[s] for s in req.skus[:2])
            return Reply(
                text=compare_text(a, b, text),
                sources=[_product_source(a), _product_source(b)],
                cards=[_card(a), _card(b)],
                flags={Flag.STRUCTURED, Flag.CATALOG},
                intent=Intent.PRODUCT_QUESTION,
                confidence=0.9,
                author=Author.TEMPLATE,
            )
        if req.kind == RequestKind.DISCOVERY:
            result = await asyncio.to_thread(search, catalog, req.constraints)
            answer, shown = discovery_text(req.constraints, result, catalog)
            shown_flags = {Flag.STRUCTURED, Flag.CATALOG}
            if req.constraints.missing_brands or req.constraints.missing_categories:
                shown_flags.add(Flag.NOT_CARRIED)
            if not result.matches:
                shown_flags.add(Flag.NO_MATCH)
            return Reply(
                text=answer,
                sources=[_product_source(p) for p in shown][:4],
                cards=[_card(p) for p in shown],
                flags=shown_flags,
                intent=Intent.PRODUCT_SEARCH,
                confidence=0.9,
                author=Author.TEMPLATE,
            )
        if req.kind == RequestKind.PRODUCT_FACT and req.skus:
            product = by_sku.get(req.skus[0])
            if product is not None:
                fact_answer = product_fact_answer(
                    product,
                    text,
                    size=req.constraints.size or asked_size(text),
                    colours=[c for c in req.constraints.colours if c not in str(product["name"]).lower()],
                )
                if fact_answer:
                    return Reply(
                        text=fact_answer,
                        sources=[_product_source(product)],
                        flags={Flag.STRUCTURED},
                        intent=Intent.PRODUCT_QUESTION,
                        confidence=0.9,
                        author=Author.TEMPLATE,
                    )

        if (care := care_reply(text, req, catalog)) is not None:
            return care
        asked = account_status_question(text) or promise_request(text)  # a promise: never a quoted rule's "Yes"
        if asked and (asked == "promise" or not order_ids_in(text)):  # account yes/no: only the account's data answers
            return Reply(
                text=cannot_check_reply(asked, known_customer=turn.known_customer),
                flags={Flag.HANDOFF, Flag.ACCOUNT_STATUS},
                buttons=[HANDOFF_BUTTON],
                intent=intent,
                confidence=pred.confidence,
            )
        tools = ToolResult()
        if intent == Intent.ORDER_STATUS or order_ids_in(text):
            tools = await asyncio.to_thread(
                order_facts, text, turn.customer["id"], self.store, known_customer=turn.known_customer
            )
            if tools.canned == "verify" and not tools.order_ids and not asks_where(text, WHERE_IS_ORDER):
                tools = ToolResult()  # a policy question about orders ("my parcel says delivered but…"): answer it
            if tools.canned:
                message = {
                    "verify": canned.VERIFY_ORDER,
                    "not_yours": canned.ORDER_NOT_YOURS,
                    "no_orders": canned.NO_ORDERS,
                }[tools.canned]
                order_flags = {Flag.ORDER_NOT_VERIFIED} if tools.canned != "no_orders" else set()
                return Reply(
                    text=message,
                    flags=order_flags,
                    buttons=[HANDOFF_BUTTON],
                    intent=intent,
                    confidence=pred.confidence,
                )

        query = rewrite_query(text, turn.history)
        products = (
            [by_sku[s] for s in req.skus if s in by_sku]
            if req.kind == RequestKind.PRODUCT_FACT
            else find_products(text, catalog)
        )
        if not products and is_followup(text):
            products = [by_sku[s] for s in products_in_context(turn.history) if s in by_sku][:1]
        if products:
            found = product_facts(products, text)
            tools.facts += found.facts
            tools.products = found.products
            tools.key_terms += found.key_terms

        t = time.perf_counter()
        kb_search = functools.partial(
            self.kb.search, k=self.top_k, prefer_products=intent == Intent.PRODUCT_SEARCH, subject=subject_hint(pred)
        )
        focus = policy_query(query, req)  # what an extractive reply answers (see policy_query)
        hits: list[Hit] = await asyncio.to_thread(merged_hits, kb_search, query, focus)
        turn.timings["retrieve_s"] = time.perf_counter() - t
        confidence = self.kb.confidence(query, hits)
        decision = self.kb.calibration.decide(confidence)
        if tools.facts or contact_value_found(text, hits):
            confidence, decision = max(confidence, 0.9), Decision.ANSWER
        flags: set[Flag] = set()
        buttons: list[Button] = []
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
                intent=intent,
                confidence=confidence,
            )
        if decision == Decision.CLARIFY:
            return Reply(
                text=canned.CLARIFY,
                flags={Flag.LOW_CONFIDENCE},
                buttons=[HANDOFF_BUTTON],
                intent=intent,
                confidence=confidence,
            )

        if intent in (Intent.ORDER_CHANGE, Intent.RETURNS_REFUNDS) and ACTION_REQUEST.search(text):
            kind = next((k for word, k in CASE_KIND if word in text.lower()), "request")
            order_id = tools.order_ids[0] if tools.order_ids else None
            case_id = await asyncio.to_thread(
                self.store.create_case,
                conversation_id=turn.conversation["id"],
                customer_id=turn.customer["id"],
                kind=kind,
                summary=text[:500],
                order_id=order_id,
            )
            tools.facts.insert(
                0,
                f"We have opened request number {case_id} for our team to review your {kind} request; a person will confirm the next steps.",
            )
            flags.add(Flag.CASE_OPENED)
        if intent == Intent.COMPLAINT:
            flags.add(Flag.COMPLAINT)
            buttons.append(HANDOFF_BUTTON)

        sources = self._sources(tools, hits)
        structured = self._structured_answer(tools, text, flags)
        if structured is not None:
            return Reply(
                text=structured,
                sources=sources,
                buttons=buttons,
                flags=flags | {Flag.STRUCTURED},
                intent=intent,
                confidence=confidence,
                author=Author.TEMPLATE,
            )

        known = list(
            {str(p.get("name")) for p in catalog if p.get("name")}
            | {str(p.get("brand")) for p in catalog if p.get("brand")}
        )
        grounding = Grounding(passages=[_passage(h) for h in hits[:3]], facts=tools.facts, known_names=known)
        meta = {
            "flags": flags,
            "buttons": buttons,
            "sources": sources,
            "confidence": confidence,
            "key_terms": tools.key_terms,
            "case_line": tools.facts[0] if "case_opened" in flags else "",
            "focus": focus,
            "catalog": catalog,
        }
        if not flags and (answered := data_reply(text, req, grounding, self.composer, meta, intent)) is not None:
            return answered
        return grounding, meta

    # ------------------------------------------------------------------ complaints and orders
    def _complaint(self, turn: Turn, req: Request, pred: IntentPrediction) -> Reply:
        """An apology, what the policy says happens next, and the hand-off."""
        text = req.text
        parts = ["I'm sorry about that."]
        sources: list[dict[str, str]] = []
        low = text.lower()
        damaged = re.search(
            r"\b(damaged|broken|ripped|torn|defective|faulty|stained|hole|fell apart|wrong (item|size|colou?r|product))\b|\bwrong\b",
            low,
        )
        late = re.search(
            r"\b(never (arrived|came)|still (hasn'?t|haven'?t|not)|late|delayed|where is|hasn'?t arrived|not arrived)\b",
            low,
        )
        if damaged:
            quotes, hits = self._policy_quotes(
                "item arrived damaged defective or not what you ordered return refund shipping fee",
                [("damaged", "refunded"), ("damaged", "return shipping fee"), ("defective", "unworn")],
            )
            if quotes:
                parts.append("Our policy: " + " ".join(quotes[:2]))
                sources += [
                    {"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id} for h in hits[:2]
                ]
        if re.search(
            r"\b(says|shows|marked|showing) (as )?delivered\b|\bnever (got|arrived|came|received)\b|\bnot (received|arrived)\b",
            low,
        ):
            quotes, hits = self._policy_quotes(
                "package says delivered but I don't have it 7 days replacement",
                [("less than 7 days",), ("7 days", "replacement")],
            )
            if quotes:
                parts.append("Our policy: " + " ".join(quotes[:2]))
                sources += [
                    {"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id} for h in hits[:2]
                ]
        if late and turn.known_customer and turn.customer.get("id"):
            orders = self.store.orders_for(turn.customer["id"])
            ids = (
                req.order_ids
                or [o["order_id"] for o in orders if str(o.get("status")) in ("placed", "processing", "shipped")][:1]
            )
            for o in orders:
                if o["order_id"] in ids[:1]:
                    parts.append(order_answer(o))
                    sources.append(
                        {"title": f"Order {o['order_id']}", "source": "orders", "doc_id": f"order:{o['order_id']}"}
                    )
        parts.append("I've asked a person from our team to join this chat; they'll reply here as soon as they can.")
        return Reply(
            text=" ".join(parts),
            sources=sources[:4],
            buttons=[HANDOFF_BUTTON],
            flags={Flag.COMPLAINT, Flag.HANDOFF},
            intent=Intent.COMPLAINT,
            confidence=pred.confidence,
            author=Author.TEMPLATE,
        )

    def _policy_quotes(self, query: str, wanted: list[tuple[str, ...]]) -> tuple[list[str], list[Hit]]:
        """Sentences of the shop's policies that contain every word of one of the wanted groups (in that order of preference)."""
        hits: list[Hit] = self.kb.search(query, k=8)
        lines: list[str] = []
        for h in hits:
            for line in re.split(r"\n+|(?<=[.!?])\s+(?=[A-Z*])", h.passage.text):
                clean = re.sub(r"\*\*|__|^[#>\-\s]+", "", line).strip()
                clean = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", clean)
                if len(clean.split()) >= 5 and not clean.startswith("|") and clean not in lines:
                    lines.append(clean)
        out = []
        for group in wanted:
            found = next((line for line in lines if all(w in line.lower() for w in group)), None)
            if found and found not in out:
                out.append(found if found.endswith((".", "!", "?")) else found + ".")
        return out, [h for h in hits if any(q[:40] in h.passage.text.replace("**", "") for q in out)]

    def _order_policy(self) -> tuple[dict[str, str], list[Hit]]:
        """Address-change and cancellation rules, quoted from the shop's order policy."""
        quotes, hits = self._policy_quotes(
            "change the shipping address before the order ships; cancelling an order already shipped members guests",
            [
                ("once the order has", "no longer be changed"),
                ("not yet shipped", "cancel"),
                ("already shipped", "members"),
                ("already shipped", "guests"),
            ],
        )
        out: dict[str, str] = {}
        for q in quotes:
            low = q.lower()
            if "no longer be changed" in low:
                out["address_after"] = q
            elif low.startswith("not yet shipped"):
                out["cancel_before"] = q
            elif "guests" in low and "already shipped" in low:
                out["cancel_guest"] = q
            elif "members" in low and "already shipped" in low:
                out["cancel_member"] = q
        if any("change the shipping address" in h.passage.text for h in hits):
            out["address_before"] = (
                "While your order is placed or processing (not yet shipped) you can change the shipping address."
            )
        return out, hits

    def _own_order(
        self, turn: Turn, req: Request, pred: IntentPrediction, catalog: list[dict[str, Any]]
    ) -> Reply | None:
        """A known customer's own order: resolve which one, then answer the aspects asked."""
        intent = Intent.ORDER_STATUS
        if not turn.known_customer:
            if not req.order_ids and not asks_where(req.text, WHERE_IS_ORDER, mine=True):
                return None
            return Reply(
                text=canned.VERIFY_ORDER,
                flags={Flag.ORDER_NOT_VERIFIED},
                buttons=[HANDOFF_BUTTON],
                intent=intent,
                confidence=pred.confidence,
            )
        own = sorted(self.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
        by_id = {o["order_id"]: o for o in own}
        if req.order_ids:
            mine = [by_id[i] for i in req.order_ids if i in by_id]
            if not mine:
                return Reply(
                    text=canned.ORDER_NOT_YOURS,
                    flags={Flag.ORDER_NOT_VERIFIED},
                    buttons=[HANDOFF_BUTTON],
                    intent=intent,
                    confidence=pred.confidence,
                )
        elif not own:
            return Reply(text=canned.NO_ORDERS, buttons=[HANDOFF_BUTTON], intent=intent, confidence=pred.confidence)
        else:
            by_sku = {str(p.get("sku")): p for p in catalog}
            candidates = matching_orders(own, req.order_hint, by_sku) if req.order_hint else own
            if req.order_hint and not candidates:
                listing = "; ".join(order_label(o) for o in own[:3])
                return Reply(
                    text=f"I couldn't find a {req.order_hint} in your orders. Your most recent orders are: {listing}. Which one do you mean?",
                    sources=[_order_source(o) for o in own[:3]],
                    intent=intent,
                    confidence=pred.confidence,
                    flags={Flag.STRUCTURED, Flag.ASK_WHICH, Flag.ORDER},
                    author=Author.TEMPLATE,
                )
            active = [
                o for o in candidates if str(o.get("status")) in ("placed", "processing", "shipped", "out for delivery")
            ]
            where_only = set(a.value for a in req.aspects) <= {"status", "delivery", "tracking"}
            if len(candidates) == 1 or (req.order_hint and len(active) == 1 and where_only):  # the one on its way
                mine = candidates if len(candidates) == 1 else active
            elif req.order_hint and len(candidates) > 1:
                listing = "; ".join(order_label(o) for o in candidates[:3])
                return Reply(
                    text=f"You have {len(candidates)} orders with a {req.order_hint}: {listing}. Which one do you mean?",
                    sources=[_order_source(o) for o in candidates[:3]],
                    intent=intent,
                    confidence=pred.confidence,
                    flags={Flag.STRUCTURED, Flag.ASK_WHICH, Flag.ORDER},
                    author=Author.TEMPLATE,
                )
            elif len(active) == 1:
                mine = active
            elif len(active) > 1:
                if where_only:
                    mine = active[:3]  # each one's status answers "where is my order?"
                else:
                    listing = "; ".join(order_label(o) for o in active[:3])
                    return Reply(
                        text=f"You have {len(active)} orders on the way: {listing}. Which one do you mean?",
                        sources=[_order_source(o) for o in active[:3]],
                        intent=intent,
                        confidence=pred.confidence,
                        flags={Flag.STRUCTURED, Flag.ASK_WHICH, Flag.ORDER},
                        author=Author.TEMPLATE,
                    )
            else:
                mine = candidates[:1]
        aspects = [a.value for a in req.aspects] or ["status"]
        policy: dict[str, str] = {}
        hits: list[Hit] = []
        if {"address", "cancel"} & set(aspects):
            policy, hits = self._order_policy()
        if "status" in aspects and len(aspects) > 1:
            aspects.remove("status")
        if "delivery" in aspects and "tracking" in aspects:
            aspects.remove("delivery")
            aspects.append("delivery")
        membership = str(turn.customer.get("membership") or "")
        sentences: list[str] = []
        for o in mine:
            for aspect in aspects[:2]:
                line = order_aspect_answer(o, aspect, membership=membership, policy=policy)
                if line not in sentences:
                    sentences.append(line)
        answer = " ".join(sentences)
        if len(mine) > 1 and aspects != ["status"]:
            answer += " Tell me which order you mean if you'd like more detail."
        sources = [_order_source(o) for o in mine]
        sources += [{"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id} for h in hits[:1]]
        return Reply(
            text=answer,
            sources=sources[:4],
            buttons=[HANDOFF_BUTTON] if policy else [],
            flags={Flag.STRUCTURED, Flag.ORDER},
            intent=intent,
            confidence=0.95,
            author=Author.TEMPLATE,
        )

    @staticmethod
    def _sources(tools: ToolResult, hits: list[Hit]) -> list[dict[str, str]]:
        sources = [{"title": f"Order {oid}", "source": "orders", "doc_id": f"order:{oid}"} for oid in tools.order_ids]
        sources += [
            {"title": str(p["name"]), "source": "catalog", "doc_id": f"product:{p['sku']}", "sku": str(p["sku"])}
            for p in tools.products
        ]
        for h in hits[:3]:
            if h.doc_id not in {s["doc_id"] for s in sources}:
                src = {"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id}
                if h.passage.metadata.get("sku"):
                    src["sku"] = str(h.passage.metadata["sku"])
                sources.append(src)
        return sources[:4]

    @staticmethod
    def _structured_answer(tools: ToolResult, text: str, flags: set[Flag]) -> str | None:
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
        self._publish(
            turn,
            "out",
            reply.text,
            {"flags": sorted(reply.flags), "intent": reply.intent or "", "message_id": reply.message_id},
        )
        return reply

    def _stored_reply(self, turn: Turn) -> Reply:
        """The reply already stored for a repeated message id (empty when there is none, e.g. staff held it)."""
        conv_id = turn.conversation["id"]
        external = f"{turn.msg.channel.value}:{turn.msg.message_id}"
        seen = self.store.find_inbound(external, conversation_id=conv_id)
        stored = self.store.reply_for(int(seen["id"])) if seen is not None else None
        if stored is None:
            return Reply(text="", flags={Flag.DUPLICATE}, conversation_id=conv_id)
        return Reply(
            text=stored["text"],
            sources=stored.get("sources") or [],
            flags=flags_from(stored.get("flags")) | {Flag.DUPLICATE},
            intent=intent_from(stored.get("intent")),
            confidence=stored.get("confidence") or 0.0,
            conversation_id=conv_id,
            message_id=int(stored["id"]),
        )

    def _persist(self, turn: Turn, reply: Reply) -> int | None:
        conv_id = turn.conversation["id"]
        # the reply and the "answered" mark commit together: a crash leaves either both or neither
        msg_id = self.store.add_reply(
            conv_id,
            turn.inbound_id,
            reply.text,
            intent=reply.intent or "",
            confidence=reply.confidence,
            sources=reply.sources,
            flags=sorted(reply.flags),
            timings=reply.timings,
            author=reply.author.value,  # model / template / extractive / canned: the metrics page's shares
        )
        if turn.inbound_id is not None and turn.prediction is not None:
            self.store.annotate_message(
                turn.inbound_id, intent=turn.prediction.intent.value, confidence=turn.prediction.confidence
            )
        if turn.request is not None:
            self.store.save_conversation_state(conv_id, _next_state(turn.state, turn.request, reply).to_dict())
        staff_flags = reply.flags & STAFF_FLAGS  # these put the conversation on staff's list
        if staff_flags:
            self.store.flag_conversation(conv_id, *staff_flags)
        return msg_id

    def _publish(self, turn: Turn, direction: str, text: str, extra: dict[str, Any]) -> None:
        self.bus.publish(
            {
                "type": "message",
                "conversation_id": turn.conversation["id"],
                "customer_id": turn.customer["id"],
                "channel": turn.msg.channel.value,
                "direction": direction,
                "text": text,
                **extra,
            }
        )


def _next_state(state: ConversationState, req: Request, reply: Reply) -> ConversationState:
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
    if req.kind == RequestKind.DISCOVERY:
        new.constraints = req.constraints
        new.constraints.missing_brands, new.constraints.missing_categories = [], []
    if req.kind == RequestKind.POLICY:
        new.topic = req.text
    new.shown = list(dict.fromkeys(new.shown + [c.sku for c in reply.cards] + skus))
    return new


def _order_source(order: dict[str, Any]) -> dict[str, str]:
    return {"title": f"Order {order['order_id']}", "source": "orders", "doc_id": f"order:{order['order_id']}"}


def _product_source(p: dict[str, Any]) -> dict[str, str]:
    return {"title": str(p["name"]), "source": "catalog", "doc_id": f"product:{p['sku']}", "sku": str(p["sku"])}


def _card(p: dict[str, Any]) -> ProductCard:
    return ProductCard(
        sku=str(p["sku"]), name=str(p["name"]), price=float(p.get("price") or 0), currency=str(p.get("currency", "USD"))
    )


def _passage(hit: Hit) -> dict[str, str]:
    """A grounding passage: the chunk's heading path as its title, the body as its text."""
    text = hit.passage.text
    first, _, rest = text.partition("\n")
    if rest and (first == hit.passage.title or " > " in first):
        return {"title": first, "source": hit.passage.source, "text": rest.strip()}
    return {"title": hit.passage.title, "source": hit.passage.source, "text": text}


def _mentions_any(text: str, terms: list[str]) -> bool:
    low = text.lower()
    return any(t.lower() in low for t in terms if t)
