"""A customer's order fact lines read as records, and a reply's order claims checked against them.

An order line (bot/core/lookups.describe_order) reads "Order ORD-1 placed on 2026-11-17: status shipped; items
1 x NAME, 2 x NAME; items total 677.47 USD; shipping international, shipping cost 0.00 USD; carrier DHL Express,
tracking number 63; estimated delivery 2026-12-01." A reply sentence speaks of one order: the one it names (by
id, or by item words no other order of the grounding shares), else the order of the sentence before, else the
only one. Its state ("has shipped", "was cancelled", "hasn't been delivered"), shipping method, carrier,
tracking number, dates and amounts must be that order's, bound to the right field: "ORD-2 is returned with
overnight shipping" where ORD-2 was delivered with standard shipping, another order's date, the items total
given as the shipping fee, or the jeans said to be in the order that holds the chinos, are rejected.

`order_notes` restates each line the ways a shopper is told it (month names, "in transit", "free shipping",
how many items), so that a correct paraphrase of the record is not read as new words.
"""

from __future__ import annotations

import re

from bot.core.meaning.order_records import (
    Order,
    item_words,
    name_words,
    named_orders,
    order_notes,
    per_order_sentence,
    read_orders,
)
from bot.core.meaning.order_values import (
    IF_CLAUSE,
    MODAL_BEFORE,
    NEG_BEFORE,
    ORDER_COUNT,
    amount_problems,
    count_problems,
    counted,
    date_problems,
    said_before,
)
from bot.core.meaning.text import sentences

__all__ = ["counted", "order_notes", "order_rules", "order_sentences", "read_orders"]

_SEGMENTS = re.compile(r";\s*|,\s+(?:but|while|whereas|and)\s+|\s+[–—]\s+|\s+-\s+|\.\s+")

# the state a reply gives an order, and the statuses where saying it is true
_STATES: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...] = (
    (
        "processing",
        re.compile(
            r"\b(?:processing|being processed|being prepared|placed stage|order received"
            r"|(?<=\bis\s)placed(?!\s+(?:on|at|in|by|with|for)\b))\b",
            re.I,
        ),
        frozenset({"processing", "placed"}),
    ),
    (
        "shipped",
        re.compile(r"\b(?:shipped|dispatched|on (?:its|their|the) way|in transit|en route|left|went out|sent)\b", re.I),
        frozenset({"shipped", "delivered", "returned"}),
    ),
    ("delivered", re.compile(r"(?<!out for )\b(?:delivered|arrived)\b", re.I), frozenset({"delivered", "returned"})),
    # a delivered order went out for delivery; a shipped one may be out for delivery or not (only the negation is read)
    ("out for delivery", re.compile(r"\bout for delivery\b", re.I), frozenset({"delivered", "returned"})),
    ("cancelled", re.compile(r"\b(?:cancell?ed|called off)\b", re.I), frozenset({"cancelled"})),
    (
        "refunded",
        re.compile(
            r"\b(?:(?:has|have|was|were)(?:n[’']t| not)? (?:yet )?(?:been )?refunded"
            r"|refund (?:has|was|have)(?:n[’']t| not)? (?:yet )?(?:been )?(?:issued|processed|sent))\b",
            re.I,
        ),
        frozenset({"returned", "cancelled"}),
    ),
    (
        "returned",
        re.compile(r"\b(?:returned|came back|(?:return|items?)\s+(?:\w+\s+){0,3}?received)\b", re.I),
        frozenset({"returned"}),
    ),
)

_METHODS = ("standard", "express", "overnight", "economy", "international")

_METHOD = re.compile(r"\b(standard|express|overnight|economy|international)\b", re.I)

_CARRIER = re.compile(r"\b(DHL Express|DHL|USPS|UPS|FedEx)\b", re.I)

_CODE = re.compile(r"\b(?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b")


