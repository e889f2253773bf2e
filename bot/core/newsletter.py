"""A newsletter discount asked about ("do I get 10% for signing up to the newsletter?", "is there a discount if i
subscribe to your emails?", "newsletter signups get 25% off, true?"): the promotions page's own sentence for new
newsletter subscribers, led by the yes or no for a figure the shopper names. When the page has no such sentence the
reply says the pages hold no newsletter discount, never a figure. Read at run time."""

from __future__ import annotations

import re

from bot.core.policy_lines import PERSON_OFFER
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

NEWSLETTER = re.compile(
    r"\bnews ?letters?\b|\b(?:sign(?:ing)?[- ]?ups?|subscrib\w*|join\w*|register\w*)\b[^.?!]{0,25}\b(?:e-?mails?|mailing list)\b"
    r"|\b(?:e-?mail|mailing) (?:list|sign[- ]?up|subscri\w*)\b",
    re.I,
)
DISCOUNT = re.compile(
    r"\b(?:discount|percent|off|code|coupon|promo|deal|offer|reward|perk|get anything)\b|\d\s?%", re.I
)
NOT_THIS = re.compile(r"\bunsubscrib\w*|\bstop (?:the |your )?e-?mails?\b|\bopt[- ]?out\b|\bspam\b", re.I)
# two codes used together ("my 20% code together with the newsletter one"): the one-code-per-order rule answers that
COMBINE = re.compile(r"\b(?:together|combin\w*|stack\w*|both|at the same time|on top of)\b", re.I)
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent)", re.I)


def newsletter_reply(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """The newsletter sentence with a yes/no for the figure named, or None when no newsletter discount is asked."""
    if not NEWSLETTER.search(text) or not DISCOUNT.search(text) or NOT_THIS.search(text) or COMBINE.search(text):
        return None
    page = find(kb, "Promo codes newsletter subscribers code off first order", r"\bnewsletter\b")
    said = page.first(r"\bnewsletter\b")
    hits = [page.hit] if page.hit else []
    if not said:
        return "Our shop's pages don't mention a discount for signing up to a newsletter. " + PERSON_OFFER, hits
    theirs = PERCENT.search(text)
    ours = PERCENT.search(said)
    if theirs and ours:
        lead = (
            "Yes."
            if float(theirs.group(1)) == float(ours.group(1))
            else f"No, it's {ours.group(1)}%, not {theirs.group(1)}%."
        )
    else:
        lead = "Yes."
    rules = page.first(r"\bvalid for\b")
    out = [lead, said] + ([rules] if rules else [])
    return " ".join(out), hits
