"""Understand one turn: what is asked (a Request), resolved against the conversation state."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core import order_words as ow
from bot.core.catalog import COMPARE, asks_to_find, featured_search, open_request, parse_constraints
from bot.core.catalog.brand_short import with_brand_names
from bot.core.catalog.line_names import unplaced
from bot.core.catalog.measures import without_measures
from bot.core.catalog.named import only_described, really_named
from bot.core.catalog.negation import excluded_by
from bot.core.catalog.parse import without_ruled_out
from bot.core.compared import comparison
from bot.core.complaint_words import reported_problem, state_order
from bot.core.followup import is_followup
from bot.core.listed import attribute_followup, listed_followup
from bot.core.lookups import find_products, order_ids_in, products_by_sku
from bot.core.questions import SIZE_GUIDE
from bot.core.referent import order_followup, product_followup
from bot.core.small_talk import small_talk
from bot.domain import (
    Constraints,
    ConversationState,
    Intent,
    IntentPrediction,
    OrderAspect,
    PolicySlot,
    Request,
    RequestKind,
)

WANTS_PERSON = re.compile(
    r"\b(talk|speak|chat|connect|transfer|put me through|get me|escalate)\b.{0,30}\b(human|person|people|agent|representative|someone|somebody|operator|staff|manager|supervisor|real)\b"
    r"|\b(human|real person|live agent|agent|representative|operator)\s*(please|pls|now)\b|^\s*(human|agent|representative|operator)\s*[.!?]*\s*$",
    re.I,
)
COMPLAINT = re.compile(
    r"\b(arrived|came|is|was|were|are|got it|received it)\s+(\w+\s+){0,2}(damaged|broken|ripped|torn|defective|faulty|stained|dirty|wrong|missing)\b"
    r"|\b(received|got|sent me|delivered)\s+(the\s+|a\s+)?wrong\b|\bnever (arrived|came|got|received)\b"
    r"|\b(has|had|have|with|there'?s|there is|found)\s+(a\s+|an\s+|some\s+)?(stain|hole|tear|rip|defect|missing button|broken \w+)s?\b"
    r"|\bstill (hasn'?t|haven'?t|has not|have not|not|didn'?t)\s+(arrived|come|received|got|shipped)\b"
    r"|\b(terrible|awful|horrible|unacceptable|disgusting|ridiculous|worst|furious|angry|disappointed|frustrated|fed up|appalling|rude|scam)\b"
    r"|\bi want to (complain|make a complaint)\b|\bcomplaint\b",
    re.I,
)
# a charge the shopper disputes: an apology and a person, never an FAQ line about card declines or quantities
BILLING = re.compile(
    r"\b(charged|billed|debited|took|taken|take|taking|pulled|(?:charge|charging|bill|billing) (?:me|us|my))\b.{0,40}"
    r"\b(twice|two times|2 times|double|again|three times)\b"
    r"|\bdouble[- ]?(charged|billed|charge|charging)\b|\bover-?charged\b|\bcharged me (the )?wrong\b",
    re.I,
)
# an extra service's own rule ("how long does monogramming add to my order"), not a question about an order
SERVICE = re.compile(r"\b(monogram\w*|hemming|hemmed|gift ?wrap\w*|name stitching|tailoring|alterations?)\b", re.I)
# "I'm between a M and an L": the size guide's advice, not a search for either size
BETWEEN_SIZES = re.compile(
    r"\bbetween (?:two )?sizes\b|\bbetween (?:an? |size )?(?:xxs|xs|s|m|l|xl|xxl|small|medium|large|\d{1,2})(?: and | or |/| & )(?:an? )?"
    r"(?:xxs|xs|s|m|l|xl|xxl|small|medium|large|\d{1,2})\b",
    re.I,
)
HYPOTHETICAL = re.compile(
    r"\b(what if|if my|if the|if an?|in case|what happens if|what do i do if|can i return|how do i return)\b", re.I
)
OWN_ORDER = ow.OWN_ORDER  # "my order", "the order i placed on friday": the words live with the other order words
ORDER_ASPECTS: list[tuple[OrderAspect, re.Pattern[str]]] = [
    (OrderAspect.SPEED, ow.SPEED),
    (OrderAspect.REFUND, ow.REFUND_STATUS),
    (OrderAspect.COUNT, ow.HOW_MANY),
    (OrderAspect.SIZE, ow.SIZE_BOUGHT),
    (
        OrderAspect.TRACKING,
        re.compile(r"\b(courier|carrier|tracking|track|shipped with|which company|ups|usps|fedex|dhl)\b", re.I),
    ),
    (
        OrderAspect.DELIVERY,
        re.compile(r"\b(when|arrive|arrives|arrival|get here|eta|delivered|delivery date|how long|expect)\b", re.I),
    ),
    (OrderAspect.ADD_ITEM, ow.ADD_ITEM),
    (
        OrderAspect.CONTENTS,
        re.compile(
            r"\b(what('s| is| did| was|s)? (in|i order|i buy)|contents?|items?|which (items|products)"
            r"|what did i (\w+ )?(order|buy|get|purchase))\b",
            re.I,
        ),
    ),
    (
        OrderAspect.PAYMENT,
        re.compile(
            r"\b(how did i pay|pa(id|y) (with|by|using)|payment method|which (card|payment)|what (card|payment)"
            r"|(change|switch|update|swap) (the |my )?(card|payment)|(another|a different|a new) card)\b",
            re.I,
        ),
    ),
    (OrderAspect.TOTAL, ow.TOTAL),
    (OrderAspect.ADDRESS, ow.ADDRESS),
    (
        OrderAspect.CANCEL,
        re.compile(rf"\b(cancel|cancell?ation|stop the order|don'?t want it)\b|{ow.REMOVE_ITEM}", re.I),
    ),
    (
        OrderAspect.STATUS,
        re.compile(
            r"\b(status|where|shipped|has it|update|progress|processing|dispatched|in transit|(?:order|purchase|payment) (?:go|gone|went) through"
            r"|on (its|their|the) way(?! to being)|been (sent|dispatched|posted))\b",
            re.I,
        ),
    ),
]
PRODUCT_FACT_WORDS = re.compile(
    r"\b(price|cost|how much|stock|available|sizes?|fit|colou?rs?|made of|material|fabric|rating|rated|reviews?|in (xxs|xs|s|m|l|xl|xxl|\d{1,2})\b|"
    r"come in|does it|is it|are they|do they|it|this one|that one)\b",
    re.I,
)
POLICY_WORDS = re.compile(
    r"\b(return|returns|refunds?|exchanges?|ship|shipping|deliver|delivery|wash|washing|care|clean|hem|hemming|hemmed|tailor|tailoring|alteration|warranty|size guide|sizing|"
    r"stitch|stitching|monogram|gift card|promo|discount|coupon|pay|payment|member|membership|policy|store hours|stores?"
    r"|delivered|send(?:ing)?\b[^.?!]{0,30}\bback"
    r"|washer|dryer|dry[- ]?clean\w*|(?:go|goes|put|throw|toss)\b[^.?!]{0,20}\bin(?:to)? the (?:wash|machine))\b",
    re.I,
)
SLOTS: list[tuple[PolicySlot, re.Pattern[str]]] = [
    (
        PolicySlot.WINDOW,
        re.compile(
            r"\b(how long do i have|how many days|deadline|window|time limit|until when|how late|too late|still return)\b",
            re.I,
        ),
    ),
    (PolicySlot.COST, re.compile(r"\b(how much|cost|costs|price|fee|fees|charge|free)\b", re.I)),
    (PolicySlot.TIME, re.compile(r"\b(how long|how fast|how quickly|when will|days? (does|will)|take)\b", re.I)),
    (
        PolicySlot.COUNTRIES,
        re.compile(r"\b(where|which countries|ship to|deliver to|international|abroad|overseas|countries)\b", re.I),
    ),
    (
        PolicySlot.CONDITIONS,
        re.compile(
            r"\b(can i|could i|am i allowed|is it possible|do you accept|condition|rules?|requirements?)\b", re.I
        ),
    ),
]
BOUGHT = re.compile(
    r"\bi (?:just |recently |already |actually )?(bought|ordered|purchased|paid for)\b|\bmy (?!next\b|new\b|future\b|upcoming\b)(\w+ )?(order|package|parcel|delivery|purchase|shipment)\b"
    r"|\b(did|has|have|is|are) my (\w+ ){1,2}(ship|shipped|arrive|arrived|come|left|been sent|been shipped)\b",
    re.I,
)
ORDER_KINDS = (RequestKind.OWN_ORDER.value, RequestKind.COMPLAINT.value)
# intents under which "my order" is still a question about the rules or the catalog
NOT_ORDER_INTENTS = (
    Intent.RETURNS_REFUNDS,
    Intent.PRODUCT_SEARCH,
    Intent.PRODUCT_QUESTION,
    Intent.PAYMENT,
    Intent.ACCOUNT,
)


ATTRIBUTE = re.compile(  # a question about an attribute of a kind ("how wide are your boots"), not a search
    r"\b(what (material|fabric)|made of|how (do|does) (they|it|\w+) fit|true to size|run (small|large|big)|how (do i|to) (wash|care|clean)|"
    r"how (wide|long|warm|heavy|big) (is|are)|width|warranty|waterproof|shrink|inseam|sleeve|leg length)\b",
    re.I,
)


def understand(
    text: str,
    pred: IntentPrediction,
    state: ConversationState,
    catalog: Sequence[dict[str, Any]],
    *,
    known_customer: bool,
) -> Request:
    """The Request this message makes, using the state for what it leaves out."""
    ids = order_ids_in(text)
    said = _conversational(text, pred, state, ids) or reported_problem(
        text, catalog, ids or state_order(state), known_customer=known_customer
    )
    if said is not None and said.kind == RequestKind.COMPLAINT:
        said.order_hint = _order_hint(text, catalog)  # "I paid for 2 dresses but got 1": the order with a dress
    ordered = said or _own_order(text, pred, state, catalog, ids) or order_followup(text, state)  # "what did I pay?"
    return ordered or _shopping(text, pred, state, catalog)


def _conversational(text: str, pred: IntentPrediction, state: ConversationState, ids: list[str]) -> Request | None:
    """Small talk, a request for a person, or a complaint: the words decide, the classifier only hints."""
    intent = pred.intent
    # small talk only when it reads like it, whatever the classifier says ("heyy :)" is, "do you have mens chinos?"
    # is a search, "thanks, and how long is shipping?" a shipping question)
    if not ids and small_talk(text) is not None:
        return Request(RequestKind.SMALL_TALK, text)
    # asking for a person, unless it is for the shop's phone number or hours
    if WANTS_PERSON.search(text) or (
        intent == Intent.HUMAN_AGENT
        and re.search(r"\b(human|person|agent|someone|representative|staff|operator)\b", text, re.I)
        and not re.search(r"\b(phone|number|e-?mail|hours|open|call you|contact details)\b", text, re.I)
    ):
        return Request(RequestKind.HANDOFF, text)
    # a complaint states what went wrong; "what if my order arrives damaged?" is a policy question
    stated = (COMPLAINT.search(text) or intent == Intent.COMPLAINT) and "?" not in text.strip()[-1:]
    asked_but_wrong = COMPLAINT.search(text) and re.search(
        r"\b(never|still|wrong|broken|damaged|defective|terrible)\b", text, re.I
    )
    wrong = stated or asked_but_wrong or BILLING.search(text) or ow.MISSING_ITEMS.search(text)
    if wrong and not HYPOTHETICAL.search(text) and not ow.REFUND_STATUS.search(text):  # not "where's my refund?"
        return Request(RequestKind.COMPLAINT, text, order_ids=ids or ([state.order_id] if state.order_id else []))
    return None


def _own_order(
    text: str, pred: IntentPrediction, state: ConversationState, catalog: Sequence[dict[str, Any]], ids: list[str]
) -> Request | None:
    """The customer's own order: by number, by "my order", or a follow-up about the order under discussion."""
    intent = pred.intent
    if SERVICE.search(text) and not ids:
        return None  # "how long does hemming add to my order?": the service's rule answers it
    aspects = [a for a, pattern in ORDER_ASPECTS if pattern.search(text)]
    order_words = bool(OWN_ORDER.search(text))
    bought = bool(BOUGHT.search(text)) or bool(ow.DID_I_BUY.search(text))
    hint = _order_hint(text, catalog)
    if ow.names_an_order(text, aspects, hint) and not HYPOTHETICAL.search(text):
        # "has my refund gone through?", "tracking number for my parka": the customer's orders answer it
        return Request(RequestKind.OWN_ORDER, text, aspects=aspects, order_ids=ids, order_hint=hint)
    if bought and aspects and intent != Intent.RETURNS_REFUNDS and not HYPOTHETICAL.search(text):
        return Request(RequestKind.OWN_ORDER, text, aspects=aspects, order_ids=ids, order_hint=hint)
    if not ids and not aspects and ow.RULE_ASKED.search(text):
        return None  # "what's the return window for my order?": the rule answers it, for anyone
    if state.order_id and not ids and ow.FEE_BACK.search(text) and state.last_kind in ORDER_KINDS and not hint:
        # "do I at least get my shipping back?" right after their order or complaint: what that order's shipping was
        return Request(
            RequestKind.OWN_ORDER, text, aspects=[OrderAspect.TOTAL], order_ids=[state.order_id], followup=True
        )
    that = state.order_id and not ids and state.last_kind in ORDER_KINDS and not hint
    if that and (ow.cancels_that(text) or ow.sends_it(text, aspects)):
        # "can i just cancel and get my money back?", "can u ship it to my office" after their order: that order
        asked = list(dict.fromkeys([OrderAspect.CANCEL, *aspects])) if ow.cancels_that(text) else aspects
        return Request(RequestKind.OWN_ORDER, text, aspects=asked, order_ids=[str(state.order_id)], followup=True)
    followup = is_followup(text)
    words = len(re.findall(r"\w+", text))
    if (
        ids
        or (intent in (Intent.ORDER_STATUS, Intent.ORDER_CHANGE) and (order_words or not POLICY_WORDS.search(text)))
        or (order_words and intent not in NOT_ORDER_INTENTS)
        or (
            state.order_id
            and (followup or words <= 10 or ow.changes_it(text, aspects))
            and aspects
            and not POLICY_WORDS.search(text.replace("delivery", "").replace("deliver", ""))
        )
    ):
        req_ids = ids or ([state.order_id] if state.order_id and not hint and (followup or not order_words) else [])
        return Request(
            RequestKind.OWN_ORDER,
            text,
            aspects=aspects or [OrderAspect.STATUS],
            order_ids=req_ids,
            order_hint=hint,
            followup=bool(req_ids and not ids),
        )
    return None


