"""A gift card asked back (#9): "bought a $100 gift card for my sister and she doesnt want it. can i return it or get
the cash back" got the privacy refusal, then "gift cards are sold in amounts from $25 to $500", never the rule. A
gift card the shopper wants to return, refund or turn into cash gets the payments page's gift-card section, the
sentences on what was asked first ("Gift cards cannot be returned."; "... cannot be exchanged for cash."), led by
"No." when they refuse it, then the rest of the section (they never expire). Read at run time. A gift card as the way
to pay or the way a refund comes back ("paid with a gift card", "refund as a gift card") is not this question."""

from __future__ import annotations

import re

from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

GIFT_CARD = re.compile(r"\bgift ?cards?\b", re.I)
# the card as the way to pay or the way money comes back, not the thing asked back
AS_MEANS = re.compile(
    r"\b(?:as|to|into|onto|via|by|in)\s+(?:a\s+)?gift ?card\b"
    r"|\b(?:paid|pay|paying|used|using|use|with)\b[^.?!]{0,20}\bgift ?card",
    re.I,
)
RETURN_ASKED = re.compile(
    r"\b(?:return\w*|refund\w*|send\w* (?:it|them|this|that) back|sell (?:it|them) back|take (?:it|them) back)\b", re.I
)
CASH_ASKED = re.compile(
    r"\b(?:cash\w*|money back|my money|in money|(?:exchange|swap|trade|turn)\w*\b[^.?!]{0,25}\b(?:cash|money))\b", re.I
)
SECTION_QUERY = "Gift cards: sold in amounts, never expire, cannot be exchanged for cash, cannot be returned"
SECTION = r"\bgift cards\b[^.]*\b(?:never expire|cannot be returned)\b|\bcannot be exchanged for cash\b"


def gift_card_back(kb: KnowledgePort, text: str) -> tuple[list[str], list[Hit]] | None:
    """The gift-card section, the asked sentences first with "No." when they refuse it; None when no gift card is
    asked back or the section cannot be read."""
    if not GIFT_CARD.search(text) or AS_MEANS.search(text):
        return None
    back, cash = bool(RETURN_ASKED.search(text)), bool(CASH_ASKED.search(text))
    if not (back or cash):
        return None
    page = find(kb, SECTION_QUERY, SECTION)
    said = [s for s in page.sentences if GIFT_CARD.search(s) or s.startswith("They ")]
    returned = [s for s in said if back and re.search(r"\bcannot be returned\b", s)]
    # money back is the other half of a return ("can i return it?"): the cash line follows the return line
    asked = returned + [s for s in said if re.search(r"\bfor cash\b", s) and (cash or back)]
    if not asked:
        return None
    rest = [s for s in said if s not in asked]
    lines = [re.sub(r"^They\b", "Gift cards", asked[0]), *asked[1:], *rest]
    lead = ["No."] if any(re.search(r"\bcannot\b", s) for s in asked) else []
    return [*lead, *lines], _hits(page)


def _hits(page: Page) -> list[Hit]:
    return [page.hit] if page.hit is not None else []
