"""What offers there are right now ("do you have any discounts right now?", "got a promo code?", "any deals on atm?"):
every offer the shop's pages describe, read at run time. The sale on today (or the next one, bot.core.sale_dates),
the newsletter's first-order code, the customer care team's codes, and what Northwind Plus gets at the sales. There
is no code for everyone on the pages, and the reply says so plainly (with one code per order and how long codes
last), never a code of its own. A kind of discount the pages do not mention ("a student discount?") is said to be
not mentioned, then the offers they do describe.

A question about one offer goes its own way: the newsletter's (bot.core.newsletter), two codes together
(bot.core.code_rules), a code that does not work, how to use one, a sale's dates, a price match, and a request for a
discount or a code (a refusal, bot.core.refusals)."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.sale_dates import sale_reply
from bot.domain import Hit

OFFER_WORDS = (
    r"(?:discount(?:s|ed)?|deals?|offers?|promos?|promotions?|promo ?codes?|discount codes?|coupons?(?: codes?)?|"
    r"vouchers?|codes?|specials?|savings?|% off|percent off)"
)
ASKS_OFFERS = re.compile(
    r"\b(?:any|got|have|has|is there|are there|what|which|current|currently|running|on now|right now|atm|today|"
    r"this week|available)\b[^.?!]{0,30}\b" + OFFER_WORDS + r"(?![\w-])"
    r"|^\W*" + OFFER_WORDS + r"\s*(?:\?|right now|now|atm|today|available|on)",
    re.I,
)
# a question of its own about one offer or code: the newsletter's, two codes, a code that fails, how to use one,
# codes on sale items or gift cards, a price match, an order of one's own
OWN_WAY = re.compile(
    r"\bnews ?letter\b|\b(?:combin\w*|stack\w*|together|both)\b|\b(?:doesn'?t|does not|didn'?t|not) work\w*\b|\binvalid\b|"
    r"\bexpir\w*\b|\bhow (?:do|can|to) (?:i |you )?(?:use|apply|enter|redeem)\b|\bwhere (?:do|can) i (?:enter|put|apply)\b|"
    r"\bgift ?cards?\b|\bprice[- ]?match\w*\b|\bORD-\d+\b|\bon sale items\b|\bsale items?\b|\bvalid for\b|\bhow long\b|"
    r"\bwhen does\b|\bshipping\b|\bdelivery\b|\$\s?\d",
    re.I,
)
NOT_ON_PAGES = re.compile(
    r"\b(student|military|senior|teacher|nurse|birthday|referral|refer a friend|bulk|loyalty|first responder|veteran|"
    r"employee|black friday|cyber monday|holiday|christmas|welcome|app)\b[^.?!]{0,12}\b(?:discount|deal|code|offer|promo)",
    re.I,
)
PROMOS_QUERY = "Promo codes newsletter subscribers code off first order customer care team codes 20% off next purchase"
CODE_ASKED = re.compile(r"\b(?:promo|coupon|codes?|voucher)\b", re.I)


def asks_offers(text: str) -> bool:
    return bool(ASKS_OFFERS.search(text)) and not OWN_WAY.search(text)


def offers_reply(kb: KnowledgePort, text: str, today: dt.date) -> tuple[str, list[Hit]] | None:
    """The offers on the pages, led by what was asked (a code, or a discount or sale now); None when not asked or
    the promotions page cannot be read."""
    if not asks_offers(text):
        return None
    promos = find(kb, PROMOS_QUERY, r"\bnewsletter\b")
    newsletter = promos.first(r"\bnewsletter\b.*\d+%")
    care = promos.first(r"\bcustomer care team\b.*\d+%")
    one_code = promos.first(r"\bOne promo code per order\b")
    if not newsletter and not care:
        return None
    hits = [promos.hit] if promos.hit else []
    sale = sale_reply(kb, "is there a sale on now?", today)
    sale_line = ""
    if sale is not None:
        sale_line = re.sub(r"^Yes, (the \w+ Sale) is on now\b", lambda m: f"Right now {m.group(1)} is on", sale[0])
        sale_line = re.sub(r"^No, there is no sale on right now\.", "There is no sale on right now.", sale_line)
        hits += [h for h in sale[1] if h not in hits]
    early = _early_access(kb)
    codes = [s for s in (newsletter, care) if s]
    lines: list[str] = []
    if m := NOT_ON_PAGES.search(text):
        lines.append(f"Our pages don't mention a {m.group(1).lower()} discount.")
    if CODE_ASKED.search(text) and not re.search(r"\b(?:sales?|discounts?|deals?)\b(?!\s*codes?)", text, re.I):
        lines += [_no_code(one_code), _described("The codes our pages describe", codes), sale_line, early]
    else:
        lines += [sale_line, _described("Other offers our pages describe", [*codes, early]), _no_code(one_code)]
    return " ".join(x for x in lines if x), hits


def _described(lead: str, sentences: list[str]) -> str:
    said = [s for s in sentences if s]
    return f"{lead}: {said[0][:1].lower()}{said[0][1:]} {' '.join(said[1:])}".strip() if said else ""


def _early_access(kb: KnowledgePort) -> str:
    page = find(kb, "When are your sales Northwind Plus early access Summer Sale Annual Sale", r"\bearly access\b")
    return page.first(r"\bearly access\b")


def _one_code(sentence: str) -> str:
    """ "One promo code per order." from the page's sentence that starts with it."""
    m = re.match(r"(One promo code per order)\b", sentence)
    return f"{m.group(1)}." if m else ""


def _no_code(one_code: str) -> str:
    """No code for everyone (the pages list none), and the page's one-code rule."""
    rule = _one_code(one_code)
    return "There is no promo code for everyone on our pages, and I can't hand out codes myself." + (
        f" {rule}" if rule else ""
    )
