"""What a short follow-up is about when it does not say: the product, order or policy topic of the turn before.

"is L in stock?" after a product's answer asks about that product; "how much did I pay for shipping?" after an
order's answer asks about that order; "what do I actually get?" after a membership answer asks about membership.
Each resolves against the conversation state only when the message names no subject of its own, so a new
question ("do you ship to Canada?") is never bent towards the last one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.answers import MATERIAL, PRICE, RATING, STOCK
from bot.core.catalog import parse_constraints
from bot.core.catalog.attributes import asked_attributes
from bot.core.catalog.liked import LIKED
from bot.core.followup import is_followup, rewrite_query
from bot.core.lookups import asked_size, products_by_sku
from bot.core.order_words import COME_TO, SPEED
from bot.core.places import places_in
from bot.core.two_part import question_parts
from bot.domain import Constraints, ConversationState, OrderAspect, Request, RequestKind

MAX_WORDS = 10
PRONOUN = re.compile(r"\b(them|they|it|this|these|those|this one|that one)\b", re.I)
# a size said without "in"/"size": "is L in stock?", "got an XL?", "need a 27", "any 32s left?"
BARE_SIZE = re.compile(
    r"\b(?:is|are|got|have|has|any|need|want|what about|how about|and)\s+(?:an?\s+|the\s+|size\s+)?"
    r"(xxs|xs|s|m|l|xl|xxl|\d{1,2}(?:\.5)?)s?\b(?=\s*(?:in stock|available|left|please|pls|\?|!|,|\.|$))",
    re.I,
)
# what a product follow-up asks: its stock, sizes, price, material, care, fit or rating
PRODUCT_ASKED = re.compile(
    r"\b(stock|available|availability|sold out|left|sizes?|fit|fits|price|cost|how much|made (?:out )?of|made from|material|fabric|"
    r"wash|clean|care|colou?rs?|rating|rated|reviews?|true to size|run (?:small|large|big))\b",
    re.I,
)
# words that give a message a subject of its own: a policy, the shop, an order, a person
OWN_SUBJECT = re.compile(
    r"\b(return\w*|refund\w*|exchange\w*|ship\w*|deliver\w*|post(?:age)?|courier|track\w*|order\w*|parcel|package|"
    r"pay\w*|card|paypal|gift ?cards?|promo\w*|discount\w*|coupon\w*|codes?|member\w*|gold|silver|bronze|plus|"
    r"account|password|store|stores|shop|hours|open|phone|e-?mail|contact|warranty|price match\w*|sale|"
    r"hem\w*|monogram\w*|tailor\w*|size guide)\b",
    re.I,
)
# a rule asked about the product ("can I return them?", "can I exchange it for another size?"): the policy answers
POLICY_ASKED = re.compile(
    r"\b(return\w*|refund\w*|exchange\w*|swap|send (?:it|them|this|these) back|ship\w*|deliver\w*|warranty|hem\w*|"
    r"monogram\w*|gift ?wrap\w*|price match\w*)\b",
    re.I,
)


def asks_rule(text: str) -> bool:
    """A question about a rule, not the product's fields ("can I return them if they don't fit?")."""
    return bool(POLICY_ASKED.search(text)) and not (PRICE.search(text) and not re.search(r"\bship\w*\b", text, re.I))


# a question about what the shopper paid or was charged on the order under discussion (past tense, their own)
PAID = re.compile(
    r"\b(did i pay|i paid|have i paid|was i charged|were i charged|did you charge|i was charged|did (?:the )?shipping cost|"
    r"was (?:the )?(?:shipping|delivery|postage)|did it cost|was it)\b",
    re.I,
)
# "what do I (actually) get?": the benefits of the topic under discussion
BENEFITS = re.compile(
    r"\bwhat (?:do|would|will|did) (?:i|you|we) (?:actually |really |even )?get\b|\bwhat(?:'s| is) in it for me\b"
    r"|\b(?:perks|benefits)\b|\bwhat does it (?:give|include|get)\b|\bis it worth it\b",
    re.I,
)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _questions(text: str) -> list[str]:
    """The sentences that ask ("cool. are they waterproof tho? i walk to work in the rain"): a remark around the
    question does not make it a long message of its own; a message without a question mark is all question."""
    asked = [s for s in re.split(r"(?<=[?!.])\s+", text.strip()) if s.rstrip().endswith("?")]
    return asked or [text]


def followup_size(text: str) -> str | None:
    """The size a follow-up asks about: "in M" / "size 32", or a bare one ("is L in stock?", "need a 27")."""
    size = asked_size(text)
    if size is not None:
        return size
    m = BARE_SIZE.search(text)
    return m.group(1).upper() if m and not m.group(1)[0].isdigit() else (m.group(1) if m else None)


