"""Which of a known customer's orders a question is about: the number named, the item named (an item to add
names none), the month or day said, "my last order", the status named, or the one that can still change; else a
reply that asks which, or says none is theirs."""

from __future__ import annotations

import re
from typing import Any

from bot.core import canned
from bot.core.answers import matching_orders, order_label
from bot.core.contact_channels import EMAIL_ADDRESS
from bot.core.lookups import ORDER_ID, SkuMap
from bot.core.order_days import arrival_said
from bot.core.order_days import on_day as orders_on
from bot.core.order_facts_said import by_facts
from bot.core.order_pick import in_said_month, nearest_orders, said_date
from bot.core.order_questions import NOT_SHIPPED, REFUNDED
from bot.core.order_words import without_added_item
from bot.core.ordered_items import LAST_ORDER, item_words, match_orders, words_of
from bot.core.turn import HANDOFF_BUTTON, order_source
from bot.domain import Author, Flag, Intent, IntentPrediction, OrderAspect, Reply, Request

ACTIVE = ("placed", "processing", "shipped", "out for delivery")
CHANGES = {"address", "cancel", "add_item", "speed"}  # what can change only before an order ships
ASKED_OF_EACH = {
    "status",
    "delivery",
    "tracking",
    "total",
    "contents",
    "payment",
    "count",
    "size",
}  # facts, not changes
# another of the orders, or all of them: not the one under discussion ("my other dress", "all my sweater orders")
OTHER_MEANT = re.compile(
    r"\b(?:other|another|else|rest|all|each|every|both|any|previous|earlier|older|first|orders|ones)\b", re.I
)
POINTS_BACK = re.compile(r"\b(?:the|that|this|it|its|same|those|these|them)\b", re.I)
STATUS_NAMED = re.compile(
    r"\bmy (placed|processing|shipped|delivered|returned|cancelled) (?:order|package|parcel)\b", re.I
)


