"""Requests for something only staff may grant (a discount, a delivery promise, a waived fee, a price match, an
exception to the rules): an explicit, polite no, what the shop's data does allow, and a person offered.

A soft "delivery dates are what our policies say" reads as a yes to a shopper who asked for 20% off; the reply
starts with "No" and names what was refused, then quotes the shop's own sentences on the subject."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.core.answers import order_aspect_answer
from bot.core.asked import QUESTION_TYPES
from bot.core.cart_shipping import asks_cart_shipping, asks_free_gap
from bot.core.fee_status import fee_line, fee_lines, fee_order, fee_said_off
from bot.core.lookups import SkuMap
from bot.core.ordered_items import match_orders
from bot.core.payment_methods import payment_method_reply
from bot.core.policy_lines import PERSON_OFFER, Section, section
from bot.core.ports import KnowledgePort, StorePort
from bot.core.questions import names_abroad
from bot.core.refusal_details import (
    delivery_speed,
    keep_detail,
    matching_order,
    price_detail,
    refund_detail,
    restock_detail,
)
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply, Request, RequestKind

# a request to the shop ("can you", "could I get", "please", "I want"), not a question about how something works
ASKING = (
    r"(?:\b(?:can|could|will|would)\s+(?:you|u|someone|your team|i|we)\b|\b(?:can|could|will|would)(?:n?['’]?t|not)\s+"
    r"(?:you|u|someone|your team)\b|\bmay i\b|\bany chance\b|\bis there (?:any )?way\b|"
    r"\bi(?:'d| would)? (?:like|want|need)\b|\bplease\b|\bgive me\b|\bget me\b|\bi (?:expect|demand|deserve)\b|\bhow about\b|"
    r"\bdo me\b|\bhook me up\b|^(?=\W*(?:promise|guarantee|waive|match|drop|remove|take|knock|refund)\b))"
)
DISCOUNT = re.compile(
    ASKING + r"[^?.!]{0,40}?\b(?:\d{1,2}\s?(?:%|percent)(?: off)?|discount|coupon|promo(?:tion(?:al)?)? code|voucher|"
    r"money off|cheaper price|better price|(?:knock|take)\b[^?.!]{0,20}\boff the price)",
    re.I,
)
BY_DATE = r"by (?:mon|tues|wednes|thurs|fri|satur|sun)day|by tomorrow|by (?:the )?weekend|by christmas|by (?:the )?\d{1,2}(?:st|nd|rd|th)\b"
DELIVERY = re.compile(
    r"\b(?:promise|guarantee|guaranteed|make sure|ensure|swear|for sure|definitely|certain)\b[^?.!]{0,40}?"
    r"\b(?:arriv\w*|deliver\w*|get (?:here|there|to me)|be here|reach me|" + BY_DATE + r"|on time)"
    r"|\b(?:"
    + BY_DATE
    + r")\b[^?]{0,60}\b(?:guarantee|promise|swear)",  # "i need my chinos by thursday. guarantee that?"
    re.I,
)
# "can you promise the refund will be on my card by tomorrow?": the refund's timing, not a parcel's
REFUND_TIME = re.compile(
    r"\b(?:promise|guarantee|guaranteed|make sure|ensure|swear|for sure|definitely|certain)\b[^?.!]{0,50}?"
    r"\b(?:refund\w*|(?:my |the )?money(?: back)?|credit(?:ed)?|reimburs\w*)\b[^?.!]{0,40}?"
    r"(?:\b(?:" + BY_DATE + r"|today|tonight|tomorrow|this week|in time|soon|on my (?:card|account|statement)|"
    r"in my (?:account|bank))\b)",
    re.I,
)
# "promise me the X in size 6 will be back before christmas": no one can promise a restock date
RESTOCK = re.compile(
    r"\b(?:promise|guarantee|swear|for sure|definitely)\b[^?.!]{0,70}\b(?:back in stock|be back|restock\w*|in stock again|available again)\b"
    r"|\b(?:back in stock|restock\w*)\b[^?.!]{0,40}\b(?:promise|guarantee)",
    re.I,
)
# "can u just refund the dress? dont want to ship it back": a refund without the item coming back
KEEP = re.compile(
    r"\brefund\b.{0,60}?\b(?:without|don'?t|dont|do not|not|no)\b[^?.!]{0,20}\b(?:send\w*|ship\w*|return\w*|mail\w*|post\w*)\b"
    r"|\b(?:refund|money back)\b[^?]{0,40}\b(?:and|but|while) (?:i )?keep (?:it|them)\b",
    re.I,
)
FEE = re.compile(
    ASKING + r"[^?.!]{0,30}?(?:\b(?:waive|drop|remove|skip|cancel|refund|knock off|take off|get rid of)\b[^?.!]{0,25}?"
    r"\b(?:fees?|charges?|shipping(?: cost| fee)?|delivery (?:cost|fee|charge)|surcharge)\b|\bfree (?:shipping|delivery)\b"
    r"|\b(?:take|knock)\b[^?.!]{0,30}\b(?:fees?|charges?|shipping)\b[^?.!]{0,20}\boff\b)"
    + fee_said_off(ASKING),  # "why am i paying $8 shipping ...?? can you take that off"
    re.I,
)
PRICE_MATCH = re.compile(ASKING + r"[^?.!]{0,30}?\b(?:match\b[^?.!]{0,25}\bprices?\b|price[- ]match)", re.I)
EXCEPTION = re.compile(
    ASKING
    + r"[^?.!]{0,30}?\b(?:make an exception|extend (?:my|the) (?:return )?(?:window|deadline|period)|bend the rules|"
    r"return it (?:late|anyway|after the (?:window|deadline)))",
    re.I,
)
# "refund me the difference, it's 30% off in your sale", "can you adjust the price, it went on sale": a price drop
PRICE_DROP = re.compile(
    r"\b(?:refund|give|pay|credit)\s+(?:me\s+|us\s+)?(?:back\s+)?the (?:price )?difference\b|\bdifference back\b"
    r"|" + ASKING + r"[^?.!]{0,60}?\b(?:adjust (?:the|my|its|that) price|price adjust\w*|went on sale|now on sale|"
    r"on sale now|cheaper now|now cheaper|price (?:dropped|went down))",
    re.I,
)
# "past the window?? ... just approve it please", "let me return it even though it's outside the window"
WINDOW = r"\b(?:past|outside|after|missed|over|beyond|out of) (?:the |my |your )?(?:[\w-]+ ){0,2}?(?:return )?(?:window|deadline)\b"
LATE_RETURN = re.compile(
    WINDOW + r"[^\n]{0,120}?\b(?:approve|accept|allow|let me|exception|just this once|anyway|take it back)\b"
    r"|\b(?:approve|accept|allow|let me return)\b[^\n]{0,80}?" + WINDOW,
    re.I,
)
# "can u do overnight for free just this once?? pleeease": free shipping asked as a favour (a Gold member's
# overnight is free by the page's own table, so a Gold member's ask is not refused)
FREE_FAVOUR = re.compile(
    r"^(?!.*\bgold\b)(?=.*\b(?:(?:just )?this once|this (?:one )?time|as a favou?r|exception|p+l+e+a+s+e+|pl[sz])\b)"
    r".*" + ASKING + r"[^?.!]{0,30}?(?:\b(?:overnight|shipping|delivery|express)\b[^?.!]{0,15}\bfree\b"
    r"|\bfree (?:overnight|shipping|delivery|express|next[- ]day)\b)",
    re.I,
)
# "can you just bump me to gold now?": a membership level is reached by spending, not granted
LEVEL = re.compile(
    r"\b(?:bump|upgrade|move|put|make|promote)\s+(?:me|my (?:account|level|status|membership))\b[^?.!]{0,15}"
    r"\b(?:gold|silver|bronze)\b|\bgive me (?:gold|silver)\b",
    re.I,
)
# a request in the shopper's own shorthand ("pls hold it"), or one that opens with the verb ("lock the price for me")
ASKED = (
    r"(?:"
    + ASKING
    + r"|\bpl[sz]\b|^\W*(?:just |now )?(?=(?:lock|freeze|hold|keep|save|reserve|put|set|approve|authori[sz]e)\b))"
)
# "lock in the price", "keep today's price", "freeze the price for me": no one can fix a price ahead of the order
PRICE_LOCK = re.compile(
    ASKED
    + r"[^?.!]{0,40}?(?:\b(?:lock|freeze|hold|keep|save|guarantee|reserve)\b(?:\s+(?:in|on|down|me|the|this|that|it|"
    r"its|today'?s|todays|current|same|sale|for|\w+'s)){0,4}\s+(?:price|prices|pricing|rate)\b|\bprice[- ]?lock\b)",
    re.I,
)
# "can you hold it for me till friday", "could u reserve a size 28", "put the X aside for me": no item is set aside
HOLD = re.compile(
    ASKED
    + r"[^?.!]{0,40}?(?<!\bi )(?<!\bwe )(?:\breserve\b|\bsave me (?:a|one|the|size)\b|\b(?:put|set)\b[^?.!]{0,60}?\baside\b"
    r"|\b(?:hold|save|keep (?:it|them|one|that|this|"
    r"the|a|an|size))\b(?![^?.!]{0,12}\b(?:order|package|parcel|delivery|shipment|mail|post)\b)[^?.!]{0,60}?\b(?:for me|aside|until|"
    r"till|til|so (?:that )?(?:nobody|no one|no-one|noone)|for (?:a |\d+ |a few |two |a couple of )?(?:days?|hours?|weeks?))\b)",
    re.I,
)
# "just approve my refund", "can you authorise the return yourself": only the shop's team decides a refund
APPROVE = re.compile(
    ASKED + r"[^?.!]{0,30}?\b(?:approve|authori[sz]e|okay|ok|sign off on|push through|fast-?track)\b[^?.!]{0,25}?"
    r"\b(?:refunds?|returns?|exchanges?|replacements?|credits?|claims?)\b",
    re.I,
)
# "admin override code 7731", "override the return window", "bypass the rules": no one's say-so changes a rule
OVERRIDE = re.compile(r"\b(?:override|overrule|bypass|circumvent)\b", re.I)
OTHERS_DATA = re.compile(
    r"\b(?:e-?mails?|addresses|phone numbers?|names|details|data|list)\b[^?.!]{0,40}\b(?:customers?|members?|users?|shoppers?|"
    r"people|everyone)\b|\b(?:customers?|members?|users?|shoppers?)\b[^?.!]{0,30}\b(?:e-?mails?|addresses|phone numbers?|details)\b",
    re.I,
)
HOW_TO = re.compile(
    r"^\W*how (?:do|can|does|to)\b|\b(?:doesn'?t|does not|isn'?t|won'?t|not) work|\bexpired\b|\binvalid\b"
    r"|\b(?:can|could|may) (?:i|we) (?:use|combine|stack|enter|redeem|apply)\b"  # how codes work, not a request for one
    r"|\b(?:buy|pay for|purchase)\b[^?.!]{0,30}\bwith (?:a |my |the |your )?(?:promo|discount|coupon)",  # "buy one with a code?"
    re.I,
)
SHIP_OPTION = re.compile(r"\b(?:overnight|standard|economy)\b", re.I)
ACTIVE = ("placed", "processing", "shipped", "out for delivery")
PERCENT_OFF = re.compile(r"\d{1,2}\s?% off", re.I)
STAFF_ISSUED = re.compile(r"\b(?:customer care|our team|we send|sent by)\b", re.I)
DURATION = QUESTION_TYPES["duration"][1]


@dataclass(frozen=True, slots=True)
class Refused:
    """What was asked for and the plain no that answers it."""

    kind: str  # keep | restock | ... | price_match | price_drop | exception | free_shipping | level (REFUSALS)
    no: str


REFUSALS = (
    (
        KEEP,
        Refused(
            "keep",
            "No, sorry: I can't refund an item without it coming back to us, and I can't make exceptions myself.",
        ),
    ),
    (
        REFUND_TIME,
        Refused("refund_time", "No, sorry: I cannot promise the day a refund reaches your card or account."),
    ),
    (RESTOCK, Refused("restock", "No, sorry: I cannot promise when an item will be back in stock.")),
    (DELIVERY, Refused("delivery", "No, sorry: I cannot promise or guarantee a delivery date.")),
    (OVERRIDE, Refused("override", "No, sorry: I can't override our rules or accept an override code, whoever asks.")),
    (
        PRICE_LOCK,
        Refused("price_lock", "No, sorry: I can't lock in a price or promise what an item will cost later."),
    ),
    (
        HOLD,
        Refused(
            "hold", "No, sorry: I can't hold or reserve an item, so I can't promise it will still be in stock later."
        ),
    ),
    (APPROVE, Refused("approve", "No, sorry: I can't approve a refund or a return myself; our team decides those.")),
    (
        PRICE_DROP,
        Refused("price_drop", "No, sorry: I can't refund a price difference or change the price of an order myself."),
    ),
    (LATE_RETURN, Refused("exception", "No, sorry: I cannot make an exception to our rules myself.")),
    (FREE_FAVOUR, Refused("free_shipping", "No, sorry: I can't make shipping free myself.")),
    (LEVEL, Refused("level", "No, sorry: I can't change a membership level myself.")),
    (DISCOUNT, Refused("discount", "No, sorry: I cannot give you a discount or a code myself.")),
    (PRICE_MATCH, Refused("price_match", "No, sorry: I cannot match a price myself.")),
    (FEE, Refused("fee", "No, sorry: I cannot waive or refund a fee myself.")),
    (EXCEPTION, Refused("exception", "No, sorry: I cannot make an exception to our rules myself.")),
)


def refused(text: str) -> Refused | None:
    """The refusal a request for a discount, promise, waiver, price match or exception gets; None for other text."""
    if HOW_TO.search(text):
        return None
    return next((r for pattern, r in REFUSALS if pattern.search(text)), None)


class Refusals:
    """Writes the explicit no and the shop's own sentences on the subject; reads the store and the KB only."""

    def __init__(self, store: StorePort, kb: KnowledgePort) -> None:
        self.store = store
        self.kb = kb

    def refusal_or_payment(self, turn: Turn, req: Request, pred: IntentPrediction) -> Reply | None:
        """A discount, promise or waiver asked for gets a clear no; "do you take X?" the payment page's answer."""
        if req.kind in (RequestKind.SMALL_TALK, RequestKind.HANDOFF, RequestKind.COMPLAINT):
            return None
        if (refusal := self.reply(turn, req, pred)) is not None:
            return refusal
        if req.kind == RequestKind.OWN_ORDER or req.order_ids:
            return None
        return payment_method_reply(self.kb, req.text, pred)

    def reply(self, turn: Turn, req: Request, pred: IntentPrediction) -> Reply | None:
        """The refusal for a request only staff may grant, or None when the text asks for no such thing."""
        asked = refused(req.text)
        if asked is None or asked.kind == "fee" and (asks_cart_shipping(req.text) or asks_free_gap(req.text)):
            return None  # "how much more do I need for free shipping(, I have $58)?": the rule's arithmetic answers
        parts, sources = [asked.no], []
        order = self._active_order(turn, req) if asked.kind == "delivery" else None
        if order is not None:
            parts.append(order_aspect_answer(order, "delivery") + " That date is an estimate, not a guarantee.")
            sources.append(order_source(order))
        more, more_sources = self._detail(turn, req, asked.kind, order)
        parts += more
        sources += more_sources
        if asked.kind == "override" and OTHERS_DATA.search(req.text):
            parts.append("I can't share other customers' details either; I can only help with your own account.")
        query, keep = TOPICS[_topic(asked.kind, req.text)]
        if asked.kind == "delivery" and (names_abroad(req.text) or (order is not None and _abroad(order))):
            query = "international shipping delivery time DHL Express"
        if (asked.kind == "approve" and more) or (asked.kind == "fee" and len(more) > 1):
            query = ""  # the order's own status says what happened to the money, or which fee rule is its own
        found = section(self.kb, query, merge=MERGE.get(asked.kind, 1)) if query else Section()
        quotes = [re.sub(r"\.{2,}$", ".", q) for q in found.pick(keep, limit=3) if q not in " ".join(parts)]
        named = str(order.get("shipping_method") or "") if order is not None else ""
        named = named or (m.group(0) if asked.kind == "free_shipping" and (m := SHIP_OPTION.search(req.text)) else "")
        if named:
            method = re.compile(rf"^{re.escape(named)}\b", re.I)  # the order's own option, or the one asked free
            quotes = [q for q in quotes if method.search(q)] or quotes
        if quotes:
            parts.append("What our policy says: " + " ".join(quotes))
            if found.hit is not None:
                sources.append(hit_source(found.hit))
        parts.append(PERSON_OFFER)
        return Reply(
            text=" ".join(parts),
            sources=sources[:4],
            buttons=[HANDOFF_BUTTON],
            flags={Flag.STRUCTURED},  # a person is offered (the button), not called: a refusal is no escalation
            intent=pred.intent if pred.intent != Intent.OUT_OF_SCOPE else Intent.ORDER_STATUS,
            confidence=max(pred.confidence, 0.9),
            author=Author.TEMPLATE,
        )

    def _fee_order(self, turn: Turn, req: Request) -> dict[str, Any] | None:
        """The order a fee is asked off: the one named, the one holding the item named, else the newest on its way
        (or the newest)."""
        if not turn.known_customer or not turn.customer.get("id"):
            return None
        orders = sorted(self.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
        if req.order_ids:
            return next((o for o in orders if o["order_id"] in req.order_ids), None)
        found = match_orders(req.text, orders, SkuMap(self.kb.products()))
        return fee_order(orders, found[0] if found is not None else None, req.text)

    def _active_order(self, turn: Turn, req: Request) -> dict[str, Any] | None:
        """The order the promise is about: the one named, else the customer's order on its way that holds what the
        text names ("my chinos"), newest first."""
        if not turn.known_customer or not turn.customer.get("id"):
            return None
        orders = sorted(self.store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
        if req.order_ids:
            return next((o for o in orders if o["order_id"] in req.order_ids), None)
        return matching_order([o for o in orders if str(o.get("status")) in ACTIVE], req.text, self.kb.products())

    def _detail(
        self, turn: Turn, req: Request, kind: str, order: dict[str, Any] | None
    ) -> tuple[list[str], list[dict[str, str]]]:
        """The data beside the no: whether the order's speed can change, the product's stock, the return window."""
        if kind == "delivery" and order is not None:
            return delivery_speed(self.kb, order), []
        if kind == "restock":
            return restock_detail(self.kb, req.text)
        if kind == "keep":
            return keep_detail(self.kb, self.store, turn, req.text)
        if kind == "hold":
            return restock_detail(self.kb, req.text)
        if kind == "price_lock":
            return price_detail(self.kb, req.text)
        if kind == "fee" and (paid := self._fee_order(turn, req)) is not None:  # the order's fee, why, its stage's rule
            gold = str(turn.customer.get("membership") or "").lower() == "gold"
            lines, hits = fee_lines(paid, self.kb, gold=gold)
            return [fee_line(paid), *lines], [order_source(paid), *(hit_source(h) for h in hits)]
        if kind in ("approve", "refund_time"):  # the returned order's refund: its status, amount and way back
            return refund_detail(self.kb, self.store, turn, req.text, figures=kind == "refund_time")
        return [], []


def _published_offer(sentence: str) -> bool:
    """A discount any shopper can get (a newsletter code, a sale), not one staff hand out case by case."""
    if STAFF_ISSUED.search(sentence):
        return False
    return bool(PERCENT_OFF.search(sentence) or re.search(r"\bSale\b.*\b(?:starts|runs)\b", sentence))


def _about(pattern: str) -> Callable[[str], bool]:
    """Keeps the sentences on the subject: an unrelated section retrieval ranked first is never quoted."""
    subject = re.compile(pattern, re.I)
    return lambda sentence: bool(subject.search(sentence))


def _has_duration(sentence: str) -> bool:
    return bool(DURATION.search(sentence))


# where the shop's data says what it does allow, and which of the section's sentences to quote
TOPICS: dict[str, tuple[str, Callable[[str], bool]]] = {
    "delivery": ("shipping options delivery time cost", _has_duration),
    "discount": ("promo codes discount newsletter first order sales", _published_offer),
    "fee": ("shipping fee too high waive refund standard shipping fee", _about(r"\b(?:fees?|shipping|charges?)\b")),
    "price_match": ("Do you price match? price went down after I bought it", _about(r"\bprices?\b")),
    "price_drop": ("Do you price match? price went down after I bought it", _about(r"\bprices?\b")),
    "free_shipping": ("Shipping options and costs United States Economy Standard Overnight", _about(r"\bfree for\b")),
    "return_fee": (
        "International returns prepaid return label return shipping fee deducted",
        _about(r"return shipping fee"),
    ),
    "level": (
        "What are the membership levels? Silver: spend $500 or more in a 12-month period",
        _about(r"^(?:Silver|Gold)\b.*\b12-month period"),  # the levels table's rows
    ),
    "restock": ("item out of stock back-order restock e-mail", _about(r"\b(?:back-order|restocked|back in stock)\b")),
    "keep": ("After we receive your return we process returns and then send your refund", _about(r"\brefund")),
    "exception": ("returns outside your window receipt original packaging", _about(r"\b(?:window|receipt|returns?)\b")),
    "hold": ("item out of stock back-order restock e-mail", _about(r"\bback-order\b")),
    "price_lock": (
        "Why did the price change? pricing system updates prices based on demand and stock; price match",
        _about(r"\bprices?\b"),
    ),
    "approve": ("How long does a refund take? process returns refund within days", _about(r"^(?!The\b).*\bdays\b")),
    "refund_time": (
        "How long does a refund take? process returns refund within 7 days",
        _about(r"^(?!The\b).*\b(?:days|immediately)\b"),
    ),
    "none": ("", _about(r"$^")),
}
MERGE = {"discount": 3, "price_lock": 2, "level": 3}
RETURN_FEE = re.compile(r"\breturn (?:shipping )?(?:fees?|charges?|costs?|label)\b", re.I)
RETURNS_ASKED = re.compile(r"\breturn|\bwindow\b|\brefund", re.I)


def _topic(kind: str, text: str) -> str:
    """Where the policy beside the no is: an override of the return window gets the late-return rule; an override
    of nothing the shop has a page for gets none."""
    if kind in ("override", "exception"):  # "can't you just make an exception?": no rule named, none quoted
        return "exception" if RETURNS_ASKED.search(text) else "none"
    if kind == "fee" and RETURN_FEE.search(text):
        return "return_fee"  # "waive the $15 return fee": the international returns rule, not shipping's
    return kind


def _abroad(order: dict[str, Any]) -> bool:
    ship_to = order.get("ship_to") or ""
    where = str(ship_to.get("country") or "") if isinstance(ship_to, dict) else str(ship_to)
    return (
        bool(where.strip()) and "united states" not in where.lower() and order.get("shipping_method") == "international"
    )