def order_rules(reply: str, question: str, grounding: str) -> list[tuple[int, str, str]]:
    """(sentence number, "order", reason) for each order claim the order lines contradict."""
    orders = read_orders(grounding)
    if not orders:
        return []
    current = named_orders(question, orders) or (orders[:1] if len(orders) == 1 else [])
    out: list[tuple[int, str, str]] = []
    for n, sentence in enumerate(sentences(reply)):
        named = named_orders(sentence, orders)
        current = named or current
        for reason in _wrong_items(sentence, orders):
            out.append((n, "order", reason))
        for m in ORDER_COUNT.finditer(sentence):  # the counts the orders bear out were restated (counted)
            if m.group(1).lower() not in ("one", "1"):
                out.append((n, "order", f"says {m.group(0)}; the shop's data gives {len(orders)}"))
        for seg in _SEGMENTS.split(sentence):
            subject = named_orders(seg, orders) or current
            if len(subject) != 1:
                continue
            out += [(n, "order", r) for r in _check_segment(seg, subject[0], orders)]
    return out


def order_sentences(reply: str, question: str, grounding: str) -> set[int]:
    """The reply's sentences that name one order of the grounding's order lines (checked as records)."""
    orders = read_orders(grounding)
    out = set()
    for n, sentence in enumerate(sentences(reply)):
        if len(named_orders(sentence, orders)) == 1:
            out.add(n)
    return out


def _check_segment(seg: str, o: Order, orders: list[Order]) -> list[str]:
    reasons = _states(seg, o)
    plain = _CARRIER.sub(" ", seg)
    for m in _METHOD.finditer(plain):
        said = m.group(1).lower()
        if (
            o.method
            and said != o.method
            and not said_before(plain, m.start(), NEG_BEFORE, MODAL_BEFORE)
            and re.search(r"\b(?:shipping|delivery|shipment|shipped|sent|went)\b", plain, re.I)
        ):
            reasons.append(f"says {o.order_id} went {said}; it was shipped {o.method}")
    for m in _CARRIER.finditer(seg):
        said = m.group(1).upper().replace("DHL EXPRESS", "DHL")
        have = o.carrier.upper().replace("DHL EXPRESS", "DHL")
        if o.carrier and said != have and not said_before(seg, m.start(), NEG_BEFORE, MODAL_BEFORE):
            reasons.append(f"says {o.order_id} went with {m.group(1)}; its carrier is {o.carrier}")
    for m in _CODE.finditer(seg):
        owner = [p.order_id for p in orders if p.tracking == m.group(0) and p is not o]
        if owner and o.tracking != m.group(0):
            reasons.append(f"gives {o.order_id} the tracking number of {owner[0]}")
    reasons += _timing_problems(seg, o)
    reasons += date_problems(seg, o, orders)
    reasons += amount_problems(seg, o, orders)
    reasons += count_problems(seg, o)
    return reasons


_TIMING = re.compile(r"\b(early|ahead of (?:schedule|time)|late|behind schedule|delayed|on (?:time|schedule))\b", re.I)
_ARRIVAL = re.compile(r"\b(?:arriv\w*|deliver\w*|came|got (?:there|here)|showed up)\b", re.I)


def _timing_problems(seg: str, o: Order) -> list[str]:
    """ "It arrived a day late" where the order came on its estimated date (or early)."""
    if not (o.delivered and o.estimated and _ARRIVAL.search(seg)):
        return []
    days = (o.delivered > o.estimated) - (o.delivered < o.estimated)  # ISO dates compare as text
    actual = {-1: "early", 0: "on time", 1: "late"}[days]
    out = []
    for m in _TIMING.finditer(seg):
        word = m.group(1).lower()
        said = "early" if word.startswith(("early", "ahead")) else "on time" if word.startswith("on ") else "late"
        if said != actual and not said_before(seg, m.start(), NEG_BEFORE):
            out.append(
                f"says {o.order_id} arrived {said}; it arrived {actual} (estimated {o.estimated}, delivered {o.delivered})"
            )
    return out


