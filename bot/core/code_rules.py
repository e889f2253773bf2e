"""Two promo codes on one order ("could I use it together with the 10% newsletter code?", "can I stack the welcome
code and the birthday code?"): the promotions page's own rule, one code per order and codes cannot be combined,
never the other code's offer. Read from the page at run time; None when it cannot be read or nothing combines codes."""

from __future__ import annotations

import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

COMBINED = re.compile(
    r"\b(?:stack\w*|combin\w*|use)\b[^?.!]{0,40}\b(?:codes|coupons)\b"
    r"|\b(?:two|2|both|multiple|several|more than one|second|another)\s+(?:\w+\s+)?(?:codes?|coupons?)\b"
    r"[^?.!]{0,40}\b(?:same|one|an?|my|this)\s+(?:order|purchase|checkout)\b"
    r"|\b(?:two|2|both|multiple|several|more than one)\s+(?:\w+\s+)?(?:codes|coupons)\b"
    r"|\b(?:together with|along with|on top of|stack(?:ed)? with|combined? with|as well as|plus)\s+(?:the |my |a |an |another )?"
    r"(?:[\w%-]+\s+){0,2}(?:code|coupon|promo)\b"
    r"|\b(?:code|coupon)\s+(?:and|with|plus)\s+(?:the |my |a |an |another )?(?:[\w%-]+\s+){0,2}(?:code|coupon)\b",
    re.I,
)
RULE = r"\bOne promo code per order\b"


# "my 20% code together with the newsletter one": the second code said as "one"
WITH_ONE = re.compile(
    r"\b(?:code|coupon)\b[^?.!]{0,40}\b(?:together with|along with|on top of|with)\s+(?:the |my |a |an |another )?"
    r"(?:[\w%-]+\s+){0,2}one\b",
    re.I,
)


def combined_codes_answer(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "No: one promo code per order. Codes cannot be combined with each other, ..." when two codes are asked to
    go on one order; else None."""
    if not COMBINED.search(text) and not WITH_ONE.search(text):
        return None
    page = find(kb, "How do promo codes work? one promo code per order, codes cannot be combined", RULE)
    rule = page.first(RULE)
    if not rule or page.hit is None:
        return None
    more = page.first(r"\bcannot be combined\b")
    said = rule if not more or more == rule else f"{rule} {more}"
    return f"No: {said[:1].lower()}{said[1:]}", [page.hit]


# "can i use my promo code to buy one" (a gift card), "can I buy a gift card with a coupon?": the code rules' own line
GIFT_CARD = r"gift ?cards?"
CODE = r"(?:(?:promo|discount|coupon)\s+)?(?:codes?|coupons?)"
CODE_FOR_GIFT_CARD = re.compile(
    rf"\b{CODE}\b[^?.!]{{0,40}}\b(?:buy|purchase|pay for|get|on)\b[^?.!]{{0,20}}\b{GIFT_CARD}\b"
    rf"|\b(?:buy|purchase|pay for|get)\b[^?.!]{{0,15}}\b{GIFT_CARD}\b[^?.!]{{0,25}}\b(?:with|using)\b[^?.!]{{0,15}}\b{CODE}\b",
    re.I,
)


def gift_card_code_answer(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "No: codes ... cannot be used to buy gift cards, ..." when a code is asked to buy a gift card; else None."""
    if not CODE_FOR_GIFT_CARD.search(text):
        return None
    page = find(kb, "How do promo codes work? codes cannot be used to buy gift cards", r"\bbuy gift cards\b")
    rule = page.first(r"\bbuy gift cards\b")
    if not rule or page.hit is None:
        return None
    refused = re.search(r"\b(?:cannot|can't|not)\b[^.]{0,40}\bbuy gift cards\b", rule, re.I)
    return (f"No: {rule[:1].lower()}{rule[1:]}" if refused else rule), [page.hit]