def named_elsewhere(req: Request, own: list[dict[str, Any]], catalog: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A follow-up carried to the order under discussion that names an item only other orders of theirs hold ("the
    merino one"): those orders; [] when it names none, or an item the order under discussion holds."""
    if not req.followup:
        return []
    found = match_orders(req.text, own, SkuMap(catalog))
    if not found or not found[0] or any(o["order_id"] in req.order_ids for o in found[0]):
        return []
    return found[0]


def which_orders(
    own: list[dict[str, Any]],
    req: Request,
    pred: IntentPrediction,
    catalog: list[dict[str, Any]],
    discussed: str | None = None,
) -> list[dict[str, Any]] | Reply:
    """The orders asked about (of several that fit, the `discussed` one), or a reply: not theirs, or which one?"""
    by_id = {o["order_id"]: o for o in own}
    if req.order_ids:  # "and the merino one i ordered after that" after the quarter zip's order: the merino's
        mine = named_elsewhere(req, own, catalog) or [by_id[i] for i in req.order_ids if i in by_id]
        # another customer's order number: never say anything about it
        return mine or order_reply(canned.ORDER_NOT_YOURS, pred, flags={Flag.ORDER_NOT_VERIFIED}, handoff=True)
    if not own:
        return order_reply(canned.NO_ORDERS, pred, handoff=True)
    by_sku = SkuMap(catalog)  # through the per-version SKU index
    # the items' own names first (trousers are not chinos); an item to add names no order
    said = without_added_item(req.text) if OrderAspect.ADD_ITEM in req.aspects else req.text
    by_item = match_orders(said, own, by_sku)
    candidates = by_item[0] if by_item else matching_orders(own, req.order_hint, by_sku) if req.order_hint else own
    hint = " ".join(by_item[1]) if by_item else req.order_hint
    candidates = by_facts(req.text, candidates)  # "8 dollars shipping", "the stained stuff": the record agrees
    timed = _when_said(req.text, candidates, own, pred)
    if isinstance(timed, Reply):
        return timed
    candidates = timed
    if OrderAspect.REFUND in req.aspects:  # a refund is on a returned or cancelled order: the newest one
        refunded = _refunded(candidates, req.text)
        return _the_discussed(refunded, discussed, req.text)[:1] if refunded else no_refund(candidates or own, pred)
    if (named := STATUS_NAMED.search(req.text)) is not None:  # "my processing order"
        candidates = [o for o in candidates if str(o.get("status")) == named.group(1).lower()] or candidates
    candidates = _the_discussed(candidates, discussed, req.text)
    if hint and not candidates:
        listing = "; ".join(order_label(o) for o in own[:3])
        text = (
            f"I couldn't find a {hint} in your orders. Your most recent orders are: {listing}. Which one do you mean?"
        )
        return ask_which(text, own[:3], pred)
    active = [o for o in candidates if str(o.get("status")) in ACTIVE]
    still_open = [o for o in candidates if str(o.get("status")) in NOT_SHIPPED]
    # the only one that can still change, or the one not yet with them ("add a belt to my jeans order")
    if {a.value for a in req.aspects} & CHANGES and (len(still_open) == 1 or (hint and len(active) == 1)):
        return still_open if len(still_open) == 1 else active
    where_only = {a.value for a in req.aspects} <= {"status", "delivery", "tracking"}
    if len(candidates) == 1 or (hint and len(active) == 1 and where_only):  # the one on its way
        return candidates if len(candidates) == 1 else active
    if hint and 1 < len(candidates) <= 3 and {a.value for a in req.aspects} <= ASKED_OF_EACH:
        return candidates  # "how much was shipping on my chinos order?": each one's answer, then which one
    if hint and len(candidates) > 1:
        return _which_with_item(candidates, active if where_only else None, hint, by_sku, pred)
    if len(active) == 1:
        return active
    if len(active) > 1:
        if where_only:
            return active[:3]  # each one's status answers "where is my order?"
        listing = "; ".join(order_label(o) for o in active[:3])
        return ask_which(
            f"You have {len(active)} orders on the way: {listing}. Which one do you mean?", active[:3], pred
        )
    return candidates[:1]


def _refunded(candidates: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The returned or cancelled orders; of those, the returned ones when the items were sent back ("the stuff i
    sent back": a returned order, not a cancelled one)."""
    refunded = [o for o in candidates if str(o.get("status")) in REFUNDED]
    sent = [o for o in refunded if str(o.get("status")) == "returned"] if SENT_BACK.search(text) else []
    return sent or refunded


def _the_discussed(candidates: list[dict[str, Any]], discussed: str | None, text: str) -> list[dict[str, Any]]:
    """Of several orders that fit, the one the conversation is about when the words point back to it ("the dress"
    after its order's answer; a bare "my sweater?" still asks which), unless another or all of them are meant."""
    if not discussed or len(candidates) < 2 or OTHER_MEANT.search(text) or not POINTS_BACK.search(text):
        return candidates
    return [o for o in candidates if o["order_id"] == discussed] or candidates


def _which_with_item(
    candidates: list[dict[str, Any]],
    active: list[dict[str, Any]] | None,
    hint: str,
    by_sku: SkuMap,
    pred: IntentPrediction,
) -> Reply:
    """ "Which one do you mean?" naming each order by its number, date, state and the items of the kind asked
    ("when will my sweater arrive": its sweaters, not the gloves beside them); a where-or-when question with some
    on their way asks among those, and says when none is (`active` None: not a where-or-when question)."""
    pool = active or candidates
    shown = pool[:3]
    listing = "; ".join(_label(o, hint, by_sku) for o in shown)
    newest = f"; the newest {_count(len(shown)).lower()}" if len(pool) > len(shown) else ""
    if active:
        lead = f"{_count(len(active))} of your orders with a {hint} {'is' if len(active) == 1 else 'are'} on the way"
        lead = lead if len(active) < len(candidates) else f"You have {len(active)} orders with a {hint} on the way"
    else:
        lead = f"You have {len(candidates)} orders with a {hint}" + (
            ", none of them on the way" if active == [] else ""
        )
    return ask_which(f"{lead}{newest}: {listing}. Which one do you mean?", shown, pred)


def _count(n: int) -> str:
    return {2: "Two", 3: "Three", 4: "Four", 5: "Five"}.get(n, str(n))


def _label(order: dict[str, Any], hint: str, by_sku: SkuMap) -> str:
    """order_label with only the items the words asked name, when some do."""
    said = set(words_of(hint))
    items = order.get("items") or []
    fits = [i for i in items if said & item_words(i, by_sku.get(str(i.get("sku")), {}))]
    return order_label({**order, "items": fits} if fits else order)


# the items came back to the shop: the refund is a returned order's, not a cancelled one's
SENT_BACK = re.compile(r"\b(?:sent|send|mailed|shipped|posted|brought|took)\b[^.?!]{0,25}\bback\b|\breturned\b", re.I)


def _when_said(
    text: str, candidates: list[dict[str, Any]], own: list[dict[str, Any]], pred: IntentPrediction
) -> list[dict[str, Any]] | Reply:
    """The candidates narrowed by when the shopper says they ordered: "my last order", "on the 24th", "in July"
    (a month with no order of theirs is said so, never another month's order)."""
    if LAST_ORDER.search(text) and candidates:  # "my last order": the newest
        candidates = candidates[:1]
    if (when := said_date(text)) is not None:  # "what did I order on nov 10?", "on the 24th", "on saturday"
        on_day = orders_on(candidates, when[0], text)  # "that came on monday": delivered then, else placed then
        if not on_day and when[1]:  # a date said exactly and none placed then: said so, never another day's order
            near = nearest_orders(own, when[0])
            listing = "; ".join(order_label(o) for o in near)
            day = f"{when[0]:%B} {when[0].day}"
            return ask_which(
                f"I couldn't find an order of yours {'delivered' if arrival_said(text) else 'placed'} on {day}. The orders nearest that day are: {listing}. "
                "Which one do you mean?",
                near,
                pred,
            )
        candidates = on_day or candidates
    if (month := in_said_month(text, candidates)) is not None and not (candidates := month[1]):
        listing = "; ".join(order_label(o) for o in own[:3])
        said = f"I couldn't find an order of yours placed in {month[0]}. Your most recent orders are: {listing}."
        return ask_which(f"{said} Which one do you mean?", own[:3], pred)
    return candidates


def unverified_reply(text: str, pred: IntentPrediction) -> Reply:
    """An anonymous shopper's order question: with an order number and an e-mail (what VERIFY_ORDER asks for) a
    person is handed the check and nothing about the order is said; without both, what to send."""
    if ORDER_ID.search(text) and EMAIL_ADDRESS.search(text):
        return order_reply(canned.VERIFY_HANDED_OFF, pred, flags={Flag.ORDER_NOT_VERIFIED, Flag.HANDOFF})
    return order_reply(canned.VERIFY_ORDER, pred, flags={Flag.ORDER_NOT_VERIFIED}, handoff=True)


def order_reply(text: str, pred: IntentPrediction, *, flags: set[Flag] | None = None, handoff: bool = False) -> Reply:
    return Reply(
        text=text,
        flags=flags or set(),
        buttons=[HANDOFF_BUTTON] if handoff else [],
        intent=Intent.ORDER_STATUS,
        confidence=pred.confidence,
    )


def no_refund(orders: list[dict[str, Any]], pred: IntentPrediction) -> Reply:
    """No returned or cancelled order: no refund is on record, and a person can look for a return on its way."""
    latest = orders[0]
    text = (
        f"I don't see a returned or cancelled order on your account, so there is no refund on record yet. "
        f"Your most recent order, {latest['order_id']}, is {latest.get('status')}. If you sent something back recently, "
        "a person from our team can check where it is; would you like me to connect you?"
    )
    return Reply(
        text=text,
        sources=[order_source(latest)],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.STRUCTURED, Flag.ORDER},
        intent=Intent.ORDER_STATUS,
        confidence=pred.confidence,
        author=Author.TEMPLATE,
    )


def ask_which(text: str, orders: list[dict[str, Any]], pred: IntentPrediction) -> Reply:
    return Reply(
        text=text,
        sources=[order_source(o) for o in orders],
        intent=Intent.ORDER_STATUS,
        confidence=pred.confidence,
        flags={Flag.STRUCTURED, Flag.ASK_WHICH, Flag.ORDER},
        author=Author.TEMPLATE,
    )
