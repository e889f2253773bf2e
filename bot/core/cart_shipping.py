"""Free shipping worked out for the cart the shopper describes: "my cart is $70 and I'm adding a $10 belt, with the
10% newsletter code do I get free shipping?", "how much more do I need for free shipping, I have $58 in my cart".

Used only when the message states amounts (bot.core.cart_math reads them) and asks whether shipping is free, what it
costs, or how much more reaches the free-shipping line. The rules are read from the pages at run time: the US
option with a free-shipping threshold (its fee and threshold), the international sentence (fee, threshold, Gold),
the sentence saying whether a threshold counts after discounts, Northwind Plus's free standard shipping, and the
percentage of a code the message names ("the newsletter code"). The reply shows its arithmetic ("$80 minus 10% is
$72") so every figure is the shopper's, the page's, or worked out from them in the same sentence. When a discount
is involved and the pages do not say whether the threshold counts before or after it, the reply says exactly that
(and gives both figures) unless the answer is the same either way. A place the pages do not ship to, an option with
no threshold (overnight, economy) or a message with no readable cart goes the usual way (None)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.core.cart_items import named_cart
from bot.core.cart_math import (
    Cart,
    discount_step,
    fee,
    gap_step,
    more_step,
    read_amounts,
    read_cart,
    read_cart_percent,
    sum_steps,
    usd,
)
from bot.core.places import places_in
from bot.core.policy_tables import find, free_from, money, sentences_matching, table
from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import ABROAD_WORDS, GOLD_SAID, US_QUERY, asked_method, read_pages
from bot.core.turn import Turn
from bot.domain import Hit

SHIP = re.compile(r"\b(?:ship\w*|deliver\w*|postage)\b", re.I)
FREE_ASKED = re.compile(
    r"\bfree (?:shipping|delivery|standard|international|postage)\b|\b(?:shipping|delivery)\b[^?.!]{0,25}\bfree\b"
    r"|\bqualif\w*\b",
    re.I,
)
# "do I pay for shipping?": a yes is a fee
PAY_ASKED = re.compile(
    r"\b(?:pay|paying|charged?)\b[^?.!]{0,15}\b(?:for )?(?:the )?(?:shipping|delivery|postage)\b"
    r"|\b(?:shipping|delivery) (?:charge|fee)\b[^?.!]{0,20}\b(?:or not|at all)\b",
    re.I,
)
MORE_ASKED = re.compile(
    r"\bhow (?:much|many dollars) (?:more|else|extra)\b|\bhow far (?:off|away|from)\b|\bhow close\b"
    r"|\bhow much (?:do|would|will|should) (?:i|we|u) (?:need|have) to (?:add|spend)\b|\bhow much (?:to|should i) add\b"
    r"|\bwhat (?:else )?(?:do|would|should) (?:i|we|u) (?:need to|have to) (?:add|spend)\b"
    r"|\bhow much (?:am i|i'?m) (?:short|off)\b",
    re.I,
)
COST_ASKED = re.compile(
    r"\bhow much (?:is|will|would|does|for)\b[^?.!]{0,20}\b(?:shipping|delivery|postage)\b"
    r"|\b(?:shipping|delivery|postage) (?:cost|fee|charge|price)s?\b"
    r"|\bwhat(?:'?s| is| will| would| does)? (?:the )?(?:shipping|delivery|postage)\b[^?.!]{0,20}\bcost\b",
    re.I,
)
# a favour or a waiver ("just this once", "can you waive it"): the refusal's, not the rule's arithmetic
FAVOUR = re.compile(
    r"\b(?:just this once|this (?:one )?time|as a favou?r|exception|waive\w*|p+l+e+a+s+e+|pl[sz])\b", re.I
)
OWN_ORDER = re.compile(
    r"\bORD-\d+\b|\b(?:my|the|that|last) order (?:was|cost|came)\b|\bwhy (?:did|was) i\b"
    # an order placed ("my jeans order", "i just ordered", "i paid", "i was charged"): its fee, not a cart (#9)
    r"|\bmy (?!next\b|new\b|order\b)(?:[\w-]+ ){1,3}order\b|\bi (?:just |already )?(?:ordered|paid)\b"
    r"|\b(?:i was|i got|got|been|was) charged\b",
    re.I,
)
NEWSLETTER_CODE = re.compile(r"\b(?:news ?letter|sign[- ]?up|welcome|first[- ]order)\b", re.I)
CARE_CODE = re.compile(r"\b(?:customer care|care team|support team|your team|you guys sent|you sent)\b", re.I)
PLUS_SAID = re.compile(
    r"\bnorthwind plus\b|\bplus (?:member|subscriber|subscription|membership)\b|\bi have plus\b", re.I
)
# duties or tax asked beside it: the place's slot answer says them
TAXES = re.compile(r"\b(?:duty|duties|tax|taxes|customs|import|vat)\b", re.I)
COUNTS_RULE = re.compile(r"\b(?P<when>after|before) (?:any )?discounts?\b", re.I)


@dataclass(slots=True)
class Rule:
    """One free-shipping rule: who it is for, its fee and threshold, the page's sentence, and whether the threshold
    counts after discounts (None: the pages don't say)."""

    what: str
    fee: float
    threshold: float
    sentence: str
    after_discounts: bool | None
    gold_free: bool = False


@dataclass(slots=True)
class Rules:
    us: Rule | None
    intl: Rule | None
    plus: str  # the page's Northwind Plus shipping sentence ('' when none)
    gold_overnight: str  # the US option free for Gold members ('' when none)
    newsletter: float | None  # the newsletter code's percentage
    care: float | None  # the care team's code percentage
    hits: list[Hit]


def _rule_sentence(sentences: list[str], threshold: float) -> str:
    """The page's sentence on how the threshold counts, a page's own wording before an FAQ's "Yes, if ..."."""
    said = [s for s in sentences if COUNTS_RULE.search(s) and money(s) == threshold]
    plain = [s for s in said if not re.match(r"^(?:yes|no)\b", s, re.I)]
    if plain:
        return plain[0]
    return _cap(re.sub(r"^(?:yes|no)\b[,:]?\s*", "", said[0], flags=re.I)) if said else ""


def _counts_after(sentences: list[str], threshold: float) -> bool | None:
    """Whether a page says the threshold counts after (True) or before (False) discounts; None when none says."""
    for s in sentences:
        m = COUNTS_RULE.search(s)
        if m and money(s) == threshold:
            return m.group("when").lower() == "after"
    return None


def read_rules(kb: KnowledgePort) -> Rules:
    us_page = find(kb, US_QUERY, r"\|\s*Option\s*\|")
    rows = [r for r in table(us_page.text) if r.get("option")]
    cost = {r["option"]: next((v for k, v in r.items() if "cost" in k), "") for r in rows}
    counting = sentences_matching(
        kb, "Does my cart qualify for free shipping order totals after discounts before tax", r"\bfree\b"
    )
    us = None
    free_row = next((o for o, c in cost.items() if free_from(c) is not None), None)
    if free_row is not None and (threshold := free_from(cost[free_row])) and (fee := money(cost[free_row])):
        said = _rule_sentence(counting, threshold)
        sentence = said or f"{free_row} shipping within the US costs {cost[free_row]}."
        us = Rule(f"{free_row} shipping within the US", fee, threshold, sentence, _counts_after(counting, threshold))
    pages = read_pages(kb)
    intl_cost = next((s for s in pages.intl if free_from(s) is not None and money(s) is not None), "")
    intl = None
    if intl_cost and (threshold := free_from(intl_cost)) and (fee := money(intl_cost)):
        gold = bool(re.search(r"\bfor Gold members\b", intl_cost, re.I))
        intl = Rule("International shipping", fee, threshold, intl_cost, _counts_after(counting, threshold), gold)
    plus = next(iter(sentences_matching(kb, "Northwind Plus free standard shipping every US order no minimum",
                                        r"\bPlus\b[^.]*\bfree standard shipping\b")), "")  # fmt: skip
    gold_overnight = next((o for o, c in cost.items() if re.search(r"free for Gold", c, re.I)), "")
    promos = find(kb, "Promo codes newsletter subscribers code off first order customer care team", r"\bnewsletter\b")
    newsletter = _percent(promos.first(r"\bnewsletter\b.*\d+%"))
    care = _percent(promos.first(r"\bcustomer care team\b.*\d+%"))
    hits = [h for h in (us_page.hit, promos.hit, *pages.hits) if h is not None]
    return Rules(us, intl, plus, gold_overnight, newsletter, care, hits)


def _percent(sentence: str) -> float | None:
    m = re.search(r"(\d{1,2}(?:\.\d+)?)%", sentence)
    return float(m.group(1)) if m else None


def asked_kind(text: str) -> str:
    """ "more" (how much more for free shipping), "free" (is it free) or "cost" (what shipping costs); '' if none."""
    if not SHIP.search(text) or FAVOUR.search(text) or OWN_ORDER.search(text):
        return ""
    if MORE_ASKED.search(text):
        return "more"
    if PAY_ASKED.search(text):
        return "pay"
    if FREE_ASKED.search(text):
        return "free"
    return "cost" if COST_ASKED.search(text) else ""


def _where(text: str, turn: Turn | None) -> tuple[str, bool] | None:
    """(place, in the US): the place named (one), abroad said, else the known customer's country, else the US."""
    named = places_in(text)
    if len(named) > 1:
        return None
    if named:
        return named[0]
    if ABROAD_WORDS.search(text) or re.search(r"\binternational\b", text, re.I):
        return ("abroad", False)
    country = str(turn.customer.get("country") or "") if turn is not None and turn.known_customer else ""
    if country and country.lower() not in ("us", "usa", "united states", "united states of america"):
        return (country, False)
    return ("the US", True)


def _level(turn: Turn | None) -> str:
    return str(turn.customer.get("membership") or "").lower() if turn is not None and turn.known_customer else ""


def asks_cart_shipping(text: str) -> bool:
    """Free shipping (or its cost, or how far off it is) asked about a cart whose amounts the message states: a
    question of the rules' arithmetic, not a request to waive a fee."""
    return bool(asked_kind(text)) and bool(read_amounts(text))


def asks_free_gap(text: str) -> bool:
    """ "how much more would I have to add to get free shipping?": how far an amount (a cart's, or an order's) is
    from the free-shipping line, a question of the rule's arithmetic, never a request to waive a fee."""
    return bool(SHIP.search(text) and MORE_ASKED.search(text) and not FAVOUR.search(text))


def cart_shipping_answer(kb: KnowledgePort, turn: Turn | None, text: str) -> tuple[str, list[Hit]] | None:
    """The worked-out answer and the sections read, or None: not such a question, a rule that cannot be read, or
    one amount said plainly for a place or the US (the shipping slots compare it with the threshold)."""
    kind = asked_kind(text)
    if not kind or asked_method(text) in ("overnight", "economy") or TAXES.search(text):
        return None
    rules = read_rules(kb)
    code = rules.newsletter if NEWSLETTER_CODE.search(text) else rules.care if CARE_CODE.search(text) else None
    cart, items = read_cart(text, code_percent=code), []
    if cart is None and read_amounts(text) == [] and (named := named_cart(text, kb.products())) is not None:
        cart, items = replace(named[0], percent=read_cart_percent(text, code)), named[1]  # the catalog's prices
    where = _where(text, turn)
    if cart is None or where is None:
        return None
    place, in_us = where
    gold = bool(GOLD_SAID.search(text)) or _level(turn) == "gold"
    plus_said = bool(PLUS_SAID.search(text))
    plain = len(cart.lines) == 1 and cart.lines[0].count == 1 and not cart.percent and kind != "more"
    if plain and not gold and not plus_said and (in_us or places_in(text)):
        return None
    if not in_us and place != "abroad" and not _served(kb, place):
        return None  # the shipping slots say where the shop does not ship
    rule = rules.us if in_us else rules.intl
    if rule is None:
        return None
    plus = rules.plus if in_us and plus_said else ""
    said = worked_answer(kind, cart, rule, gold=gold and not in_us and rule.gold_free, plus=plus, items=items)
    if gold and in_us and rules.gold_overnight:  # "do I get free shipping?" from Gold: not standard, but overnight
        said = re.sub(r"^No:", f"Not with {_lc(rule.what.split()[0])} shipping:", said)
        charged = re.search(rf"\bcosts {re.escape(fee(rule.fee))}", said)
        said += f" {'But as' if charged else 'As'} a Gold member, {rules.gold_overnight} shipping is free for you."
    if not in_us and plus_said and rules.plus:
        said += f" {rules.plus} That is for US orders."
    return said, rules.hits


def _served(kb: KnowledgePort, place: str) -> bool:
    low = place.lower()
    return any(low == s.lower() or low == re.sub(r"^the ", "", s.lower()) for s in read_pages(kb).served)


def worked_answer(
    kind: str, cart: Cart, rule: Rule, *, gold: bool = False, plus: str = "", items: Sequence[str] = ()
) -> str:
    """The reply: the lead (yes/no, or how much more) with the steps, the verdict against the threshold, the rule's
    own sentence, and what shipping costs under the threshold. `items` are the named products' prices, said before
    the steps (each in a sentence of its own: a price is said only beside its own product)."""
    shown = " ".join([*items, _sentence([s for s in (*sum_steps(cart), discount_step(cart)) if s])]).strip()
    what = _lc(rule.what)
    if gold or plus:
        why = (
            f"As a Gold member, {what} is free for you, whatever the order's total."
            if gold
            else f"{plus} So {what} is free for you."
        )
        lead = {"more": "You don't need to add anything.", "free": "Yes.", "pay": "No."}.get(kind, "It's free.")
        return " ".join(x for x in (lead, why, "" if plus else rule.sentence) if x)
    t = rule.threshold
    if cart.percent and rule.after_discounts is None and (cart.subtotal >= t) != (cart.discounted >= t):
        return _not_said(cart, rule, shown)
    counts = cart.discounted if cart.percent and rule.after_discounts is not False else cart.subtotal
    free = counts >= t
    if kind == "more":
        if free:
            lead = f"You don't need to add anything: {gap_step(counts, t)}."
        elif cart.percent:
            lead = f"After the {cart.percent:g}% discount you are {usd(round(t - counts, 2))} short: {gap_step(counts, t)}."
        else:
            lead = f"You need {usd(round(t - counts, 2))} more: {more_step(counts, t)}."
        body = [lead, shown, rule.sentence, "" if free else f"Under {usd(t)}, {what} costs {fee(rule.fee)}."]
    else:
        yes = {"free": "Yes" if free else "No", "pay": "No" if free else "Yes"}
        lead = yes.get(kind, "It's free" if free else f"It's {fee(rule.fee)}")
        verdict = f"{gap_step(counts, t)}, so {what} " + ("is free." if free else f"costs {fee(rule.fee)}.")
        body = [f"{lead}{'.' if items else ':'} {shown}", _cap(verdict), rule.sentence]
        body = body if shown else [f"{lead}: {verdict}", rule.sentence]
    if cart.percent and rule.after_discounts is None:  # the same either way: said so
        other = cart.subtotal if counts == cart.discounted else cart.discounted
        body.append(
            f"Our pages don't say whether the {usd(t)} counts before or after a discount, but {usd(other)} "
            f"{'also reaches' if free else 'is also under'} {usd(t)}."
        )
    return " ".join(x for x in body if x)


def _not_said(cart: Cart, rule: Rule, shown: str) -> str:
    """A discount that decides it, and pages that don't say whether the threshold counts before or after it."""
    t = rule.threshold

    def against(amount: float) -> str:
        return f"reaches {usd(t)}" if amount >= t else f"is under {usd(t)}"

    return (
        f"It depends on something our pages don't say: whether the {usd(t)} counts before or after a discount. "
        f"{shown} {rule.sentence} So before the discount your order is {usd(cart.subtotal)}, which "
        f"{against(cart.subtotal)}; after it, {usd(cart.discounted)}, which {against(cart.discounted)}. "
        f"Under {usd(t)}, {_lc(rule.what)} costs {fee(rule.fee)}. "
        "A person from our team can confirm which one counts; would you like me to connect you?"
    )


def _sentence(steps: list[str]) -> str:
    if not steps:
        return ""
    said = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + f", and {steps[-1]}"
    return _cap(said) + "."


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _lc(s: str) -> str:
    return s[:1].lower() + s[1:] if not s.startswith(("US", "Gold")) else s