def _shopping(
    text: str, pred: IntentPrediction, state: ConversationState, catalog: Sequence[dict[str, Any]]
) -> Request:
    """A comparison, a product's facts, a catalog search, or (the rest) a policy question."""
    intent = pred.intent
    text = with_brand_names(text, catalog)  # "CK Mercer snow boots": the Calvin Klein Mercer Winter Snow Boots
    followup = is_followup(text)
    constraints = parse_constraints(text, catalog)
    # "I live in Brooklyn, any rain jackets?" names no Brooklyn product; "my neck is 16.5" no V-Neck T-Shirt
    catalog_text = without_ruled_out(without_measures(unplaced(text, catalog)), catalog)  # "anything but Guess"
    found = find_products(catalog_text, catalog)
    named = really_named(catalog_text, found, constraints, catalog)
    named = [p for p in named if not excluded_by(p, constraints.excluded)]  # "ankle boots, anything but Guess"
    ranked = constraints.sort.value != "relevance" and len(found) >= 2  # "cheapest snow boots": words names share
    if (len(named) >= 2 or ranked) and constraints.categories and not COMPARE.search(text):
        named = []  # "a bomber jacket for men" fits two names equally: a search shows them both
    if len(named) == 1 and constraints.categories and asks_to_find(text) and only_described(text, named[0], catalog):
        named = []  # "want a puffer jacket, womens M, under 200": the one there is, listed with its price
    if (compared := comparison(text, state, catalog, named, followup)) is not None:
        return compared
    if not named and (on_list := listed_followup(text, state, constraints, catalog)) is not None:
        return on_list
    if not named and (carried := product_followup(text, state, constraints, named, catalog)) is not None:
        return carried  # "is L in stock?", "what's it made of?" about the product just discussed
    if named and len(named) == 1 or (named and not asks_to_find(text)):
        return Request(RequestKind.PRODUCT_FACT, text, skus=[p["sku"] for p in named[:1]], constraints=constraints)
    has_subject = bool(
        constraints.categories or constraints.brands or constraints.missing_brands or constraints.missing_categories
    )
    policy = _policy_words(text, constraints)
    if followup and (asked := attribute_followup(text, state, constraints, catalog)) is not None:
        return asked  # "is it lined?", "will they shrink?", "are these boots waterproof?"
    if has_subject and constraints.unchecked:  # "jeans with a 32 inseam": a search that says what it cannot check
        return Request(RequestKind.DISCOVERY, text, constraints=constraints)
    if has_subject and (asks_to_find(text) or intent == Intent.PRODUCT_SEARCH) and not policy:
        return Request(RequestKind.DISCOVERY, text, constraints=constraints)
    # follow-ups: "and in navy?", "how much is it?", "cheaper ones?"
    # "just the stuff under 30 bucks" right after a list: a budget, colour, size or sort with no subject narrows it
    narrows = state.last_kind == RequestKind.DISCOVERY.value and not has_subject and _narrowed(constraints)
    narrows = narrows and not POLICY_WORDS.search(text)  # "returns for items under $30?" asks the rule
    resolved = _followup(text, state, constraints, catalog) if (followup or narrows) and not policy else None
    resolved = resolved or open_request(text, constraints, POLICY_WORDS)  # "the cheapest thing you sell"
    if resolved is not None and not constraints.missing_brands:
        return resolved
    # a kind of product with a size, budget, colour, gender or sort is a search, not an attribute question
    if (
        has_subject
        and not policy
        and (not ATTRIBUTE.search(text) or featured_search(constraints))
        and (
            intent in (Intent.PRODUCT_SEARCH, Intent.PRODUCT_QUESTION)
            or constraints.missing_brands
            or constraints.missing_categories
            or _narrowed(constraints)
        )
    ):
        return Request(RequestKind.DISCOVERY, text, constraints=constraints)
    slot = next((s for s, pattern in SLOTS if pattern.search(text)), PolicySlot.GENERAL)
    skus = [p["sku"] for p in named[:3]]
    return Request(RequestKind.POLICY, text, slot=slot, skus=skus, constraints=constraints, followup=followup)


