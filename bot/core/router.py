"""Decide what a turn is and what answers it: a finished reply from the data, or a grounding to compose from."""

from __future__ import annotations

import asyncio
import functools
import time
from typing import Any

from bot.core import canned
from bot.core.catalog.honest_list import discover
from bot.core.catalog_replies import brands_reply, comparison_reply, product_fact_reply
from bot.core.catalog_replies import catalog_reply as _template
from bot.core.catalog_replies import on_list as _on_list
from bot.core.composer import Composer, Grounding
from bot.core.contact_channels import contact_first, talk_reply
from bot.core.discussed_order import discussed_reply
from bot.core.followup import is_followup, products_in_context
from bot.core.lookups import ToolResult, find_products, order_facts, order_ids_in, product_facts, products_by_sku
from bot.core.order_desk import WHERE_IS_ORDER, OrderDesk
from bot.core.order_which import unverified_reply
from bot.core.order_words import ACTION_REQUEST
from bot.core.page_answers import page_answer
from bot.core.parts import Parts, joined, plain, policy_joined, policy_reply, product_dump
from bot.core.plain_asks import premise_or_plain
from bot.core.policy_answers import (
    asked_faq,
    asked_term_found,
    asks_where,
    care_reply,
    contact_value_found,
    with_member_tier,
)
from bot.core.ports import IntentPort, KnowledgePort, StorePort
from bot.core.promises import account_status_question, cannot_check_reply, promise_request
from bot.core.questions import policy_query, shipping_place, subject_hint
from bot.core.referent import about_product_kind, carried_query
from bot.core.refusals import Refusals
from bot.core.request import understand
from bot.core.router_tools import grounded_sources, structured_answer
from bot.core.sentences import split_sentences
from bot.core.service_asks import service_or_exchange
from bot.core.shopper_facts import ShopperFacts, from_home
from bot.core.size_fit import measured_size_reply
from bot.core.slot_answers import from_data
from bot.core.turn import HANDOFF_BUTTON, Plan, Turn, passage
from bot.core.two_part import question_parts
from bot.core.unsure import context_queries, unsure_reply
from bot.core.unsure_answers import rule_part
from bot.domain import Author, Button, Decision, Flag, Hit, Intent, IntentPrediction, Reply, Request, RequestKind

# An explicit request to act (not a question about the policy): opens a case for staff
CASE_KIND = (
    ("cancel", "cancel"),
    ("refund", "refund"),
    ("exchange", "exchange"),
    ("swap", "exchange"),
    ("return", "return"),
    ("send", "return"),
    ("change", "change"),
)
UNLISTED_PLACE_QUERY = "Which countries do you not ship to?"
ORDER_CANNED = {"verify": canned.VERIFY_ORDER, "not_yours": canned.ORDER_NOT_YOURS, "no_orders": canned.NO_ORDERS}


