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
# one level asked about: how it is reached, what it gives
ASKS_HOW = re.compile(
    r"\b(?:how (?:do|can|would|could) (?:i|you|one|someone) (?:get|become|reach|qualify|earn|make|join|be)"
    r"|what (?:do|would) (?:i|you) (?:have|need) to (?:spend|do)|how much (?:do|would) (?:i|you) (?:have|need) to spend"
    r"|how (?:much|many) .{0,20}\bspend|(?:get|become|reach|qualify for|earn|make) (?:a )?(?:gold|silver|bronze)"
    r"|requirements?|qualif\w*|threshold)\b",
    re.I,
)
ASKS_BENEFITS = re.compile(
    r"\b(?:what (?:do|would|will|does) (?:i|you|it|that|\w+ members?) (?:get|give|include|offer)|benefits?|perks?"
    r"|advantages?|worth it|is it worth|what(?:'s| is) (?:in it|included)|get me)\b",
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


membership_tables = _tables  # the levels rows, the benefit rows and their hits, for the other membership answers


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


def level_reply(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """One level named, and how it is reached or what it gives asked ("Gold: what do I have to spend, and what do I
    get?"): its "how you get it" row and its own cell of every benefit row (or of the benefits the message names:
    "and is overnight shipping free then?"), read from the membership tables."""
    named = [t for t in TIERS if re.search(rf"\b{t}\b", text, re.I)]
    how, gives = bool(ASKS_HOW.search(text)), bool(ASKS_BENEFITS.search(text))
    if len(named) != 1 or not (how or gives):
        return None
    level = named[0]
    levels, benefits, hits = _tables(kb)
    row = next((r for r in levels if r.get("level", "").lower() == level), None)
    if (how and not (row and row.get("how you get it"))) or not benefits or level not in benefits[0]:
        return None  # a part the tables do not answer: the question goes the usual way
    out = [f"How you get {level.capitalize()}: {_lower(row['how you get it'])}"] if how and row else []
    asked = [r for r in benefits if _names(text, r.get("benefit", ""))]
    has = [r for r in benefits if _cell(r.get(level, "")) != "no"]
    rows = [r for r in benefits if r in has or r in asked] if gives else asked
    perks = [_perk(r["benefit"], _cell(r.get(level, ""))) for r in rows]
    if perks and gives:
        noun = re.search(r"\b(?:perks?|benefits?|advantages?)\b", text, re.I)
        lead = (
            f"The {noun.group(0).lower()} of {level.capitalize()}" if noun else f"What {level.capitalize()} members get"
        )
        judge = ", so you can judge whether it is worth it" if re.search(r"\bworth\b", text, re.I) else ""
        out.append(f"{lead}{judge}: {'; '.join(perks)}.")
    elif perks:
        out.append(f"For {level.capitalize()} members: {'; '.join(perks)}.")
    return (" ".join(out), hits) if out else None


def _names(text: str, benefit: str) -> bool:
    """The message names the benefit row by its first two words ("overnight shipping", "return window")."""
    words = re.findall(r"[a-z]+", benefit.lower())[:2]
    return len(words) == 2 and bool(re.search(rf"\b{words[0]}\w*\s+{words[1]}", text, re.I))


def _lower(sentence: str) -> str:
    sentence = sentence.strip()
    return sentence[:1].lower() + sentence[1:] + ("" if sentence.endswith(".") else ".")


def _perk(benefit: str, value: str) -> str:
    """ "overnight shipping (Free)", "shipping credit when you downgrade a shipped order" (a plain "Yes"); a benefit
    the level does not have: "(no)"."""
    benefit = benefit[:1].lower() + benefit[1:]
    return benefit if value.lower() == "yes" else f"{benefit} ({value})"