def _states(seg: str, o: Order) -> list[str]:
    out = []
    low = seg.lower()
    for name, pattern, states in _STATES:
        for m in pattern.finditer(seg):
            true_for = states
            before = seg[: m.start()]
            if IF_CLAUSE.search(before) or (
                MODAL_BEFORE.search(before) and not re.search(r"\b(?:should|will)\s+(?:have\s+)?$", before, re.I)
            ):
                continue  # "can be cancelled", "once it has shipped": a rule, not this order's state
            if name == "delivered" and re.search(r"\b(?:should|will|to)\s+(?:be\s+|have\s+)?$", before, re.I):
                continue  # "should be delivered on ...": the estimate, read with the dates
            negated = bool(NEG_BEFORE.search(before) or re.search(r"n[’']t\b|\bnot\b", m.group(0)))
            negated = negated or (name == "shipped" and "not yet shipped" in low)
            if name == "shipped" and re.search(r"\bstill\s+$", before, re.I) and not negated:
                true_for = frozenset({"shipped"})  # "still shipped": in transit now
            if name == "out for delivery" and not negated:
                continue
            if negated == (o.status in true_for) and o.status:
                state = "not " + name if negated else name
                out.append(f"says {o.order_id} is {state}; its status is {o.status}")
    return out


def _wrong_items(sentence: str, orders: list[Order]) -> list[str]:
    """ "Your jeans are in ORD-2" where ORD-2 holds no jeans but another order of the grounding does."""
    ids = [o for o in orders if o.order_id in sentence]
    if len(ids) != 1:
        return []
    o = ids[0]
    words = name_words(sentence)
    mine = item_words(o)
    others = [p for p in orders if p is not o and (p.words & words) - mine]
    if others:
        return [
            f"puts the {', '.join(sorted((others[0].words & words) - mine))} of {others[0].order_id} in {o.order_id}"
        ]
    return []


_SUBJECT = r"(?:ORD-\d+|it|they|that order|this order|the order|your order|your \w+(?: order)?)"
_AUX = r"(?:\s*['’]s|\s+(?:is|was|has|have|are|were)(?:\s*n['’]t|\s+not)?)?(?:\s+been)?"
_ADV = r"(?:\s+(?:still|already|now|just|not yet|yet|only))*"
_STATE_WORDS = "|".join(p.pattern for _, p, _ in _STATES).replace(r"\b", "")
_STATED = re.compile(
    rf"\b({_SUBJECT}){_AUX}{_ADV}\s+(?:at the\s+)?(?:{_STATE_WORDS})(?:\s+yet)?"
    rf"(?:\s*(?:,|and)(?:\s+(?:it|they))?{_AUX}{_ADV}\s+(?:{_STATE_WORDS})(?:\s+yet)?)*\b",
    re.I,
)
# the order's state in the words the policy pages use for it
_CANONICAL = {
    "processing": "is placed or processing (not yet shipped)",
    "placed": "is placed or processing (not yet shipped)",
    "shipped": "has shipped (In Transit)",
    "delivered": "was delivered",
    "cancelled": "was cancelled",
    "returned": "was returned",
}


def stated(reply: str, grounding: str) -> str:
    """The reply with each state it gives an order that the order line bears out ("is still processing and hasn't
    shipped") said in the policy's own words ("is placed or processing (not yet shipped)"): the state is checked
    here, and the policy rules then read the claim around it against the policy, not the paraphrase of the state."""
    orders = read_orders(grounding)
    if not orders or not _STATED.search(reply):
        return reply
    return per_order_sentence(reply, orders, _restate)


def _restate(sentence: str, o: Order) -> str:
    def fix(m: re.Match[str]) -> str:
        if _states(m.group(0), o) or o.status not in _CANONICAL:
            return m.group(0)
        return f"{m.group(1)} {_CANONICAL[o.status]}"

    return _STATED.sub(fix, sentence)
