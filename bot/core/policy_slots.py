"""Policy questions answered as slots read from the shop's pages and applied to the shopper's case, instead of a
quoted sentence that sits near the question: worn items (the condition, not the socks exception), "is the sale on
now?" (the sale's dates worked out for today), "will the price go down?" (bot/core/price_outlook.py: no forecast,
the pricing page's rules), which of two shipping options is cheaper or faster (bot/core/option_compare.py), a
Northwind Plus refund (the 14-day/unused rule applied to what the
shopper says), how long a refund takes (bot/core/refund_timing.py), why a Gold member paid shipping (which options Gold gets free), and shipping to named places
(bot/core/shipping_slots.py). Values come from the pages at run time; a slot that cannot be read returns None and
the question goes the usual way."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.core.cart_shipping import cart_shipping_answer
from bot.core.code_rules import combined_codes_answer, gift_card_code_answer
from bot.core.code_trouble import code_trouble_answer
from bot.core.data_privacy import data_privacy_reply
from bot.core.level_topics import level_topic_reply
from bot.core.newsletter import newsletter_reply
from bot.core.offers import offers_reply
from bot.core.option_compare import compare_options
from bot.core.places import places_in
from bot.core.plus_answers import plus_reply
from bot.core.po_box import po_box_answer
from bot.core.policy_lines import PERSON_OFFER
from bot.core.policy_tables import find, join_words, table
from bot.core.ports import KnowledgePort
from bot.core.price_outlook import price_outlook
from bot.core.refund_timing import refund_timing
from bot.core.return_window import elapsed_days
from bot.core.sale_dates import CODE, sale_reply
from bot.core.service_levels import service_level_reply
from bot.core.shipping_slots import FORWARDING, GOLD_SAID, SHIP_WORDS, ShippingSlots, free_for_amount, stated_amount
from bot.core.shop_day import shop_today
from bot.core.store_places import store_reply
from bot.core.store_returns import return_elsewhere
from bot.core.tier_compare import compare_tiers, level_reply
from bot.core.topic_overview import member_shipping, topic_overview
from bot.core.turn import Turn, hit_source
from bot.core.two_part import question_parts
from bot.domain import Author, Flag, Hit, Intent, IntentPrediction, Reply, Request, RequestKind

NOT_ASKED = (RequestKind.COMPLAINT, RequestKind.HANDOFF, RequestKind.SMALL_TALK)
RETURN_ASK = re.compile(r"\b(?:return|send (?:it|them|these|this) back|refund|exchange|take (?:it|them) back)\b", re.I)
WORN = re.compile(
    r"\b(?:wore|worn|wearing (?:it|them)|washed|(?:cut|took|removed|ripped) (?:the |off )?(?:the )?tags?|tags? (?:off|removed)"
    r"|wore (?:it|them))\b",
    re.I,
)
NOT_WORN = re.compile(r"\b(?:never|not|haven'?t|didn'?t|without|unworn)\b[^.?!]{0,12}\b(?:worn|wore|washed)\b", re.I)
DEFECT = re.compile(
    r"\b(?:defect\w*|broken|broke|ripped|tore|torn|peel\w*|fell apart|falling apart|came apart|damaged|stain\w*|"
    r"faulty|split|separat\w*|unravel\w*|hole|leak\w*|came undone|c[oa]me? off|coming off|fell off|wrong (?:item|size sent))\b",
    re.I,
)
COMFORT = re.compile(
    r"\b(?:hurt|hurts|kill|killing|pinch\w*|tight|uncomfortable|blister\w*|sore|rub\w*|break (?:them )?in)\b", re.I
)
NOT_SIZE = r"(?!\s*-?\s*siz(?:e|es|ed)\b)"  # "paid for the plus size jeans": a size, not Northwind Plus
PLUS = re.compile(
    rf"\b(?:northwind plus|plus (?:membership|subscription|member)|\bplus\b{NOT_SIZE}.{{0,30}}\$\s?\d+"
    rf"|(?:subscrib\w*|sign(?:ed)? up|join\w*|paid for)\s+(?:to\s+|for\s+)?(?:the\s+)?plus\b{NOT_SIZE})",
    re.I,
)
PLUS_REFUND = re.compile(r"\b(?:refund|money back|get (?:the|my)? ?\$?\d*\s*back|cancel\w*)\b", re.I)
USED = re.compile(r"\b(?:used|use|ordered|got|took advantage of|redeemed)\b[^.?!]{0,40}\b(?:free|shipping|gift wrap\w*|"
                  r"early access|benefit|perk|it)\b", re.I)  # fmt: skip
NOT_USED = re.compile(
    r"\b(?:haven'?t|have not|never|didn'?t|did not|not yet|without)\b[^.?!]{0,15}\bus(?:ed|e|ing)\b", re.I
)
WHY_PAID = re.compile(
    r"\b(?:why|how come)\b[^?]{0,60}\b(?:pay|paid|charged?|charging|fee|cost)\b|\b(?:charged|paid)\b[^?]{0,40}\bshipping\b"
    r"[^?]{0,40}\b(?:gold|free)\b",
    re.I,
)


class PolicySlots:
    """The slot answers; `reply` returns None for any question none of them answers."""

    def __init__(self, kb: KnowledgePort) -> None:
        self.kb = kb
        self.shipping = ShippingSlots(kb)

    def reply(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, *, today: dt.date | None = None
    ) -> Reply | None:
        if req.kind in NOT_ASKED or req.order_ids:
            return None
        today = today or shop_today()
        gold = turn.known_customer and str(turn.customer.get("membership") or "").lower() == "gold"
        # two questions ("what is your return window? do you ship to japan?"): only when every part is a slot's
        # (or names a place: "...? what about puerto rico?"), else each part goes its own way
        parts = question_parts(text)
        own = [self._answer(turn, req, p, today, gold) for p in parts if not _same_topic(p, text)]
        if len(parts) > 1 and any(found is None for found in own):
            return None
        found = self._answer(turn, req, text, today, gold)
        if found is None:
            return None
        # a part the whole message's answer leaves out ("a shop in miami? also when does the sale start"): its own
        # answer first, in the order asked
        left = [f for f in own if f is not None and f[0] not in found[0]] if len(parts) > 1 else []
        said = " ".join(dict.fromkeys([*(f[0] for f in left), found[0]]))
        return _reply(said, [h for f in [*left, found] for h in f[1]], pred)

    def _answer(self, turn: Turn, req: Request, text: str, today: dt.date, gold: bool) -> tuple[str, list[Hit]] | None:
        for answer in (
            # "used the free shipping once, can i get my $99 back?": the Plus fee asked back, not a cart's shipping
            lambda: self.plus_refund(text, today),
            lambda: cart_shipping_answer(self.kb, turn, text),  # "$70 cart + a $10 belt with the 10% code: free?"
            lambda: code_trouble_answer(self.kb, text, _level(turn), today),  # "my code doesnt work, got it 2 wks ago"
            lambda: plus_reply(self.kb, text, _level(turn)),  # what Plus gives, worth it at a level, cancelling
            lambda: service_level_reply(self.kb, text, _level(turn)),  # "do Gold members get free gift wrap?"
            lambda: newsletter_reply(self.kb, text),  # "do I get 10% for signing up to the newsletter?"
            lambda: offers_reply(self.kb, text, today),  # "do you have any discounts right now?", "got a promo code?"
            lambda: data_privacy_reply(self.kb, text),  # "what's your privacy policy?": what the pages hold
            lambda: self.worn_return(text),
            lambda: price_outlook(self.kb, text, today),
            lambda: sale_reply(self.kb, text, today),
            lambda: compare_options(self.kb, text),
            lambda: compare_tiers(self.kb, text),
            lambda: level_reply(self.kb, text),
            lambda: (
                return_elsewhere(self.kb, text) or store_reply(self.kb, text)
            ),  # "... one of your stores? in boston"
            lambda: self.gold_shipping(text, gold=gold),
            lambda: free_for_amount(self.kb, text) if _about_rules(req, turn, text) else None,  # "$70, free shipping?"
            lambda: member_shipping(self.kb, text, _us_level(turn), today),  # "how much is shipping?" from a member
            # how long a refund takes, in general ("when will i get my refund?" about one's own: the order's way)
            lambda: refund_timing(self.kb, text) if req.kind != RequestKind.OWN_ORDER else None,
            lambda: topic_overview(self.kb, text),  # "what's your shipping policy": the topic's main points
            lambda: level_topic_reply(self.kb, text, today),
            lambda: po_box_answer(self.kb, text, _before(turn, text)),
            lambda: combined_codes_answer(self.kb, text) or gift_card_code_answer(self.kb, text),
            lambda: self.shipping.answer(text, gold=gold) if _about_rules(req, turn, text) else None,
        ):
            found = answer()
            if found is not None:
                return found
        return None

    def worn_return(self, text: str) -> tuple[str, list[Hit]] | None:
        """ "I wore my boots once, can I return them?": the condition rule, and the warranty for a defect."""
        if not RETURN_ASK.search(text) or not WORN.search(text) or DEFECT.search(text) or NOT_WORN.search(text):
            return None
        page = find(self.kb, "Condition of returned items unworn unwashed tags attached", r"\bunworn\b")
        rule = page.first(r"\bunworn\b")
        if not rule:
            return None
        rule = re.sub(r"^Please return items\b", "returned items need to be", rule)
        out = [f"Worn items can't be returned just because they don't suit you: {rule[:1].lower()}{rule[1:]}"]
        hits = [page.hit] if page.hit else []
        if re.search(r"\bboots?\b", text, re.I):
            care = find(self.kb, "Boots warranty manufacturing defects", r"\bwarranty\b")
            if warranty := care.first(r"\bwarranty\b"):
                out.append(f"If it is a defect rather than the fit: {warranty[:1].lower()}{warranty[1:]}")
                hits += [care.hit] if care.hit else []
            if COMFORT.search(text):
                breakin = find(self.kb, "Boots how long does it take to break them in", r"break them in")
                if breakin.sentences:
                    said = " ".join(breakin.sentences[:2])
                    out.append(f"Breaking in new boots: {said[:1].lower()}{said[1:]}")
        out.append(PERSON_OFFER)
        return " ".join(out), hits

    def plus_refund(self, text: str, today: dt.date) -> tuple[str, list[Hit]] | None:
        """ "I joined Plus 10 days ago and used the free shipping, do I get the $99 back?": the rule applied."""
        if not PLUS.search(text) or not PLUS_REFUND.search(text):
            return None
        page = find(self.kb, "Cancelling Northwind Plus refund within 14 days", r"\bwithin \d+ days of being charged\b")
        rule = page.first(r"\bwithin \d+ days of being charged\b")
        otherwise = page.first(r"^Otherwise\b")
        m = re.search(r"\bwithin (\d+) days\b", rule)
        if not m:
            return None
        limit = int(m.group(1))
        span = elapsed_days(text, today)
        used = bool(USED.search(text)) and not NOT_USED.search(text)
        unused = bool(NOT_USED.search(text))
        if used or (span is not None and span[0] > limit):
            why = "you have used a Plus benefit" if used else f"it has been more than {limit} days"
            verdict = f"No, not in your case, because {why}. The rule: {_lc(rule)}"
            verdict += f" {otherwise}" if otherwise else ""
        elif unused and span is not None and span[1] <= limit:
            verdict = f"Yes: you are within {limit} days of being charged and have not used a Plus benefit. {rule}"
        else:
            verdict = f"It depends: {_lc(rule)}" + (f" {otherwise}" if otherwise else "")
        how = page.first(r"\bcancel at any time\b")
        out = [verdict] + ([how] if how and how not in verdict else [])
        return " ".join(out), [page.hit] if page.hit else []

    def gold_shipping(self, text: str, *, gold: bool) -> tuple[str, list[Hit]] | None:
        """ "I'm Gold, why did I pay shipping?": which shipping Gold gets free, and what every level pays."""
        if not (gold or GOLD_SAID.search(text)) or not WHY_PAID.search(text) or not re.search(r"\bship", text, re.I):
            return None
        page = find(
            self.kb, "Membership benefits returns and shipping Gold overnight international", r"\|\s*Benefit\s*\|"
        )
        rows = [r for r in table(page.text) if "shipping" in r.get("benefit", "").lower()]
        free = [r["benefit"] for r in rows if r.get("gold", "").lower().startswith("free")]
        us = find(self.kb, "Shipping options and costs United States", r"\|\s*Option\s*\|")
        options = [r for r in table(us.text) if r.get("option")]
        if not free or not options:
            return None
        named = " ".join(free).lower()
        paid = [r for r in options if r["option"].lower() not in named]
        out = [f"Gold members get {join_words([f.lower() for f in free])} free."]
        if paid:
            costs = [f"{r['option']} {r.get('cost', '')}".strip() for r in paid]
            out.append(
                f"{join_words([r['option'] for r in paid])} shipping within the US is not part of the Gold benefits, "
                f"so it is charged at the usual price ({'; '.join(costs)})."
            )
        refund = find(
            self.kb, "Shipping fee refunds shipping cost too high", r"shipping cost on your order is too high"
        )
        if refund.sentences:
            out.append(" ".join(refund.sentences[:3]))
        out.append(PERSON_OFFER)
        hits = [h for h in (page.hit, us.hit, refund.hit) if h is not None]
        return " ".join(out), hits


def _same_topic(part: str, text: str = "") -> bool:
    """A part that carries on the other's topic: a place ("what about puerto rico?"), a level ("is gold worth
    it?") or the sale ("when does it end (annual sale)?")."""
    if places_in(part) or re.search(r"\b(?:guest|bronze|silver|gold)\b", part, re.I):
        return True
    if re.search(r"\bsale\b", part, re.I) and not CODE.search(part):  # "a promo code on sale items?": the codes'
        return True
    if places_in(text) and (SHIP_WORDS.search(part) or FORWARDING.search(part)):
        return True  # "I live in Manchester. Can I get a coat delivered here? ... a forwarding address?": there
    return not [w for w in re.findall(r"[a-z]{4,}", part.lower()) if w not in BARE_WORDS]  # "what do I get?"


