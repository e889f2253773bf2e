"""Northwind Plus asked about ("what do I get with Plus?", "is Plus worth it if I'm Gold?", "how do I cancel Plus?"),
answered from the membership page's Plus sections: what it costs and gives; for a level named (or a signed-in
member's own) which of those the level already has and which it would add; how to cancel, with the refund rule.
Late payments, billing disputes and a refund asked for a stated case keep their own ways (policy_slots.plus_refund).
Read at run time; a section not found returns None."""

from __future__ import annotations

import re

from bot.core.policy_tables import Page, find, join_words, table
from bot.core.ports import KnowledgePort
from bot.domain import Hit

# Plus named as the subscription, never "plus" as a word ("jeans plus a belt", "plus shipping", "plus size")
PLUS = re.compile(
    r"\bnorthwind\s*plus\b|\bplus (?:membership|subscription|member(?:ship)?s?|program(?:me)?|plan|benefits?|perks?)\b"
    r"|\b(?:with|cancel|join|get|about|buy|subscribe to|sign up for|sign up to|is|into|quit|stop|end|of) plus\b"
    r"(?=\s*(?:[?.!,]|$|if|worth|for|and|or|do|does|give|include|cost|really|actually|membership|subscription))"
    r"|^\s*plus\s*\?*\s*$|\bis plus worth\b",
    re.I,
)
NOT_PLUS = re.compile(r"\bplus[- ]size\w*|\bplus (?:shipping|tax|the|a|an|my|some)\b", re.I)
CANCEL = re.compile(r"\b(?:cancel\w*|unsubscribe|quit|stop|end) (?:\w+ )?plus\b|\bplus\b.{0,30}\bcancel\w*", re.I)
REFUND = re.compile(r"\b(?:refund\w*|money back|late|overdue|extension|billed twice|dispute|bill)\b", re.I)
WORTH = re.compile(
    r"\bworth\b|\bif i'?m\b|\bas an? (?:guest|bronze|silver|gold)\b|\bdo i need\b|\bpoint\b|\balready\b", re.I
)
WHAT = re.compile(
    r"\bwhat(?:'s| is| do| does| are)\b|\bbenefits?\b|\bperks?\b|\binclude\w*\b|\bget with\b|\btell me about\b"
    r"|\bhow much\b|\bcost\b|\bprice\b",
    re.I,
)
LEVEL = re.compile(r"\b(guest|bronze|silver|gold)\b", re.I)


def plus_reply(kb: KnowledgePort, text: str, level: str = "") -> tuple[str, list[Hit]] | None:
    """The Plus section that answers the question, or None when it is no Plus question these answer."""
    if not PLUS.search(text) or (NOT_PLUS.search(text) and not re.search(r"\bnorthwind\s*plus\b", text, re.I)):
        return None
    if CANCEL.search(text):
        return _cancel(kb)
    if REFUND.search(text):
        return None  # a refund, a late payment, a dispute: the page's own rule for it answers
    named = LEVEL.search(text)
    asked_level = named.group(1).lower() if named else (level.lower() if WORTH.search(text) else "")
    if WORTH.search(text) or named:
        return _worth(kb, asked_level)
    if WHAT.search(text):
        return _what(kb)
    return None


def _what(kb: KnowledgePort) -> tuple[str, list[Hit]] | None:
    page = find(kb, "What is Northwind Plus price benefits", r"\bBenefits:")
    price, benefits = page.first(r"^Price:"), page.first(r"^Benefits:")
    if not price or not benefits:
        return None
    intro = page.first(r"\bNorthwind Plus is\b")
    out = [intro] if intro else []
    out += [f"With Plus you get {_tail(benefits, 'Benefits:')}", f"It costs {_tail(price, 'Price:')}"]
    return " ".join(out), [page.hit] if page.hit else []


def _worth(kb: KnowledgePort, level: str) -> tuple[str, list[Hit]] | None:
    found = _what(kb)
    if found is None:
        return None
    said, hits = found
    if not level:
        return found
    page = find(kb, "What is Northwind Plus price benefits", r"\bBenefits:")
    benefits = _tail(page.first(r"^Benefits:"), "Benefits:").rstrip(".")
    perks = [b.strip() for b in re.split(r",\s*(?:and\s+)?|\s+and\s+(?=\d|free|early)", benefits) if b.strip()]
    levels = find(kb, "Membership benefits returns and shipping overnight international", r"\|\s*Benefit\s*\|")
    rows = table(levels.text)
    free = [r["benefit"].lower() for r in rows if r.get(level, "").lower().startswith("free")]
    has_standard = any("standard" in f for f in free)
    adds = [p for p in perks if not ("standard shipping" in p and has_standard)]
    who = level.capitalize()
    out = [said]
    if free:
        out.append(f"As a {who} member you already get {join_words(free)} free, but not the Plus benefits.")
    else:
        out.append(f"None of the Plus benefits comes with the {who} level itself.")
    out.append(f"So for a {who} member Plus would add {join_words(adds)}, for {_price(page)} a year.")
    hits += [levels.hit] if levels.hit and levels.hit not in hits else []
    return " ".join(out), hits


def _cancel(kb: KnowledgePort) -> tuple[str, list[Hit]] | None:
    page = find(kb, "Cancelling Northwind Plus cancel at any time", r"\bcancel at any time\b")
    how = page.first(r"\bcancel at any time\b")
    if not how:
        return None
    rest = [s for s in page.sentences if s != how and not s.startswith("#")][:2]
    return " ".join([how, *rest]), [page.hit] if page.hit else []


def _tail(sentence: str, label: str) -> str:
    said = sentence.split(label, 1)[-1].strip()
    return said if said.endswith(".") else said + "."


def _price(page: Page) -> str:
    m = re.search(r"\$\d+(?:\.\d{2})?", page.first(r"^Price:"))
    return m.group(0) if m else "its price"
