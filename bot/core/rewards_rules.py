"""The shopper's rewards asked beside an order ("if I cancel ORD-1 do I lose my points?", "will cancelling affect my
Gold status?"): the shop's pages speak of membership levels, not points, so the answer is the customer's own level
and the membership page's rule for how long that level lasts (Bronze: as long as the account; Silver and Gold: 12
months, never lowered during them). What a cancelled or returned order does to the spending a level is reviewed
on is not in the data, so a person is offered for it. The rules are read from the knowledge base at run time;
none read, nothing is said."""

from __future__ import annotations

import re
from typing import Any

from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.domain import Hit

LASTS_QUERY = "How long does membership last? Bronze Silver Gold 12 months levels never lowered"
LASTS = re.compile(r"\bmembership lasts\b|\blevels are never lowered\b|\blast \*{0,2}12 months", re.I)
POINTS = re.compile(r"\bpoints?\b", re.I)
LEVELS = ("bronze", "silver", "gold")


def rewards_lines(kb: KnowledgePort, customer: dict[str, Any], text: str) -> tuple[list[str], list[Hit]]:
    """The customer's level and how long it lasts, by the membership page; ([], []) when the rule cannot be read."""
    found = section(kb, LASTS_QUERY, about=LASTS)
    level = str(customer.get("membership") or "").lower()
    rules = found.pick(lambda s: bool(LASTS.search(s)), limit=3)
    if not rules or found.hit is None:
        return [], []
    out = []
    if POINTS.search(text) and not any(POINTS.search(s) for s in found.sentences):
        out.append("Our rewards pages don't describe points: Northwind Rewards works by membership level.")
    if level in LEVELS:
        rule = (
            rf"\b{level}\b" if level == "bronze" else rf"\b{level}\b|\bnever lowered\b"
        )  # the 12 months: Silver, Gold
        own = [s for s in rules if re.search(rule, s, re.I)] or rules
        out.append(f"Your account is at the {level.capitalize()} level. " + " ".join(_plain(s) for s in own[:2]))
        if level != "bronze":
            out.append(
                "The pages don't say how a cancelled order counts toward the spending your level is reviewed on; "
                "a person from our team can check that for you."
            )
    else:
        out.append("Your account is at the Guest level: you shop without having joined Northwind Rewards.")
    return out, [found.hit]


def _plain(sentence: str) -> str:
    return sentence.replace("**", "").strip()