def _policy_words(text: str, constraints: Constraints) -> bool:
    """Words of a policy question, unless a budget, a sort or "do you have" makes it a search."""
    if BETWEEN_SIZES.search(text) or SIZE_GUIDE.search(text):
        return True  # "what belt size for a 34 waist?", "a US 10 boot in EU sizes?": the size guide, not a search
    uncoloured = text
    for colour in constraints.colours:  # "medium wash" is a colour, not a washing question
        uncoloured = re.sub(rf"\b{re.escape(colour)}\b", " ", uncoloured, flags=re.I)
    return bool(POLICY_WORDS.search(uncoloured)) and not (
        constraints.max_price is not None
        or constraints.sort.value != "relevance"
        or re.search(r"\b(do you (have|sell|carry|stock))\b", text, re.I)
    )


def _followup(
    text: str, state: ConversationState, constraints: Constraints, catalog: Sequence[dict[str, Any]]
) -> Request | None:
    """A follow-up resolved against the state: a cheaper search, a narrowed search, or the product shown."""
    if (cheaper := _cheaper(text, state, constraints, catalog)) is not None:
        return cheaper
    if state.last_kind == RequestKind.DISCOVERY.value and not constraints.is_empty():
        return Request(
            RequestKind.DISCOVERY, text, constraints=constraints.merged_over(state.constraints), followup=True
        )
    if state.skus and (PRODUCT_FACT_WORDS.search(text) or constraints.colours or constraints.size):
        return Request(RequestKind.PRODUCT_FACT, text, skus=state.skus[:1], constraints=constraints, followup=True)
    if state.last_kind == RequestKind.DISCOVERY.value and re.search(
        r"\b(cheaper|more|other|else|another|different)\b", text, re.I
    ):
        merged = constraints.merged_over(state.constraints)
        return Request(RequestKind.DISCOVERY, text, constraints=merged, followup=True)
    return None


