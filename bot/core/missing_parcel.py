"""A parcel marked delivered that a shopper who is not signed in does not have: the shipping page's rule, applied.

"tracking says my package was delivered 2 days ago but theres NOTHING at my door" needs no order looked up: the
shipping page's section "My package says delivered but I don't have it" answers it, and it turns on a number of
days (read from the page's own sentences, "less than 7 days" / "7 days or more"). The days the shopper gives ("2
days ago", "yesterday", "last week") pick the sentence that applies; without them both are said. The replacement
the page promises after those days needs the order, so the reply then asks for its number and e-mail address."""

from __future__ import annotations

import re

from bot.core.complaint_words import DELIVERED_NOT_HERE
from bot.core.facts import NUMBER_WORDS
from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.core.turn import HANDOFF_BUTTON, hit_source
from bot.domain import Author, Flag, IntentPrediction, Reply

QUERY = "My package says delivered but I don't have it: check with neighbors, 7 days, replacement"
UNDER = re.compile(r"\bless than (\d+) days\b", re.I)
OVER = re.compile(r"\b(\d+) days or more\b", re.I)
# the shared number words (facts.py) and the vaguer counts a shopper says of days
NUMBERS = {
    **NUMBER_WORDS,
    "a": 1,
    "an": 1,
    "one": 1,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "couple": 2,
    "a few": 3,
    "few": 3,
}
_NUM = r"\d{1,2}|" + "|".join(sorted(map(re.escape, NUMBERS), key=len, reverse=True))
AGO = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?P<unit>days?|weeks?)\s+(?:ago|since|now)\b|\b(?P<word>today|this morning|yesterday|last "
    rf"night|last week|over a week|more than a week|a week ago)\b",
    re.I,
)
WORDS = {
    "today": 0,
    "this morning": 0,
    "yesterday": 1,
    "last night": 1,
    "last week": 7,
    "over a week": 8,
    "more than a week": 8,
    "a week ago": 7,
}
ASK_ORDER = (
    "For that, tell me the order number and the e-mail address on the order, and a person from our team will check it."
)


def days_said(text: str) -> int | None:
    """The days since the parcel was marked delivered, as the shopper says them; None when not said."""
    m = AGO.search(text)
    if m is None:
        return None
    if m.group("word"):
        return WORDS[m.group("word").lower()]
    n = m.group("n").lower()
    count = int(n) if n.isdigit() else NUMBERS[n]
    return count * (7 if m.group("unit").lower().startswith("week") else 1)


def missing_parcel_reply(
    kb: KnowledgePort, text: str, pred: IntentPrediction, *, days_needed: bool = False
) -> Reply | None:
    """The page's rule for a parcel marked delivered that is not there, the sentence for the days said first; with
    `days_needed`, None when the message says no days (the policy path answers it as before)."""
    if not DELIVERED_NOT_HERE.search(text) or (days_needed and days_said(text) is None):
        return None
    page = section(kb, QUERY, about=UNDER)
    under = next((s for s in page.sentences if UNDER.search(s)), "")
    over = next((s for s in page.sentences if OVER.search(s)), "")
    if not under or not over or page.hit is None:
        return None
    early = [s for s in page.sentences if s not in (under, over) and "delivered" in s.lower()][:1]
    limit = int(UNDER.search(under).group(1))  # type: ignore[union-attr]
    days = days_said(text)
    unit = "day" if days == 1 else "days"
    if days is None:
        parts = [*early, under, over, ASK_ORDER]
    elif days < limit:
        parts = [f"You say it was marked delivered {days} {unit} ago, which is less than {limit} days.", *early, under]
    else:
        said = f"You say it was marked delivered {days} {unit} ago, so {limit} days or more have passed."
        parts = [said, over, ASK_ORDER]
    return Reply(
        text=" ".join(["I'm sorry it isn't there.", *parts]),
        sources=[hit_source(page.hit)],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.STRUCTURED, Flag.FROM_DATA} | ({Flag.HANDOFF} if ASK_ORDER in parts else set()),
        intent=pred.intent,
        confidence=pred.confidence,
        author=Author.TEMPLATE,
    )
