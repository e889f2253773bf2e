"""The last day of a customer's return window, derived from the shop's data: an order's purchase date (its order
line) plus the return window of the customer's membership level (the customer line, bot/core/lookups.describe_member,
and the shop's return-window table).

"Order ORD-1 placed on 2026-12-01" for a customer whose line reads "membership level Bronze", with the returns
table "| Bronze | 90 days |", gives "Order ORD-1: the return window of a Bronze member ends on March 1, 2027". The
window counts from the purchase date, as the returns page says. Nothing is derived without the level, without a
readable window for it, or when two tables of the data disagree; an unlimited window has no last day. A deadline
a day off, or another level's, is no note and stays unsupported.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core.meaning.order_records import read_orders

TIERS = ("guest", "bronze", "silver", "gold")
MEMBER = re.compile(r"\bmembership level:? (Guest|Bronze|Silver|Gold)\b", re.I)
_WINDOW = re.compile(r"^return window$", re.I)


def window_days(words: str) -> int | None | bool:
    """Days in a window's words: "30 days" -> 30, "6 months (180 days)" -> 180, "6 months" -> 180, "Unlimited" ->
    None (no last day); False when unreadable."""
    if re.search(r"\bunlimited\b|\bno time limit\b", words, re.I):
        return None
    days = re.search(r"(\d+)\s*days?\b", words)
    if days:
        return int(days.group(1))
    months = re.search(r"(\d+)\s*months?\b", words)
    return int(months.group(1)) * 30 if months else False


def _tables(text: str) -> list[list[list[str]]]:
    """The markdown tables of a text: rows of stripped cells, the separator rows left out."""
    tables: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if line.startswith("|") and line.endswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                rows.append(cells)
        elif rows:
            tables.append(rows)
            rows = []
    return tables


def read_windows(text: str) -> dict[str, int | None]:
    """Each level's return window in days from the data's tables: a "Return window" column with a level per row, or a
    "Return window" row under a header of levels. Empty when a level's windows disagree or one is unreadable."""
    seen: dict[str, set[int | None]] = {}
    for rows in _tables(text):
        header = [c.lower() for c in rows[0]]
        pairs: list[tuple[str, str]] = []
        col = next((i for i, c in enumerate(header) if _WINDOW.match(c)), None)
        if col is not None:
            pairs += [(r[0], r[col]) for r in rows[1:] if len(r) > col]
        for r in rows[1:]:
            if r and _WINDOW.match(r[0]):
                pairs += list(zip(header[1:], r[1:], strict=False))
        for label, words in pairs:
            tier = label.lower()
            if tier in TIERS:
                days = window_days(words)
                if days is False:
                    return {}
                seen.setdefault(tier, set()).add(None if days is None else int(days))
    if any(len(v) > 1 for v in seen.values()):
        return {}
    return {tier: next(iter(v)) for tier, v in seen.items()}


def deadline_notes(grounding: str) -> list[str]:
    """For each order line, the last day of the customer's return window (see the module's docstring)."""
    levels = {m.group(1).lower() for m in MEMBER.finditer(grounding)}
    if len(levels) != 1:
        return []
    tier = levels.pop()
    days = read_windows(grounding).get(tier)
    if days is None:
        return []
    notes = []
    for o in read_orders(grounding):
        try:
            last = date.fromisoformat(o.placed) + timedelta(days=days)
        except ValueError:
            continue
        notes.append(
            f"Order {o.order_id}: the return window of a {tier.capitalize()} member ({days} days from the purchase "
            f"date) ends on {last:%A}, {last:%B} {last.day}, {last.year} ({last.isoformat()})."
        )
    return notes