def kind_word(product: dict[str, Any], catalog: Sequence[dict[str, Any]]) -> str:
    """What a shopper calls the product in a policy question: "socks", "jeans", "t-shirt"."""
    kinds = parse_constraints(str(product.get("name", "")), catalog).categories
    return kinds[0] if kinds else str(product.get("category") or "item")


SEND_BACK = re.compile(r"\bsend (?:them|it|this|these|those|this one|that one) back\b", re.I)


def rule_about(text: str, word: str) -> str:
    """The rule question about a kind of product: "can I send them back?" -> "can I return socks?"."""
    if SEND_BACK.search(text):
        return SEND_BACK.sub(f"return {word}", text, count=1)
    return PRONOUN.sub(word, text, count=1)


def product_followup(
    text: str,
    state: ConversationState,
    constraints: Constraints,
    named: Sequence[dict[str, Any]],
    catalog: Sequence[dict[str, Any]],
) -> Request | None:
    """A short question about the product the last turn was about ("is L in stock?", "what's it made of?"); "can I
    return them?" about it is the policy question for its kind ("can I return socks?")."""
    longest = max(_words(p) for q in _questions(text) for p in question_parts(q) or [q])  # each part of "X and Y?"
    if not state.skus or state.last_kind != RequestKind.PRODUCT_FACT.value or named or longest > MAX_WORDS:
        return None
    if constraints.categories or constraints.brands or constraints.missing_brands or constraints.missing_categories:
        return None  # "any L in the jackets?": another subject
    if asks_rule(text):
        product = products_by_sku(catalog, state.skus[:1]).get(state.skus[0])
        if product is None or not PRONOUN.search(text):
            return None
        rule = rule_about(text, kind_word(product, catalog))
        return Request(
            RequestKind.POLICY, rule, constraints=parse_constraints(rule, catalog), skus=state.skus[:1], followup=True
        )
    size = constraints.size or followup_size(text)
    asked = bool(
        size
        or constraints.colours
        or PRODUCT_ASKED.search(text)
        or asked_attributes(text)
        or MATERIAL.search(text)
        or RATING.search(text)
        or LIKED.search(text)
    )
    if not asked:
        return None
    if size and not constraints.size:
        constraints.size = size
    return Request(RequestKind.PRODUCT_FACT, text, skus=state.skus[:1], constraints=constraints, followup=True)


def order_followup(text: str, state: ConversationState) -> Request | None:
    """ "how much did I pay for shipping?" after an answer about the shopper's order: that order's total and shipping;
    "while ur at it can i bump it to overnight? how much is that": that order's upgrade, by its status and level;
    "and when would i see the refund on my card?" after any answer about one order: that order's refund time."""
    if not state.order_id:
        return None
    from bot.core.refund_wait import asks_wait

    if asks_wait(text) and THEIRS.search(text) and not ORDER_REF_ELSE.search(text) and _words(text) <= MAX_WORDS + 2:
        return Request(RequestKind.OWN_ORDER, text, order_ids=[state.order_id], followup=True)
    if state.last_kind != RequestKind.OWN_ORDER.value:
        return None
    if SPEED.search(text) and SPEED_OF_IT.search(text) and not ORDER_REF_ELSE.search(text) and _words(text) <= 20:
        return Request(
            RequestKind.OWN_ORDER, text, aspects=[OrderAspect.SPEED], order_ids=[state.order_id], followup=True
        )
    if _words(text) > MAX_WORDS + 2:
        return None
    from bot.core.item_swaps import asks_swap  # item_swaps reads ordered_items, which reads request (this module's)

    if asks_swap(Request(RequestKind.OWN_ORDER, text)) and not ORDER_REF_ELSE.search(text):
        # "can I just switch it to a medium instead?" after that order's answer: a change to that order's item
        return Request(RequestKind.OWN_ORDER, text, order_ids=[state.order_id], followup=True)
    came_to = re.search(COME_TO, text, re.I)  # "what did it come to?"
    if not came_to and not (
        PAID.search(text) and (PRICE.search(text) or re.search(r"\b(charged|pay|paid)\b", text, re.I))
    ):
        return None
    return Request(RequestKind.OWN_ORDER, text, aspects=[OrderAspect.TOTAL], order_ids=[state.order_id], followup=True)


# the order under discussion named as "it": "can i bump it to overnight?", "could you upgrade that one?"
SPEED_OF_IT = re.compile(r"\b(?:it|that|this|them|that one|(?:the|my|that|this) order)\b", re.I)
# the refund or money of this order ("the refund on my card"), not refunds in general ("how long do refunds take?")
THEIRS = re.compile(r"\b(?:my|our|the|it|its|them|this|that)\b", re.I)
# a swap about something other than the order under discussion ("can I exchange a gift?", "another order")
ORDER_REF_ELSE = re.compile(r"\b(?:gift|another order|other order|a different order|ORD-\d+)\b", re.I)


