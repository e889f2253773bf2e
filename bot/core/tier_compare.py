"""What is the difference between two membership levels? Read from the membership page's tables at run time: how
each level is reached, then each benefit row where the two levels differ, then what they share. Never a quoted
"Guest, Bronze, Silver and Gold ..." sentence that lists the levels without their differences."""

from __future__ import annotations

import re

from bot.core.policy_tables import join_words, plain, table
from bot.core.ports import KnowledgePort
from bot.domain import Hit

TIERS = ("guest", "bronze", "silver", "gold")
ASKS_DIFFERENCE = re.compile(
    r"\b(?:differen\w*|compare|comparison|vs\.?|versus|better|worth|what do i get|what does \w+ get|benefits?|perks?)\b",
    re.I,
)
QUERY = "Membership benefits Guest Bronze Silver Gold return window shipping fees how you get it"


def _tables(kb: KnowledgePort) -> tuple[list[dict[str, str]], list[dict[str, str]], list[Hit]]:
    """The "how you get it" rows and every benefit row of the membership page's tables."""
    levels: list[dict[str, str]] = []
    benefits: list[dict[str, str]] = []
    hits: list[Hit] = []
    for hit in kb.search(QUERY, k=10):
        text = plain(hit.passage.text)
        if hit.passage.metadata.get("sku") or "|" not in text:
            continue
        rows = table(text)
        if rows and "benefit" in rows[0] and not any(r in benefits for r in rows):
            benefits += rows
            hits.append(hit)
        elif rows and "level" in rows[0] and not levels:
            levels = rows
            hits.append(hit)
    return levels, benefits, hits


def compare_tiers(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """Two (or more) levels named and a difference asked: the rows where they differ and what they share."""
    named = [t for t in TIERS if re.search(rf"\b{t}\b", text, re.I)]
    if len(named) < 2 or not ASKS_DIFFERENCE.search(text):
        return None
    levels, benefits, hits = _tables(kb)
    if not benefits or any(t not in benefits[0] for t in named):
        return None
    out: list[str] = []
    how = {r["level"].lower(): r.get("how you get it", "") for r in levels if r.get("level")}
    for t in named:
        if how.get(t):
            out.append(f"{t.capitalize()}: {how[t].rstrip('.')}.")
    differ = [r for r in benefits if len({r.get(t, "") for t in named}) > 1]
    same = [r for r in benefits if len({r.get(t, "") for t in named}) == 1 and _cell(r.get(named[0], "")) != "no"]
    if differ:
        lines = [
            f"{r['benefit']}: " + ", ".join(f"{t.capitalize()} {_cell(r.get(t, ''))}" for t in named) for r in differ
        ]
        out.append("Where they differ: " + "; ".join(lines) + ".")
    if same:
        shared = [f"{r['benefit'].lower()} ({_cell(r.get(named[0], ''))})" for r in same]
        out.append(f"The same for {join_words([t.capitalize() for t in named])}: {'; '.join(shared)}.")
    return " ".join(out), hits


def _cell(value: str) -> str:
    return {"–": "no", "-": "no", "—": "no", "": "no"}.get(value.strip(), value.strip())
