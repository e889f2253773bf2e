"""A promo code that does not work ("the 20% code customer service sent me doesnt work?? got it like 2 weeks ago",
"my coupon says invalid"): the promotions page's own rules applied to the shopper's case, never a sentence about what
the code is for. With an age said, the page's validity ("valid for 7 days from the day they are issued") against it:
older than that, the code has expired; younger, the page's other checks (typed exactly, no other code, not only gift
cards). With none, the page's section on codes that do not work. Then the replacement rule for the shopper's level:
a signed-in Bronze, Silver or Gold member is told the page's replacement sentence as theirs, a Guest the page's
"cannot replace" sentence, a visitor nobody signed in both. Read from the page at run time; None when not asked or
the page cannot be read."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.bought_when import elapsed_days
from bot.core.policy_lines import PERSON_OFFER
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

CODE = r"(?:promo ?codes?|discount codes?|codes?|coupons?(?: codes?)?|vouchers?)"
NEG = r"(?:doesn'?t|didn'?t|won'?t|wont|isn'?t|aren'?t|can'?t|cant|not|never)"
FAILS = re.compile(
    rf"\b{CODE}\b[^.?!]{{0,60}}\b{NEG}\s+(?:\w+\s+)?(?:work\w*|apply\w*|accept\w*|valid|go(?:es|ing)? through|tak(?:e|es|ing))\b"
    rf"|\b{CODE}\b[^.?!]{{0,40}}\b(?:invalid|expired|rejected|declined|not valid|error)\b"
    rf"|\b(?:invalid|expired|rejected)\s+(?:\w+\s+)?{CODE}\b",
    re.I,
)
MEMBERS = ("bronze", "silver", "gold")
# a bare "code" of another kind ("my gift card code wont apply", "the tracking code doesnt work", "my zip code isnt
# accepted") is not a promo code unless a promo word or an amount off says so
OTHER_CODE = re.compile(
    r"\b(?:tracking|zip|postal|post|area|security|verification|confirmation|login|access|reset|cvv|sms|qr|bar)\s*codes?\b"
    r"|\bgift ?cards?\b",
    re.I,
)
PROMO_SAID = re.compile(r"\b(?:promo\w*|discount\w*|coupons?|vouchers?)\b|\d\s*(?:%|percent\b)|\$\s?\d+\s*off\b", re.I)


def code_trouble_answer(kb: KnowledgePort, text: str, level: str, today: dt.date) -> tuple[str, list[Hit]] | None:
    """The page's rules for a code that fails, applied to the age said and the shopper's level; None otherwise."""
    if not FAILS.search(text) or (OTHER_CODE.search(text) and not PROMO_SAID.search(text)):
        return None
    rules = find(kb, "How do promo codes work valid for 7 days", r"\bvalid for \d+ days\b")
    trouble = find(kb, "My promo code does not work expired replacement code Guests", r"\bcannot replace\b")
    valid = rules.first(r"\bvalid for \d+ days\b")
    m = re.search(r"\bvalid for (\d+) days\b", valid)
    replace = trouble.first(r"\bmembers\b.*\breplacement code\b")
    if not m or not replace:
        return None
    limit, span = int(m.group(1)), elapsed_days(text, today)
    checks = trouble.first(r"\bcheck that\b")
    if span is not None and span[0] > limit:
        out = [f"{valid.rstrip('.')}, so a code you got more than {limit} days ago has expired."]
    elif span is not None and span[1] <= limit:
        out = [f"{valid.rstrip('.')}, so yours should still be valid.", checks]
    else:
        out = [s for s in trouble.sentences if not s.startswith("#")][:2]
    tier = level.lower()
    if tier in MEMBERS:
        out.append(f"You're a {tier.capitalize()} member: {replace}")
    else:
        guests = trouble.first(r"\bGuests\b")
        out += [replace, guests] if not level else [guests or replace]
    out.append(PERSON_OFFER)
    hits = [h for h in (rules.hit, trouble.hit) if h is not None]
    return " ".join(s for s in dict.fromkeys(out) if s), [h for n, h in enumerate(hits) if h not in hits[:n]]
