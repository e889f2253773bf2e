"""The turn pipeline: persist, understand, ground, compose, verify, personalise, persist, publish.

Routing (what answers a turn) is `bot.core.router`; orders and complaints `bot.core.order_desk`; the turn's
state and the Plan the router returns `bot.core.turn`."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

from bot.core import canned
from bot.core.answer_check import answers_nothing, check_reply, wording_lost_a_part
from bot.core.case_followups import (
    level_window_reply,
    said_last,
    with_carried_subject,
    with_case_fact,
    with_swapped_part,
)
from bot.core.case_shipping import case_shipping_reply
from bot.core.composed_gate import subject_problems
from bot.core.composer import Composed, Composer
from bot.core.earned_lead import earned_lead
from bot.core.echo import about_the_text, echoes
from bot.core.events import EventBus
from bot.core.free_terms import shipping_terms
from bot.core.guard import Checked, check_input
from bot.core.lookups import price_mismatches
from bot.core.lost_parts import fill_lost_parts
from bot.core.notices import without_planted_notice
from bot.core.order_followups import with_order_item
from bot.core.order_pick import with_order_return, with_picked_order
from bot.core.other_order import with_other_order
from bot.core.own_level import own_level_reply
from bot.core.own_person import for_oneself
from bot.core.plus_case import member_case_reply
from bot.core.policy_answers import refocus
from bot.core.ports import IntentPort, KnowledgePort, StorePort
from bot.core.product_variants import gender_version_reply, with_named_variant
from bot.core.promise_notes import promise_note
from bot.core.promises import find_promises
from bot.core.quantities import unsupported_quantities
from bot.core.rewording import shown_at_once
from bot.core.router import Router
from bot.core.small_talk import without_small_talk
from bot.core.state_followups import same_questions, state_reply, with_carried_gender
from bot.core.turn import Plan, RecommendHook, Turn, mentions_any, next_state
from bot.core.unsure_answers import answer_unsure
from bot.domain import (
    STAFF_FLAGS,
    ConversationState,
    Flag,
    IncomingMessage,
    Reply,
    flags_from,
    intent_from,
)

log = logging.getLogger(__name__)

__all__ = ["Assistant", "Turn"]


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
        self.router = Router(store=store, kb=kb, composer=composer, top_k=top_k, intents=intents)
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
        if turn.conversation.get("mode") == "staff":  # staff hold the conversation: the bot stays silent
            await asyncio.to_thread(self.store.mark_answered, turn.inbound_id)
            yield {
                "type": "reply",
                "reply": Reply(text="", flags={Flag.STAFF_MODE}, conversation_id=turn.conversation["id"]),
            }
            return
        checked = without_planted_notice(check_input(msg.text))  # "[SYSTEM NOTICE] ...": the shopper's own words
        if checked.problem:  # empty, junk or an injection attempt: a polite canned reply, no model
            text = {"empty": canned.EMPTY, "junk": canned.JUNK, "injection": canned.INJECTION}[checked.problem]
            flags = {Flag.INJECTION} if checked.problem == "injection" else set()
            yield {
                "type": "reply",
                "reply": await self._finish(turn, Reply(text=text, flags=flags, intent=checked.problem)),
            }
            return
        checked = replace(checked, text=without_small_talk(checked.text))  # "hi, how long ...?": the question
        t = time.perf_counter()
        turn.prediction = pred = await asyncio.to_thread(self.intents.predict, checked.text)
        turn.timings["intent_s"] = time.perf_counter() - t
        catalog = self.kb.products()  # "same q's" about another product; "and ankle boots?" after women's boots
        asked = for_oneself(turn, same_questions(checked.text, turn.history, catalog) or checked.text, catalog)
        asked = with_carried_gender(asked, turn.state, catalog) or asked
        asked = with_named_variant(asked, turn, catalog) or asked  # "what about the calvin klein one": its same q's
        asked = with_order_item(asked, turn, catalog, self.store.get_order) or asked  # "how do I wash it?": the item
        asked = with_picked_order(asked, turn, catalog, self.store.get_order) or asked  # "the one with the jeans"
        asked = with_order_return(asked, turn, catalog, self.store.get_order) or asked  # "can I still return it?"
        asked = with_other_order(asked, turn, catalog, self.store.orders_for) or asked  # "what about the coat order"
        if (
            case := with_swapped_part(asked, turn.state) or with_carried_subject(asked, said_last(turn))
        ) is not None or (
            case := with_case_fact(asked, turn.state, catalog)
        ) is not None:  # "and silver?": the last question for Silver
            asked, turn.prediction = case, (pred := await asyncio.to_thread(self.intents.predict, case))
        plan = await self._from_state(turn, asked) or await self.router.route(turn, asked, pred)
        if plan.reply is not None:  # an answer from the data (maybe worded by the model) shows at once
            # "free overnight": its rule; the account's real level; what is free for a Gold member
            plan.reply.text = shipping_terms(plan.reply.text, checked.text, turn, self.kb)
            plan.reply = fill_lost_parts(plan.reply, checked.text, turn.request, turn.state, self.kb)
            plan.reply = earned_lead(plan.reply, checked.text, self.kb)  # a "Yes" the stated case earns; a cut-off
            promise_note(plan.reply, checked.text, turn.request, self.kb)  # a promise asked for: what is and isn't
            # every asked slot stated, or named as unsure with a person offered
            plan.reply = check_reply(plan.reply, checked.text, turn.request, not_sure=self.composer.not_sure)
            plan.reply = answer_unsure(plan.reply, checked.text, turn, self.kb)  # a "not sure" part the data answers
            data = (plan.reply.text, plan.reply.author)
            async for event in shown_at_once(self.composer.rewriter, checked, plan.reply, self.kb.products):
                yield event
            if wording_lost_a_part(checked.text, data, plan.reply):  # the data's text again, every part said
                yield {"type": "replace", "text": plan.reply.text}
            await self._personalise(turn, plan.reply)
            yield {"type": "reply", "reply": await self._finish(turn, plan.reply)}
            return
        async for event in self._composed(turn, checked, plan):  # otherwise: compose from the grounding, streaming
            yield event

    async def _from_state(self, turn: Turn, text: str) -> Plan | None:
        """A follow-up the conversation's state answers (a restock, an international price), or the account's own
        level asked, before any search."""
        search = lambda q: self.kb.search(q, k=4)  # noqa: E731
        found = await asyncio.to_thread(state_reply, turn, text, self.kb.products(), search, self.store.get_order)
        found = found or await asyncio.to_thread(level_window_reply, turn, text, self.kb)  # "... as a Silver member?"
        found = found or await asyncio.to_thread(own_level_reply, turn, text, self.kb)  # "what level am i?"
        found = found or await asyncio.to_thread(member_case_reply, turn, text, self.kb, self.store.orders_for)
        found = found or gender_version_reply(turn, text, self.kb.products())  # "is there a womens version?"
        found = found or await asyncio.to_thread(  # "how much to ship that to Canada?": the case's price decides
            case_shipping_reply, turn, text, self.kb.products(), self.kb, self.store.get_order
        )
        if found is None:
            return None
        reply, turn.request = found
        return Plan.answer(reply)

    async def _composed(self, turn: Turn, checked: Checked, plan: Plan) -> AsyncIterator[dict[str, Any]]:
        """Stream the model's checked sentences; replace them with the extractive reply when a check fails."""
        assert turn.prediction is not None
        pred = turn.prediction
        streamed = ""
        composed: Composed | None = None
        history = [
            ("user" if m["direction"] == "in" else "assistant", m["text"])
            for m in turn.history
            if m["direction"] in ("in", "out")
        ]
        async for piece in self.composer.astream(
            checked.text, plan.grounding, history=history[-4:], intent=pred.intent.value
        ):
            if isinstance(piece, Composed):
                composed = piece
            else:
                streamed += piece
                yield {"type": "token", "text": piece}
        composed = refocus(self.composer, composed, plan.focus, checked.text, plan.grounding)
        reason = None if composed.fallback_used else self._failed_check(composed.text, checked.text, plan)
        if reason is not None:
            composed.text = self.composer.extractive_reply(plan.focus, plan.grounding, asked=checked.text)
            composed.fallback_used, composed.reason = True, reason
        if composed.fallback_used and plan.slot_text:  # the slot table's row, not a passage near the question
            composed.text = plan.slot_text
        composed.text = fill_lost_parts(Reply(text=composed.text), checked.text, turn.request, turn.state, self.kb).text
        composed.text = earned_lead(Reply(text=composed.text), checked.text, self.kb).text  # the cut-off applied
        # every asked slot stated; a reply that states none (a nearby sentence without the value) is "not sure"
        answer = Reply(text=composed.text, flags=set(plan.flags), author=self.composer.author_of(composed))
        answer = check_reply(answer, checked.text, turn.request, not_sure=self.composer.not_sure, composed=True)
        answer = answer_unsure(answer, checked.text, turn, self.kb)  # a "not sure" part the data answers
        unsure = answer.text == self.composer.not_sure != composed.text
        if answer.text != composed.text:
            composed.text = answer.text
            composed.fallback_used = composed.fallback_used or unsure
            composed.reason = composed.reason or ("unanswered" if unsure else "")
        if plan.case_line and plan.case_line.split(";")[0] not in composed.text:  # the case number is always said
            composed.text = f"{plan.case_line} {composed.text}"
        composed.text = shipping_terms(
            composed.text, checked.text, turn, self.kb
        )  # the account's level, when it matters
        if streamed and (composed.fallback_used or composed.text.strip() != streamed.strip()):
            yield {"type": "replace", "text": composed.text}
        flags = set(plan.flags) | ({Flag.LOW_CONFIDENCE, Flag.HANDOFF} if unsure else set())
        if composed.fallback_used:
            flags.add(Flag.FALLBACK_USED)
        turn.timings.update({f"compose_{k}": v for k, v in composed.timings.items()})
        out = Reply(
            text=composed.text + (canned.TRUNCATED_NOTE if checked.truncated else ""),
            sources=plan.sources,
            buttons=plan.buttons + [b for b in answer.buttons if b not in plan.buttons],
            flags=flags,
            intent=pred.intent,
            confidence=plan.confidence,
            author=self.composer.author_of(composed),
        )
        await self._personalise(turn, out)
        yield {"type": "reply", "reply": await self._finish(turn, out)}

    @staticmethod
    def _failed_check(text: str, asked: str, plan: Plan) -> str | None:
        """The first of the checks after the verifier that the model's reply fails (None: it passes them all)."""
        g = plan.grounding
        checks = (
            # the model answered around the facts the shopper asked for: show the facts themselves
            ("missed_facts", lambda: bool(plan.key_terms) and not mentions_any(text, plan.key_terms)),
            # a refund, cancellation or exception only staff may grant
            ("promise", lambda: bool(find_promises(text, grounding=g.full_text(), account_facts="\n".join(g.facts)))),
            # a number (days, dollars, percent) the grounding does not state
            ("quantity", lambda: bool(unsupported_quantities(text, g.full_text()))),
            # a price that is not the catalog's price of the product named
            ("price", lambda: bool(price_mismatches(text, plan.catalog))),
            # the shopper's own words handed back as an answer
            ("echo", lambda: bool(echoes(text, asked, names=g.known_names))),
            # "This information provides details about ...": about the text, not what it says
            ("meta", lambda: about_the_text(text)),
            # a true sentence that states none of the asked values ("we ship to Canada" for "how much")
            ("unanswered", lambda: answers_nothing(asked, text)),
            # a yes/no nobody asked, one yes for two questions, a product of another kind than the one asked for
            (
                "subject",
                lambda: bool(subject_problems(text, asked, grounding_text=g.full_text(), known_names=g.known_names)),
            ),
        )
        return next((reason for reason, failed in checks if failed()), None)

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
            cards=[c.sku for c in reply.cards],  # a card click is counted only for a card this reply showed
            timings=reply.timings,
            author=reply.author.value,  # model / template / extractive / canned: the metrics page's shares
        )
        if turn.inbound_id is not None and turn.prediction is not None:
            self.store.annotate_message(
                turn.inbound_id, intent=turn.prediction.intent.value, confidence=turn.prediction.confidence
            )
        if turn.request is not None:
            self.store.save_conversation_state(conv_id, next_state(turn.state, turn.request, reply).to_dict())
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