class Router:
    """Reads the request and the data; opens a case when asked to act. Composing and persisting are the assistant's."""

    def __init__(
        self,
        *,
        store: StorePort,
        kb: KnowledgePort,
        composer: Composer,
        top_k: int = 4,
        intents: IntentPort | None = None,
    ) -> None:
        self.store = store
        self.kb = kb
        self.composer = composer
        self.top_k = top_k
        self.orders = OrderDesk(store, kb)
        self.refusals = Refusals(store, kb)
        extractive = lambda plan: composer.extractive_reply(plan.focus, plan.grounding)  # noqa: E731
        self.parts = Parts(self.route, extractive, composer.not_sure, intents.predict if intents else None)
        self.facts = ShopperFacts(store, kb)  # another person's data; "can I still return it?"; "how much back?"

    async def route(self, turn: Turn, text: str, pred: IntentPrediction) -> Plan:
        """Decide what kind of turn this is: a Plan holding a finished Reply, or a grounding to compose from."""
        catalog = await asyncio.to_thread(self.kb.products)
        req = understand(text, pred, turn.state, catalog, known_customer=turn.known_customer)
        turn.request = req = await asyncio.to_thread(self.orders.by_item, turn, req, catalog)  # their order's item
        asked_for = await asyncio.to_thread(self.refusals.refusal_or_payment, turn, req, pred)
        if asked_for is not None:
            return Plan.answer(asked_for)
        if (corrected := await asyncio.to_thread(premise_or_plain, self.kb, text, pred)) is not None:
            return Plan.answer(corrected)  # "your agent promised me a refund"; "forgot my pw", "do u price match?"
        if (sized := await asyncio.to_thread(measured_size_reply, self.kb, turn, req, pred, catalog)) is not None:
            return Plan.answer(sized)  # "15.5 neck, 39 chest": the size guide's size, then the kind in it
        if (reach := await asyncio.to_thread(contact_first, self.kb, text, pred, turn.history)) is not None:
            return Plan.answer(reach)  # "fine whats the number?" after a person was offered; "..., open on Christmas?"
        if (mine := await asyncio.to_thread(discussed_reply, self.store, self.kb, turn, text, pred)) is not None:
            return Plan.answer(mine)  # "how many times have I ordered it?", "as store credit instead?": that order's
        if not ACTION_REQUEST.search(text) and (each := await self.parts.answer(turn, req, text, pred, catalog)):
            return Plan.answer(each)  # two or three questions: each answered from its own source
        if (
            service := await asyncio.to_thread(service_or_exchange, self.kb, self.store, turn, req, catalog)
        ) is not None:
            return Plan.answer(service)  # a service for a kind of item or an order, an exchange: the shop's own lines
        if (checked := await asyncio.to_thread(self.facts.reply, turn, req, text, pred, catalog)) is not None:
            return Plan.answer(checked)  # the shopper's own facts (level, date, country) checked against the rules
        if (paged := await asyncio.to_thread(page_answer, self.kb, req, text, pred)) is not None:
            return Plan.answer(paged)  # "a number I can ring?", "do your shirts run small?": contact page, size guide
        if (direct := await self._direct(turn, req, text, pred, catalog)) is not None:
            return Plan.answer(direct)
        if req.kind == RequestKind.POLICY and (parts := question_parts(text)) and not ACTION_REQUEST.search(text):
            both = await self._each_part(turn, req, parts, pred, catalog)  # each part answered from the data
            if both is not None:
                return Plan.answer(both)
        # care from the catalog; an account yes/no; an order lookup: each answered from the data or not at all
        guarded = care_reply(text, req, catalog)
        if guarded is None:
            guarded = self._account_question(turn, text, pred)
        if guarded is not None:
            return Plan.answer(guarded)
        tools = ToolResult()
        if pred.intent == Intent.ORDER_STATUS or order_ids_in(text):
            tools = await asyncio.to_thread(
                order_facts, text, turn.customer["id"], self.store, known_customer=turn.known_customer
            )
            if tools.canned == "verify" and not tools.order_ids and not asks_where(text, WHERE_IS_ORDER):
                tools = ToolResult()  # a policy question about orders ("my parcel says delivered but…"): answer it
            if tools.canned == "verify":  # what to send, or with an order number and an e-mail: a person checks it
                return Plan.answer(unverified_reply(text, pred))
            if tools.canned:
                flags = {Flag.ORDER_NOT_VERIFIED} if tools.canned != "no_orders" else set()
                said = ORDER_CANNED[tools.canned]
                reply = Reply(
                    said, flags=flags, buttons=[HANDOFF_BUTTON], intent=pred.intent, confidence=pred.confidence
                )
                return Plan.answer(reply)
        return await self._grounded(turn, req, text, pred, catalog, tools)

    async def _direct(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, catalog: list[dict[str, Any]]
    ) -> Reply | None:
        """Kinds of request answered without retrieval: small talk, a person, complaints, orders, the catalog."""
        seed = turn.conversation["id"]
        if req.kind == RequestKind.SMALL_TALK:
            return talk_reply(self.kb, text, pred, seed)  # "r u a real person or a bot?": the contact page too
        if req.kind == RequestKind.HANDOFF:
            return Reply(
                text=canned.HANDOFF, flags={Flag.HANDOFF}, intent=Intent.HUMAN_AGENT, confidence=pred.confidence
            )
        if req.kind == RequestKind.COMPLAINT:
            return await asyncio.to_thread(self.orders.complaint, turn, req, pred)
        # a request to act on an order opens a case below, unless its state answers it first ("cancel it": shipped?)
        if req.kind == RequestKind.OWN_ORDER and (not ACTION_REQUEST.search(text) or self.orders.acts_on(turn, req)):
            answered = await asyncio.to_thread(self.orders.own_order, turn, req, pred, catalog)
            if answered is not None:
                return answered
        by_sku = products_by_sku(catalog, req.skus)  # not a map of the whole catalog per turn
        if req.kind == RequestKind.COMPARISON:
            return comparison_reply([by_sku[s] for s in req.skus[:2]], req)
        if req.kind == RequestKind.DISCOVERY and req.followup and req.skus:  # "which of those ...?"
            return brands_reply(req, text, catalog) or _on_list(req, turn.state.constraints, catalog)
        if req.kind == RequestKind.DISCOVERY:  # "what jeans brands do you have?": the brands, else a search
            return brands_reply(req, text, catalog) or await self._discovery(req, catalog)
        if req.kind == RequestKind.PRODUCT_FACT and req.skus and (product := by_sku.get(req.skus[0])) is not None:
            return product_fact_reply(product, req, text, self.kb)
        return None

    async def _each_part(
        self, turn: Turn, req: Request, parts: list[str], pred: IntentPrediction, catalog: list[dict[str, Any]]
    ) -> Reply | None:
        """Each part answered from the data in the order asked: a policy question from its rule, slot or passage, any
        other part routed on its own; a part nothing answers is named, with a person (None: none is answered)."""
        said = [await self._policy_part(turn, part, pred, catalog, req.text) for part in parts]
        left = [n for n, found in enumerate(said) if found is None]
        if not left:  # every part a policy answer: one reply from the data
            return policy_joined([found for found in said if found is not None], pred)
        answered = [None if found is None else policy_reply(*found) for found in said]
        for n, reply in zip(left, await self.parts.each(turn, req, [parts[n] for n in left], pred), strict=True):
            answered[n] = reply
        if all(reply is None for reply in answered):
            return None
        return joined([plain(p, req.text) for p in parts], answered, pred)

    async def _policy_part(
        self, turn: Turn, part: str, pred: IntentPrediction, catalog: list[dict[str, Any]], text: str
    ) -> tuple[list[str], list[dict[str, str]]] | None:
        """A policy question's answer from the data (its sentences and sources): its rule (a yes/no), its slot row or
        the shop's sentence; None when it is no policy question or the data is unsure."""
        sub = understand(part, pred, turn.state, catalog, known_customer=turn.known_customer)
        if sub.kind != RequestKind.POLICY:
            return None
        if (slot := await asyncio.to_thread(self.facts.slots.reply, turn, sub, plain(part, text), pred)) is not None:
            return split_sentences(slot.text), list(slot.sources)  # a store in a city, the sale today, a place
        said_rule, rule_sources = await asyncio.to_thread(rule_part, part, turn, self.kb)  # a yes/no: its rule
        if said_rule:
            return said_rule, rule_sources
        plan = await self._grounded(turn, sub, part, pred, catalog, ToolResult())
        if plan.reply is not None and plan.reply.flags & {Flag.LOW_CONFIDENCE, Flag.OUT_OF_SCOPE, Flag.CASE_OPENED}:
            return None
        said = plan.reply.text if plan.reply is not None else self.composer.extractive_reply(plan.focus, plan.grounding)
        if said == self.composer.not_sure or not said.strip() or product_dump(said):
            return None  # unsure, or the listings its words retrieved: no answer to a rule
        return split_sentences(said), list(plan.reply.sources if plan.reply is not None else plan.sources)

    async def _discovery(self, req: Request, catalog: list[dict[str, Any]]) -> Reply:
        """A search of the catalog rows (filters and sorts), listed with what the alternatives do not meet."""
        answer, shown, result = await asyncio.to_thread(discover, catalog, req.constraints, req.text)
        flags = {Flag.STRUCTURED, Flag.CATALOG}
        if req.constraints.missing_brands or req.constraints.missing_categories:
            flags.add(Flag.NOT_CARRIED)
        if not result.matches:
            flags.add(Flag.NO_MATCH)
        reply = _template(answer, shown, flags, cards=True)
        reply.intent = Intent.PRODUCT_SEARCH
        return reply

    @staticmethod
    def _account_question(turn: Turn, text: str, pred: IntentPrediction) -> Reply | None:
        """A yes/no about the shopper's account or a promise asked for: only the account's data or a person answers."""
        asked = account_status_question(text) or promise_request(text)  # a promise: never a quoted rule's "Yes"
        if not asked or (asked != "promise" and order_ids_in(text)):
            return None
        return Reply(
            text=cannot_check_reply(asked, known_customer=turn.known_customer),
            flags={Flag.HANDOFF, Flag.ACCOUNT_STATUS},
            buttons=[HANDOFF_BUTTON],
            intent=pred.intent,
            confidence=pred.confidence,
        )

    async def _grounded(
        self,
        turn: Turn,
        req: Request,
        text: str,
        pred: IntentPrediction,
        catalog: list[dict[str, Any]],
        tools: ToolResult,
    ) -> Plan:
        """Retrieve, decide whether the knowledge answers it, open a case if asked to act, then plan the reply."""
        intent, query = pred.intent, from_home(carried_query(text, req, turn.state, turn.history), text, req, turn)
        self._product_tools(turn, req, text, catalog, tools)
        hits, focus, confidence = await self._retrieve(turn, query, req, pred)
        if turn.known_customer:  # a known member's own return window, not the whole table
            focus = with_member_tier(focus, text, req, str(turn.customer.get("membership") or ""))
        decision = self.kb.calibration.decide(confidence)
        # facts from the data, or the very thing asked (a contact value, the place, the shop's word for it)
        if tools.facts or contact_value_found(text, hits) or asked_term_found(query, hits):
            confidence, decision = max(confidence, 0.9), Decision.ANSWER
        if (unsure := unsure_reply(pred, decision, confidence)) is not None:
            if (again := await self._in_context(turn, text, query, req, pred)) is None:
                return Plan.answer(unsure)
            hits, confidence = again  # a follow-up the conversation's context answers ("customs on top?")
        flags, buttons = set[Flag](), list[Button]()
        if intent in (Intent.ORDER_CHANGE, Intent.RETURNS_REFUNDS) and ACTION_REQUEST.search(text):
            await self._open_case(turn, text, tools)  # only staff act on orders: a case, never a promise
            flags.add(Flag.CASE_OPENED)
        if intent == Intent.COMPLAINT:  # a complaint always gets the way to a person
            flags, buttons = flags | {Flag.COMPLAINT}, [*buttons, HANDOFF_BUTTON]
        sources = grounded_sources(tools, hits)
        structured = structured_answer(tools, text, flags)
        if structured is not None:  # order status and product facts: a template, never the model's digits
            return Plan.answer(
                Reply(
                    text=structured,
                    sources=sources,
                    buttons=buttons,
                    flags=flags | {Flag.STRUCTURED},
                    intent=intent,
                    confidence=confidence,
                    author=Author.TEMPLATE,
                )
            )
        plan = Plan(
            grounding=Grounding(
                passages=[passage(h) for h in hits[:3]], facts=tools.facts, known_names=self.kb.known_names()
            ).following(turn.history, text, carried=query != text),
            focus=focus,
            key_terms=tools.key_terms,
            case_line=tools.facts[0] if Flag.CASE_OPENED in flags else "",
            flags=flags,
            buttons=buttons,
            sources=sources,
            confidence=confidence,
            catalog=catalog,
        )
        # a policy value or rule: its slot-table row (the case applied), else the shop's own sentence, never a guess
        if not flags and (done := await asyncio.to_thread(from_data, self, turn, req, pred, plan, hits)) is not None:
            return Plan.answer(done)
        return plan

    async def _retrieve(
        self, turn: Turn, query: str, req: Request, pred: IntentPrediction
    ) -> tuple[list[Hit], str, float]:
        """The knowledge base's passages for the question and for the rule it asks about (`focus`), and how
        confident retrieval is that they answer it."""
        t = time.perf_counter()
        kb_search = functools.partial(
            self.kb.search,
            k=self.top_k,
            prefer_products=pred.intent == Intent.PRODUCT_SEARCH,
            subject=subject_hint(pred),
        )
        focus = policy_query(query, req)  # what an extractive reply answers (see policy_query)
        hits, focus = await asyncio.to_thread(asked_faq, kb_search, query, focus)  # an FAQ in other words
        confidence = self.kb.confidence(query, hits)
        place = shipping_place(query)
        if place and not any(place in h.passage.text.lower() for h in hits[:3]):
            # "do you ship to turkey?": the list of countries alone never says no; the shop's rule for the rest does
            rule = await asyncio.to_thread(kb_search, UNLISTED_PLACE_QUERY)
            hits = hits[:1] + rule[:1] + [h for h in hits[1:] if not rule or h.doc_id != rule[0].doc_id]
        turn.timings["retrieve_s"] = time.perf_counter() - t
        return hits, focus, confidence

    async def _in_context(
        self, turn: Turn, text: str, query: str, req: Request, pred: IntentPrediction
    ) -> tuple[list[Hit], float] | None:
        """The hits of the first context query (the message as written, the policy topic with it) that retrieval
        is sure answers, or None: an in-scope follow-up is not refused for the words it left out."""
        for again in context_queries(text, query, turn.state):
            hits, _focus, confidence = await self._retrieve(turn, again, req, pred)
            if self.kb.calibration.decide(confidence) == Decision.ANSWER:
                return hits, confidence
        return None

    def _product_tools(
        self, turn: Turn, req: Request, text: str, catalog: list[dict[str, Any]], tools: ToolResult
    ) -> None:
        """Fact lines of the products the question names (or, in a follow-up, the one under discussion)."""
        if about_product_kind(req, text):  # "can I return them?" about socks: the rule, not the socks' fields
            return
        by_sku = products_by_sku(catalog, req.skus)
        products = (
            [by_sku[s] for s in req.skus if s in by_sku]
            if req.kind == RequestKind.PRODUCT_FACT
            else find_products(text, catalog)
        )
        if not products and is_followup(text):
            in_context = products_in_context(turn.history)
            by_sku = products_by_sku(catalog, in_context)
            products = [by_sku[s] for s in in_context if s in by_sku][:1]
        if products:
            found = product_facts(products, text)
            tools.facts += found.facts
            tools.products = found.products
            tools.key_terms += found.key_terms

    async def _open_case(self, turn: Turn, text: str, tools: ToolResult) -> None:
        kind = next((k for word, k in CASE_KIND if word in text.lower()), "request")
        case_id = await asyncio.to_thread(
            self.store.create_case,
            conversation_id=turn.conversation["id"],
            customer_id=turn.customer["id"],
            kind=kind,
            summary=text[:500],
            order_id=tools.order_ids[0] if tools.order_ids else None,
        )
        tools.facts.insert(
            0,
            f"We have opened request number {case_id} for our team to review your {kind} request; a person will confirm the next steps.",
        )