def lacks_subject(text: str, constraints: Constraints) -> bool:
    """A short message that names no subject of its own: no policy word, product kind, brand, colour or size."""
    if _words(text) > 8 or OWN_SUBJECT.search(text) or STOCK.search(text):
        return False
    return constraints.is_empty() and not constraints.missing_brands and not constraints.missing_categories


def about_product_kind(req: Request, text: str) -> bool:
    """The request is a rule asked about the product under discussion, reworded with its kind ("can I return
    socks?"): retrieval reads the rule's words, and the product's fields stay out of the grounding."""
    return req.kind == RequestKind.POLICY and req.followup and bool(req.skus) and req.text != text


def carried_query(text: str, req: Request, state: ConversationState, history: list[dict[str, Any]]) -> str:
    """The retrieval query: a policy follow-up that names no subject ("what do I actually get?", "how long does
    it last?") is searched with the topic of the policy question before it; "can I return them?" about a product
    as the request resolved it ("can I return socks?"); anything else as before."""
    if about_product_kind(req, text):
        return req.text
    constraints = req.constraints
    if (placed := with_topic_place(text, req, state)) is not None:
        return placed
    if state.last_kind == RequestKind.POLICY.value and state.topic and lacks_subject(text, constraints):
        subject = topic_subject(state.topic)
        if BENEFITS.search(text) and subject:
            return f"What are the benefits of {subject}?"
        if ASKS_NEW.search(ELLIPSIS.sub("", text)) and subject:
            return f"{text.rstrip(' ?')} ({subject})?"  # "and how long does it take?": the time, of that subject
        return f"{state.topic} {text}"  # "and to Canada?": the same question about another place
    return rewrite_query(text, history) if is_followup(text) else text


# a rule of its own asked in a follow-up: "is sending it back free from there?" after "do you ship to japan?"
OWN_RULE = re.compile(rf"{OWN_SUBJECT.pattern}|\bsend\w*\b[^?.!]{{0,20}}\bback\b", re.I)
THERE = re.compile(r"\b(?:there|that country|that place)\b", re.I)
RETURNED = re.compile(r"\breturn\w*|\brefund\w*|\bsend\w*\b[^?.!]{0,20}\bback\b|\bexchang\w*", re.I)


def with_topic_place(text: str, req: Request, state: ConversationState) -> str | None:
    """A follow-up that asks a rule of its own about the place the policy question before it named ("what about
    returns from there?", "and if it doesn't fit, can I send it back for free?" after "do you ship to Japan?"):
    the message is searched as itself with that place, never with the last question's words, so its own words
    choose the passage (the returns page, not the list of countries). None for anything else."""
    if req.kind != RequestKind.POLICY or state.last_kind != RequestKind.POLICY.value or not state.topic:
        return None
    if not OWN_RULE.search(text) or places_in(text) or not (is_followup(text) or THERE.search(text)):
        return None
    named = places_in(state.topic)
    if len(named) != 1:
        return None
    place, _in_us = named[0]
    if RETURNED.search(text):  # the shop's word for sending back, so retrieval reads the returns page
        return f"{THERE.sub(place, text, count=1).rstrip(' ?')} (returns from {place})?"
    return f"{THERE.sub(place, text, count=1)}" if THERE.search(text) else f"{text.rstrip(' ?')} (to {place})?"


# a follow-up that asks something new of the topic ("and how long does it take?"), not one that swaps a part of
# it ("and to Canada?", "what about Gold members?")
ELLIPSIS = re.compile(r"^\W*(?:(?:and|or|but|also|so|ok|okay)\W+)*(?:what about|how about|what if)\b", re.I)
ASKS_NEW = re.compile(
    r"\b(how|what|when|where|which|who|why|is|are|do|does|did|can|could|will|would|should|may|any)\b", re.I
)


def topic_subject(topic: str) -> str:
    """What a policy question was about, without its question words or the value it asked for: "how do I get
    Gold membership?" -> "Gold membership", "how much does shipping to France cost?" -> "shipping France"."""
    words = [w for w in re.findall(r"[\w'$-]+", topic) if w.lower() not in _FUNCTION_WORDS]
    return " ".join(words)


_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        "how what which when where who why do does did is are was were can could will would should i you we my your "
        "the a an to of for in on at get become reach join be it its there that this about tell me please much long "
        "many cost costs price prices fee fees charge take takes free soon fast quickly",
    )
)


def next_topic(state: ConversationState, req: Request) -> str:
    """The policy topic after this turn: a follow-up that named no subject of its own keeps the one before it
    ("how do I get Gold?" -> "what do I get?" -> "how long does it last?" is still about Gold)."""
    if req.kind != RequestKind.POLICY:
        return state.topic
    carried = state.last_kind == RequestKind.POLICY.value and state.topic and lacks_subject(req.text, req.constraints)
    return state.topic if carried else req.text