def _order_hint(text: str, catalog: Sequence[dict[str, Any]]) -> str:
    """Words naming what was bought ("the jacket I bought"): a kind of product or a name word. The item in
    "can I add a belt to my order?" is the one to add, not one bought; "express shipping" is a speed, not a brand."""
    if ow.ADD_ITEM.search(text):
        return ""
    text = re.sub(r"\bexpress\s+(shipping|delivery)\b", r"\1", text, flags=re.I)
    c = parse_constraints(text, catalog)
    return " ".join(c.categories + c.brands + c.colours)


def _narrowed(constraints: Constraints) -> bool:
    """A size, budget, colour, gender or sort: with a kind of product it is a search ("mens boots in size 11")."""
    return bool(
        constraints.size
        or constraints.max_price is not None
        or constraints.min_price is not None
        or constraints.colours
        or constraints.gender
        or constraints.sort.value != "relevance"
    )


def _cheaper(
    text: str, state: ConversationState, constraints: Constraints, catalog: Sequence[dict[str, Any]]
) -> Request | None:
    """ "anything cheaper?" after a list: the same search below the cheapest product shown."""
    if state.last_kind != RequestKind.DISCOVERY.value or not state.shown:
        return None
    if not re.search(r"\b(cheaper|less expensive|lower price[sd]?|more affordable)\b", text, re.I):
        return None
    shown = products_by_sku(catalog, state.shown[-3:])  # through the per-version SKU index, not a scan
    seen = [float(shown[s].get("price") or 0) for s in state.shown[-3:] if s in shown]
    merged = constraints.merged_over(state.constraints)
    if seen:
        merged.max_price = round(min(seen) - 0.01, 2)
        if merged.sort.value == "cheapest":
            merged.sort = state.constraints.sort
    return Request(RequestKind.DISCOVERY, text, constraints=merged, followup=True)
