"""A Gold account's shipping perk said to them: "my next order overnight, how much?" from a Gold member is answered
with the option's price and that it is free for them, as the shipping page says ("Overnight ... $20.00 – free for
Gold members"; "International shipping costs a flat $25.00, and is free ... for Gold members"). Only a shipping
option the shopper named gets the line, under an answer that states a price, only for an account at the Gold level (from the
customers table), and never twice (an order reply that already says "you are a Gold member" keeps its own)."""

from __future__ import annotations

import re

from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import read_pages
from bot.core.turn import Turn

SAID_FOR_YOU = re.compile(r"\b(?:free for you|you are a Gold member|as a Gold member)\b", re.I)
PRICED = re.compile(r"\$\s?\d|\b\d+(?:\.\d{2})? USD\b")
ABROAD = re.compile(r"\b(?:international|abroad|overseas|outside the (?:us|u\.s\.|united states))\b", re.I)


def gold_perk(answer: str, question: str, turn: Turn, kb: KnowledgePort) -> str:
    """The answer (which states a price), with "As a Gold member, X shipping is free for you." for each shipping
    option the question names that the shipping page makes free for Gold members."""
    if not turn.known_customer or str(turn.customer.get("membership") or "").lower() != "gold":
        return answer
    if SAID_FOR_YOU.search(answer) or not PRICED.search(answer):
        return answer
    asked = [m for m in ("economy", "standard", "overnight") if re.search(rf"\b{m}\b", question, re.I)]
    lives_abroad = str(turn.customer.get("country") or "United States") != "United States"  # shipping is international
    abroad = bool(ABROAD.search(question) or lives_abroad) and bool(ABROAD.search(answer))
    if not asked and not abroad:
        return answer
    pages = read_pages(kb)
    lines: list[str] = []
    for row in pages.options:
        option = str(row.get("option") or "")
        cost = " ".join(v for k, v in row.items() if "cost" in k or "price" in k)
        if option.lower() in asked and re.search(r"\bfree for Gold members\b", cost, re.I):
            lines.append(f"As a Gold member, {option.lower()} shipping is free for you.")
    if abroad and any(re.search(r"\$\s?\d", s) and re.search(r"\bfor Gold members\b", s) for s in pages.intl):
        lines.append("As a Gold member, international shipping is free for you.")
    return " ".join([answer, *lines]) if lines else answer
