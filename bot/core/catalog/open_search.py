"""Searches that name no kind of product: "what's the cheapest thing you sell?", "your best rated item",
"something warm for a guy under $150, size M". They are answered from the catalog like any search; "warm"
without a kind means the kinds that keep you warm (jackets, coats, sweaters)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.domain import Constraints, Request, RequestKind, Sort

# the shopper speaks of the whole range: "thing", "item", "product", "something", "anything you sell"
_THING = re.compile(
    r"\b(?:things?|items?|products?|pieces?|something|anything|stuff|clothes|clothing)\b"
    r"|\byou (?:sell|have|carry|stock|offer)\b|\bin (?:the|your) (?:shop|store|catalog(?:ue)?)\b",
    re.I,
)
# the kinds that keep you warm, in the catalog's category names
WARM_KINDS = ("jacket", "coat", "sweater")


def open_search(text: str, c: Constraints, *, policy: bool) -> Constraints | None:
    """The constraints of a search over the whole range, or None when the message is not one. `policy`: the
    words of a policy question ("cheapest shipping") are present."""
    if policy or c.categories or c.brands or c.missing_brands or c.missing_categories:
        return None
    short = len(re.findall(r"\w+", text)) <= 4  # "womens sherpa?"
    if not _THING.search(text) and not (short and c.features) and "gift" not in c.features:
        return None  # "a gift for my dad under $60" names the whole range as "thing" does
    narrowing = sum(
        (
            bool(c.gender),
            c.max_price is not None or c.min_price is not None,
            bool(c.size),
            bool(c.colours),
            bool(c.features),
            bool(c.materials),
        )
    )
    if "warm" in c.features and narrowing >= 2:  # "something warm for a guy under $150"
        return replace(c, categories=list(WARM_KINDS))
    if c.sort != Sort.RELEVANCE:  # "the cheapest thing you sell": one that can be bought now
        return replace(c, in_stock=c.in_stock or not c.size)
    if narrowing >= 2 or (narrowing and re.search(r"\b(?:any|anything|something)\b", text, re.I)):
        return c  # "anything for women under $40 in size S?", "anything under $20?"
    return None


def open_request(text: str, c: Constraints, policy_words: re.Pattern[str]) -> Request | None:
    """The search request of a message naming no kind, or None; `policy_words` are the words of a policy
    question ("cheapest shipping" is one; "the cheapest thing in your store" is not)."""
    policy = bool(policy_words.search(re.sub(r"\b(?:your|the) (?:shop|store)\b", " ", text, flags=re.I)))
    wide = open_search(text, c, policy=policy)
    return Request(RequestKind.DISCOVERY, text, constraints=wide) if wide is not None else None
