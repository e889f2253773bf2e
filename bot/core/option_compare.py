"""Which of two shipping options is cheaper, or faster? Read from the shop's US options table at run time and said as
the comparison asked ("Economy is cheaper: $5.00 against Standard's $8.00"), with each option's own free rule
("Standard is free on orders of $75 or more"), instead of the whole table or the one option a sentence names.
A question that names fewer than two of the table's options, or asks no comparison, is not answered here."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.policy_tables import find, money, table
from bot.core.ports import KnowledgePort
from bot.domain import Hit

US_QUERY = "Shipping options and costs United States Economy Standard Overnight delivery time carrier"
CHEAPER = re.compile(
    r"\b(?:cheaper|cheapest|less expensive|least expensive|more expensive|most expensive|pricier|costs? (?:less|more)|"
    r"(?:lower|higher|better|best) (?:price|cost)|save (?:more|money))\b",
    re.I,
)
DEARER = re.compile(r"\b(?:more|most) expensive\b|\bpricier\b|\bcosts? more\b|\bhigher (?:price|cost)\b", re.I)
FASTER = re.compile(
    r"\b(?:faster|fastest|quicker|quickest|sooner|slower|slowest|gets? (?:here|there) first|arrives? first|"
    r"takes? (?:less|longer|more) time)\b",
    re.I,
)
NEXT_DAY = re.compile(r"\bnext (?:business )?day\b", re.I)
DAYS = re.compile(r"(\d+)\s*(?:[–-]\s*(\d+))?\s*(?:business |working )?days?\b", re.I)
FREE_RULE = re.compile(r"\bfree\b.*$", re.I)


def compare_options(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "Which is cheaper, economy or standard?": the two (or more) named options compared on what was asked."""
    by_price, by_time = bool(CHEAPER.search(text)), bool(FASTER.search(text))
    if not (by_price or by_time):
        return None
    page = find(kb, US_QUERY, r"\|\s*Option\s*\|")
    rows = [r for r in table(page.text) if r.get("option")]
    named = [r for r in rows if re.search(rf"\b{re.escape(r['option'])}\b", text, re.I)]
    if len(named) < 2:
        return None
    out: list[str] = []
    if by_price:
        dearer = bool(DEARER.search(text))  # "which costs more?": the dearer one leads
        line = _by(named, lambda r: money(r.get("cost", "")), "costs more" if dearer else "cheaper", "cost", dearer)
        if line is None:
            return None
        out.append(line)
        out += [f"{r['option']} is {m.group(0)}." for r in named if (m := FREE_RULE.search(r.get("cost", "")))]
    if by_time:
        line = _by(named, lambda r: _days(r.get("delivery time", "")), "faster", "delivery time")
        if line is None:
            return None
        out.append(line)
    return " ".join(out), [page.hit] if page.hit else []


def _by(
    rows: list[dict[str, str]],
    key: Callable[[dict[str, str]], float | None],
    word: str,
    column: str,
    highest: bool = False,
) -> str | None:
    """ "Economy is cheaper: Economy $5.00, Standard $8.00 – free on orders of $75 or more." (None: a value unread)"""
    read = [(key(r), r) for r in rows]
    values = [(v, r) for v, r in read if v is not None]
    if len(values) < len(read) or len({v for v, _ in values}) < len(values):
        return None  # a value not read, or a tie: no "cheaper" to say
    values.sort(key=lambda vr: vr[0], reverse=highest)
    best = values[0][1]["option"]
    listed = "; ".join(f"{r['option']} {_plain_value(r.get(column, ''), column)}" for _, r in values)
    most = {"cheaper": "is the cheapest", "faster": "is the fastest", "costs more": "costs the most"}[word]
    verb = word if word.startswith("costs") else f"is {word}"
    return f"{best} {verb if len(values) == 2 else most}: {listed}."


def _plain_value(value: str, column: str) -> str:
    """The cost without its free rule (said on its own line), or the delivery time in lower case."""
    if column == "cost":
        return FREE_RULE.sub("", value).rstrip(" –-")
    return value[:1].lower() + value[1:]


def _days(value: str) -> float | None:
    """The slowest day count of a delivery time ("3–5 business days" -> 5, "Next business day" -> 1)."""
    if NEXT_DAY.search(value):
        return 1.0
    m = DAYS.search(value)
    return float(m.group(2) or m.group(1)) if m else None