# the words of a part with no subject of its own: "what do I get?", "is it actually worth it?"
BARE_WORDS = frozenset(
    ("what", "does", "have", "need", "give", "gives", "that", "this", "then", "there", "they", "them", "their",
     "worth", "actually", "really", "about", "would", "could", "should", "will", "much", "more", "also", "anything",
     "else")
)  # fmt: skip


def _before(turn: Turn, text: str) -> str:
    """The shopper's message before this one ('' when none)."""
    said = [str(m.get("text", "")) for m in turn.history if m.get("direction") == "in"]
    said = [t for t in said if t.strip() != text.strip()]
    return said[-1] if said else ""


def _level(turn: Turn) -> str:
    """A signed-in customer's membership level ('' for a visitor nobody signed in)."""
    return str(turn.customer.get("membership") or "") if turn.known_customer else ""


def _us_level(turn: Turn) -> str:
    """The level of a signed-in member who lives in the US ('' otherwise): the US options are theirs to be told;
    a member abroad ("how much is shipping?" from Paris) gets the international rule with its level exception."""
    country = str(turn.customer.get("country") or "") if turn.known_customer else ""
    return _level(turn) if country in ("", "US", "USA", "United States") else ""


def _about_rules(req: Request, turn: Turn, text: str) -> bool:
    """A shipping rule, not one of the customer's orders: "order is $210, is shipping free to oslo?" from anyone
    not signed in (no order to look up), or with the amount stated; a known customer's "my order" is the order's."""
    return req.kind != RequestKind.OWN_ORDER or not turn.known_customer or stated_amount(text) is not None


def _lc(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


def _reply(text: str, hits: list[Hit], pred: IntentPrediction) -> Reply:
    sources: list[dict[str, Any]] = []
    for h in hits:
        if hit_source(h) not in sources:
            sources.append(hit_source(h))
    return Reply(
        text=text,
        sources=sources[:4],
        flags={Flag.FROM_DATA},
        intent=Intent.SHIPPING if pred.intent == Intent.OUT_OF_SCOPE else pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
