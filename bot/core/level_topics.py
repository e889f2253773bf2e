"""A shipping or returns question asked in general for one membership level: "how much is shipping for gold
members", "do silver members get free shipping?", "what's the return policy for bronze members".

Retrieval reads the level word as any sentence that names it (a jeans-hemming line that ends "free for Gold
members"), so the reply was beside the point. Here the level's own cells of the membership page's benefit rows on
that topic answer (overnight and international shipping; the return window and returns outside it), with, for
shipping, the US options the membership table does not list (their price and free rule from the shipping table)
and, for a returns policy, the condition returned items must meet. Every value is read from the pages at run time.
Not for an option, place, amount, time, order or item named (their own answers know those), nor a stated case
("I'm Gold, why did I pay shipping?")."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.bought_when import elapsed_days
from bot.core.places import places_in
from bot.core.policy_tables import find, join_words, table
from bot.core.ports import KnowledgePort
from bot.domain import Hit

LEVEL = re.compile(r"\b(guest|bronze|silver|gold)s?\b", re.I)
SHIPPING = re.compile(r"\b(?:ship|shipping|delivery|deliveries|postage)\b", re.I)
RETURNS = re.compile(r"\breturn(?:s|ing)?\b", re.I)
SHIP_ASKS = re.compile(r"\b(?:how much|cost\w*|charge\w*|fees?|free|pay|price\w*|rates?|polic(?:y|ies)|rules?)\b", re.I)
RETURN_ASKS = re.compile(r"\b(?:polic(?:y|ies)|rules?|how long|window|time limit|how many days|how much time)\b", re.I)
# narrower questions, answered by their own paths: an option, an amount, an order, an item, why a fee was paid
NARROWER = re.compile(
    r"\b(?:economy|standard|overnight|next[- ]day|international|abroad|overseas|express|order|orders|it|them|this|that"
    r"|why|how come|receipt|packaging|tags?|worn|wore|washed|socks?|jeans|refund\w*|exchange\w*|label|fee back)\b|\d|\$",
    re.I,
)
BENEFITS_QUERY = "Membership benefits returns and shipping Gold overnight international"
OPTIONS_QUERY = "Shipping options and costs United States"
CONDITION_QUERY = "Condition of returned items unworn unwashed tags attached"


def level_topic_reply(kb: KnowledgePort, text: str, today: dt.date) -> tuple[str, list[Hit]] | None:
    """The level's shipping or returns benefits (and the rules every level shares), or None."""
    levels = {m.lower() for m in LEVEL.findall(text)}
    shipping, returns = bool(SHIPPING.search(text)), bool(RETURNS.search(text))
    if len(levels) != 1 or shipping == returns or NARROWER.search(text) or places_in(text):
        return None
    if not (SHIP_ASKS if shipping else RETURN_ASKS).search(text) or elapsed_days(text, today) is not None:
        return None
    level = levels.pop()
    page = find(kb, BENEFITS_QUERY, r"\|\s*Benefit\s*\|")
    policy = bool(re.search(r"\b(?:polic(?:y|ies)|rules?)\b", text, re.I))
    # shipping: the options' rows; returns: the window, and what happens past it when the policy is asked
    topic = r"\bshipping$" if shipping else r"^returns?\b" if policy else r"^return window$"
    rows = [r for r in table(page.text) if re.search(topic, r.get("benefit", ""), re.I) and r.get(level)]
    if not rows or page.hit is None:
        return None
    who = "Guests" if level == "guest" else f"{level.capitalize()} members"
    out = [f"For {who}: " + "; ".join(f"{r['benefit'].lower()} – {_cell(r[level])}" for r in rows) + "."]
    hits = [page.hit]
    if shipping:
        us = find(kb, OPTIONS_QUERY, r"\|\s*Option\s*\|")
        listed = " ".join(r["benefit"].lower() for r in rows)
        others = [r for r in table(us.text) if r.get("option") and r["option"].lower() not in listed]
        if not others or us.hit is None:
            return None
        costs = "; ".join(f"{r['option']} {r.get('cost', '')}".strip() for r in others)
        out.append(f"Within the US, {join_words([r['option'] for r in others])} shipping: {costs}.")
        hits.append(us.hit)
    elif policy:
        condition = find(kb, CONDITION_QUERY, r"\bunworn\b")
        if rule := condition.first(r"\bunworn\b"):
            out.append(rule)
            hits += [condition.hit] if condition.hit else []
    return " ".join(out), hits


def _cell(value: str) -> str:
    value = value.strip()
    return "free" if value.lower() == "free" else value
