"""Complaints and the shopper's own orders: answered from the orders table and the shop's own policy sentences."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.core.added_item import added_item_line
from bot.core.answers import matching_orders, order_aspect_answer, order_label
from bot.core.billed_orders import billed_orders_line
from bot.core.cart_shipping import asks_free_gap
from bot.core.case_shipping import order_shipping_line
from bot.core.complaint_more import billing_policy
from bot.core.complaints import complaint_reply
from bot.core.deadlines import order_deadline
from bot.core.fee_status import STAGE_LEAD, fee_lines
from bot.core.free_gap import add_rule, gap_line
from bot.core.item_swaps import OPEN, asks_swap, swap_reply
from bot.core.lookups import SkuMap
from bot.core.missing_parcel import missing_parcel_reply
from bot.core.order_changes import PAY_CHANGE, asks_cancel, cancel_reply, wants_cancel
from bot.core.order_followups import exchange_rule
from bot.core.order_questions import (
    FEE_BACK,
    FEE_RULES,
    REFUNDED,
    fee_back_answer,
    refund_answer,
    refund_policy,
    speed_answer,
    speed_policy,
)
from bot.core.order_which import ask_which, order_reply, unverified_reply, which_orders
from bot.core.order_words import REWARDS, WHY_STATE, reported_tracking
from bot.core.ordered_items import counted, may_name_own_item, own_item_request
from bot.core.own_items import fit_rule, size_line
from bot.core.policy_answers import asks_where
from bot.core.ports import KnowledgePort, StorePort
from bot.core.refund_figures import refund_figures
from bot.core.refund_wait import asks_wait, wait_reply
from bot.core.request import BILLING
from bot.core.rewards_rules import rewards_lines
from bot.core.shipping_paid import asks_shipping_paid, shipping_paid_reply
from bot.core.shipping_slots import read_pages
from bot.core.shop_day import shop_today
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Hit, Intent, IntentPrediction, OrderAspect, Reply, Request, RequestKind

WHERE_IS_ORDER = re.compile(r"\b(where|status|track|tracking|when will|arrive|shipped)\b", re.I)
AMOUNT_ASKED = re.compile(r"\b(how much|total|amount|sum|price)\b", re.I)
SHIPPING_ASKED = re.compile(r"\b(?:shipping|delivery|postage)\b", re.I)
REFUND_ASKED = re.compile(
    r"\b(?:refund\w*|money back|(?:get|getting|got) (?:(?:it|that|this|them|those|the \w+) )?back)\b", re.I
)
CHECKS_WHY = "a person from our team can check that with you."
JOINING = "I've asked a person from our team to join this chat; they'll reply here as soon as they can."


class OrderDesk:
    """Answers about orders and complaints; reads the store and the policy passages, writes nothing."""

    def __init__(self, store: StorePort, kb: KnowledgePort) -> None:
        self.store = store
        self.kb = kb

    # ------------------------------------------------------------------ complaints
    def complaint(self, turn: Turn, req: Request, pred: IntentPrediction) -> Reply:
        """An apology, what the policy says happens next, and the hand-off; a disputed charge only a person checks."""
        if not BILLING.search(req.text):
            return complaint_reply(self, turn, req, pred)
        sources: list[dict[str, str]] = []
        level = str(turn.customer.get("membership") or "").lower() if turn.known_customer else ""
        shown = ""
        if turn.known_customer and turn.customer.get("id"):  # "charged me twice for the dress": the orders with it
            own = self.store.orders_for(turn.customer["id"])
            shown, billed = billed_orders_line(req.text, own, SkuMap(self.kb.products()))
            sources += [order_source(o) for o in billed]
        policy = billing_policy(self, req.text, level, sources)
        return Reply(
            text=" ".join(
                p
                for p in (
                    "I'm sorry about that.",
                    shown,
                    "A charge that looks wrong needs a person from our team to check the payment.",
                    policy,
                    JOINING,
                )
                if p
            ),
            sources=sources,
            buttons=[HANDOFF_BUTTON],
            flags={Flag.COMPLAINT, Flag.HANDOFF},
            intent=Intent.COMPLAINT,
            confidence=pred.confidence,
            author=Author.TEMPLATE,
        )

    def order_short(self, turn: Turn, req: Request) -> dict[str, Any] | None:
        """The order that arrived short: the one named, else the newest shipped or delivered one holding the item
        named (one with two or more of an item first, since the shopper paid for more than came)."""
        if not turn.known_customer or not turn.customer.get("id"):
            return None
        own = sorted(self.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
        if req.order_ids:
            return next((o for o in own if o["order_id"] in req.order_ids), None)
        sent = [o for o in own if str(o.get("status")) in ("shipped", "out for delivery", "delivered")]
        if req.order_hint:
            sent = matching_orders(sent, req.order_hint, SkuMap(self.kb.products()))
        by_sku = SkuMap(self.kb.products()) if req.order_hint else {}
        several = [o for o in sent if any(int(i.get("qty") or 1) > 1 for i in _items_like(o, req.order_hint, by_sku))]
        found = several or sent
        return found[0] if found else None

    # ------------------------------------------------------------------ policy sentences
    def policy_quotes(self, query: str, wanted: list[tuple[str, ...]]) -> tuple[list[str], list[Hit]]:
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

    def order_policy(self) -> tuple[dict[str, str], list[Hit]]:
        """Address-change and cancellation rules, quoted from the shop's order policy."""
        quotes, hits = self.policy_quotes(
            "change the shipping address before the order ships; cancelling an order already shipped members guests;"
            " adding an item",
            [
                ("once the order has", "no longer be changed"),
                ("not yet shipped", "cancel"),
                ("already shipped", "members"),
                ("already shipped", "guests"),
                ("cannot add items to a shipped order",),
                ("everyone else can place a new order",),
                ("when the package arrives", "return label"),
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
            elif "cannot add items" in low:
                out["add_item_after"] = f"{q} {out['add_item_after']}" if "add_item_after" in out else q
            elif "return label" in low and "cancel_member" in out:  # what a member does once it arrives
                out["cancel_member"] += f" {q}"
            elif "place a new order" in low:  # who can have the new item sent separately, and everyone else
                out["add_item_after"] = f"{out['add_item_after']} {q}" if "add_item_after" in out else q
        while_open = "While your order is placed or processing (not yet shipped) you can"
        if any("change the shipping address" in h.passage.text for h in hits):
            out["address_before"] = f"{while_open} change the shipping address."
        if any("add an item to the order" in h.passage.text for h in hits):
            out["add_item_before"] = f"{while_open} add an item to the order."
        return out, hits

    # ------------------------------------------------------------------ the shopper's own orders
    def by_item(self, turn: Turn, req: Request, catalog: list[dict[str, Any]]) -> Request:
        """ "tracking for my hiking boots": a question about the known customer's order that holds the item named,
        read before any catalog search or policy (ordered_items); else the request as it was."""
        if not turn.known_customer or not turn.customer.get("id"):
            return req
        if asks_shipping_paid(req.text) and req.kind not in (RequestKind.COMPLAINT, RequestKind.HANDOFF):
            return Request(RequestKind.OWN_ORDER, req.text, aspects=[OrderAspect.TOTAL])  # across their orders
        if not may_name_own_item(req):
            return req
        own = sorted(self.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
        return own_item_request(req, own, SkuMap(catalog)) or req

    @staticmethod
    def acts_on(turn: Turn, req: Request) -> bool:
        """A request to act that the order's state answers first (a known customer's "cancel it")."""
        return asks_cancel(turn, req) or (turn.known_customer and asks_swap(req))

    def own_order(
        self, turn: Turn, req: Request, pred: IntentPrediction, catalog: list[dict[str, Any]]
    ) -> Reply | None:
        """A known customer's own order: resolve which one, then answer the aspects asked."""
        if not turn.known_customer:
            if not req.order_ids and not asks_where(req.text, WHERE_IS_ORDER, mine=True):
                return None  # a question about orders in general: the policy answers it
            if not req.order_ids and (lost := missing_parcel_reply(self.kb, req.text, pred)) is not None:
                return lost  # "tracking says delivered but nothing at my door": the shipping page's rule, no lookup
            return unverified_reply(req.text, pred)
        own = sorted(self.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
        if asks_shipping_paid(req.text) and own and not req.order_ids:  # "how much have I spent on shipping?"
            return shipping_paid_reply(self, own, pred.confidence)
        picked = which_orders(own, req, pred, catalog, turn.state.order_id)
        if isinstance(picked, Reply):
            return picked
        if asks_swap(req) and picked:  # "swap it for a medium": what the order's state allows, and the stock
            if len(picked) > 1:
                return ask_which(
                    "Which order do you mean? " + "; ".join(order_label(o) for o in picked[:3]), picked[:3], pred
                )
            swapped = swap_reply(self, turn, req, picked[0], SkuMap(catalog))
            if OrderAspect.SPEED in req.aspects:  # "switch them to M? and can i upgrade it to overnight": both
                speed, speed_hits = speed_policy(self.kb)
                membership = str(turn.customer.get("membership") or "")
                said = speed_answer(picked[0], speed, membership=membership, status_said=True)
                swapped.text = f"{swapped.text} {said}"
                swapped.sources += [hit_source(h) for h in speed_hits[:1] if hit_source(h) not in swapped.sources]
            return swapped
        if FEE_BACK.search(req.text) and len(picked) == 1:  # "do I get the $20 overnight fee back?": the rule
            req.aspects = [a for a in req.aspects if a != OrderAspect.SPEED]  # the fee paid, not an upgrade
            if OrderAspect.REFUND not in req.aspects or str(picked[0].get("status")) not in REFUNDED:
                return self._fee_back(picked[0], pred)  # with its refund asked: the refund's figures hold the fee
        if len(picked) == 1 and asks_wait(req.text):  # "how long till the money is back on my card": a refund's time
            if str(picked[0].get("status")) in REFUNDED:
                req.aspects = [OrderAspect.REFUND]  # its refund's status, with the time a refund takes
            elif (waited := wait_reply(self.kb, picked[0], pred)) is not None:
                return waited
        if wants_cancel(req) and len(picked) == 1:  # "just cancel it": what its state allows, and a request for staff
            return cancel_reply(self, turn, req, picked[0])
        answered = self._aspects_reply(turn, req, picked)
        if OrderAspect.ADD_ITEM in req.aspects and len(picked) == 1 and str(picked[0].get("status")) in OPEN:
            person = "A person from our team can do this for you."  # the item named to add: price, colour, stock
            if (line := added_item_line(req.text, catalog)) and person in answered.text:
                answered.text = answered.text.replace(person, f"{line} {person}", 1)
        return answered

    def _fee_back(self, order: dict[str, Any], pred: IntentPrediction) -> Reply:
        rules, hits = self.policy_quotes("original shipping fees refunded damaged defective; other returns", FEE_RULES)
        reply = order_reply(fee_back_answer(order, rules), pred, handoff=True)
        reply.sources = [order_source(order)] + [hit_source(h) for h in hits[:1]]
        reply.flags, reply.author = {Flag.STRUCTURED, Flag.ORDER}, Author.TEMPLATE
        return reply

    def _pay_change_policy(
        self, req: Request, aspects: list[str], policy: dict[str, str], hits: list[Hit]
    ) -> tuple[dict[str, str], list[Hit]]:
        """A change of payment method asked: the payment aspect becomes the change (in `aspects`), and the order
        page's payment-method rule (until out for delivery, then future orders only) is added."""
        if "payment" not in aspects or not PAY_CHANGE.search(req.text):
            return policy, hits
        aspects[aspects.index("payment")] = "pay_change"
        change, change_hits = self.policy_quotes(
            "Changing the payment method switch between credit card debit card PayPal until out for delivery",
            [("switch between", "out for delivery"), ("new payment method", "future orders")],
        )
        return {**policy, "pay_change": " ".join(change)}, hits + change_hits

    def _aspects_reply(self, turn: Turn, req: Request, mine: list[dict[str, Any]]) -> Reply:
        """One line per asked aspect (at most two) of each order, from the order record and the order policy."""
        aspects = reported_tracking(req.text, [a.value for a in req.aspects] or ["status"])  # "tracking said monday"
        policy: dict[str, str] = {}
        hits: list[Hit] = []
        if {"address", "cancel", "add_item"} & set(aspects):
            policy, hits = self.order_policy()
        for wanted, fetch in (("speed", speed_policy), ("refund", refund_policy)):
            if wanted in aspects or (wanted == "refund" and "total" in aspects and _refunded(mine)):
                more, more_hits = fetch(self.kb)
                policy, hits = {**policy, **more}, hits + more_hits
        if "refund" in aspects and "total" in aspects and _refunded(mine):
            aspects.remove("total")  # "how much did I get back?": the refund's own figures say the amount
        if "count" in aspects and "contents" in aspects:
            aspects.remove("contents")  # the count names the items
        policy, hits = self._pay_change_policy(req, aspects, policy, hits)  # "can I change the card on my order?"
        if "status" in aspects and len(aspects) > 1:  # a status asked in so many words ("shipped yet?") leads
            aspects.remove("status")
            aspects[:0] = ["status"] if STATUS_SAID.search(req.text) else []
        if "delivery" in aspects and "tracking" in aspects:
            aspects.remove("delivery")
            aspects.append("delivery")
        membership = str(turn.customer.get("membership") or "")
        sentences: list[str] = []
        for o in mine:
            for aspect in aspects[:2]:
                line = self._aspect_line(req, o, aspect, membership, policy)
                if aspect == "total" and policy.get(
                    f"status_{o.get('status')}"
                ):  # cancelled or returned: no charge stands
                    amount = line if AMOUNT_ASKED.search(req.text) else ""  # "how much did I pay" still gets the sum
                    line = f"{amount} {refund_answer(o, policy)} If a charge for it still shows, a person from our team can check it."
                    line = line.strip()
                line = _unsaid(line, sentences)  # a cancelled order's total and refund share a sentence: once
                if line:
                    sentences.append(line)
        if len(mine) == 1:  # the shop's rule applied to this order: why shipping cost that, what the refund is
            applied, applied_hits = self._applied(turn, req, mine[0], aspects)
            sentences, hits = sentences + applied, hits + applied_hits
            sentences += [x for x in [order_deadline(mine[0], req.text, " ".join(sentences), shop_today())] if x]
        sentences, hits = self._with_fit(req.text, aspects, sentences, hits)  # "it's a bit big": the exchange rule
        if REWARDS.search(req.text):  # "do I lose my points if I cancel?": the level and how long it lasts
            rewards, rewards_hits = rewards_lines(self.kb, turn.customer, req.text)
            sentences, hits = sentences + rewards, hits + rewards_hits
        if "refund" in aspects[:2] and policy.get("timing") and any(str(o.get("status")) == "returned" for o in mine):
            sentences.append(f"How long a refund takes: {policy['timing']}")
        answer = " ".join(sentences)
        if len(mine) > 1 and aspects != ["status"]:
            answer += " Tell me which order you mean if you'd like more detail."
        sources = [order_source(o) for o in mine] + [hit_source(h) for h in hits[:1]]
        return Reply(
            text=answer,
            sources=sources[:4],
            buttons=[HANDOFF_BUTTON] if policy or "running late" in answer else [],  # a person acts or checks
            flags={Flag.STRUCTURED, Flag.ORDER},
            intent=Intent.ORDER_STATUS,
            confidence=0.95,
            author=Author.TEMPLATE,
        )

    def _aspect_line(
        self, req: Request, order: dict[str, Any], aspect: str, membership: str, policy: dict[str, str]
    ) -> str:
        if aspect == "size":  # "what size did I get in the puffer jacket?": the order line's own size
            return size_line(order, req.text, SkuMap(self.kb.products()))
        if aspect == "speed":  # the upgrade's price for the account's level
            return speed_answer(order, policy, membership=membership)
        line = order_aspect_answer(order, aspect, membership=membership, policy=policy)
        if aspect == "count":  # "how many dresses are in it?": the dresses, then the rest
            return counted(req.text, order, SkuMap(self.kb.products())) or line
        return line

    def _with_fit(
        self, text: str, aspects: list[str], sentences: list[str], hits: list[Hit]
    ) -> tuple[list[str], list[Hit]]:
        """The size asked and a bad fit said: the exchanges page's rule added."""
        if "size" not in aspects:
            return sentences, hits
        said, hit = fit_rule(text, lambda: exchange_rule(lambda q: self.kb.search(q, k=6)))
        return (sentences + [said], hits + ([hit] if hit else [])) if said else (sentences, hits)

    def _applied(
        self, turn: Turn, req: Request, order: dict[str, Any], aspects: list[str]
    ) -> tuple[list[str], list[Hit]]:
        """ "why did I pay shipping on it?": its amount against its option's threshold; "how much do I get back?"
        for a returned order: its refund worked out from the record and the return rules."""
        out: list[str] = []
        hits: list[Hit] = []
        if "total" in aspects and SHIPPING_ASKED.search(req.text):
            gold = str(turn.customer.get("membership") or "").lower() == "gold"
            lines, found = fee_lines(order, self.kb, gold=gold)  # why it applied; its stage's fee rule
            if not FEE_QUESTIONED.search(req.text):  # "how much was shipping?": why it cost that, not the fee rule
                lines = [x for x in lines if not x.startswith(STAGE_LEAD)]
            if not lines and (line := order_shipping_line(order, read_pages(self.kb), gold=gold)):
                lines, found = [line], read_pages(self.kb).hits[:1]  # no fee on it: why it was free
            out += lines
            hits += found
        if asks_free_gap(req.text):  # "how much more would I have to add to get free shipping?"
            line, found = gap_line(order, self.kb)
            rule = add_rule(order, self.order_policy()[0]) if line and "add_item" not in aspects else ""
            out += [x for x in (line, rule) if x]
            hits += found
        if ("refund" in aspects or REFUND_ASKED.search(req.text)) and str(order.get("status")) in REFUNDED:
            line, found = refund_figures(order, turn.customer, self.kb)
            if line:
                out.append(line)
                hits += found[:1]
        if WHY_STATE.search(req.text) and str(order.get("status")) == "cancelled":  # no reason is on the record
            out.append(f"The record of {order['order_id']} does not say why it was cancelled; {CHECKS_WHY}")
        return out, hits


# the order's status asked in so many words: "is it shipped yet?", "has my parka order left?", "what's the status"
STATUS_SAID = re.compile(
    r"\b(?:shipped|sent out|dispatched|gone out|left)\s+(?:yet|already)\b|\bwhat(?:'s| is) the status\b"
    r"|\b(?:has|have|did|is) (?:it|they|my [\w' -]{1,40}?|the [\w' -]{1,40}?) (?:shipped|left|gone out|been (?:shipped|sent))\b",
    re.I,
)
# the fee questioned ("why did I pay", "too much", "can I get it refunded"), not just its amount asked
FEE_QUESTIONED = re.compile(
    r"\bwhy\b|\btoo (?:much|high|expensive)\b|\b(?:refund\w*|waive\w*|remove|get rid|charged)\b", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"”])\s+")


def _unsaid(line: str, said: list[str]) -> str:
    """The line without the sentences an earlier line of the reply already says."""
    before = {x for s in said for x in _SENTENCE_END.split(s)}
    return " ".join(x for x in _SENTENCE_END.split(line) if x and x not in before)


def _items_like(order: dict[str, Any], hint: str, by_sku: Mapping[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The order's items that fit the hint ("dress"), or all of them when there is no hint."""
    items = list(order.get("items") or [])
    return [i for i in items if matching_orders([{"items": [i]}], hint, by_sku)] if hint else items


def _refunded(orders: list[dict[str, Any]]) -> bool:
    return any(str(o.get("status")) in REFUNDED for o in orders)
