"""Which of two shipping options is cheaper, or faster? Read from the shop's US options table at run time and said as
the comparison asked ("Economy is cheaper: $5.00 against Standard's $8.00"), with each option's own free rule
("Standard is free on orders of $75 or more"), instead of the whole table or the one option a sentence names.
A question that names fewer than two of the table's options, or asks no comparison, is not answered here."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.places import places_in
from bot.core.policy_tables import find, free_from, money, table
from bot.core.ports import KnowledgePort
from bot.core.shipping_slots import against, row_line, stated_amount
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
# what shoppers call the options: "express" is the fastest US option (DHL Express ships only abroad), "regular" the
# standard one
FASTEST = re.compile(r"\b(?:express|expedited|rush|priority)\b|\bfast(?:er|est)? (?:shipping|delivery|option)\b", re.I)
# the brand Express ("Express Lennox tee", "express women's sweaters"): a capitalised word or a gender after it
# or "Express" capitalised inside a sentence ("do you have Express shirts?")
BRAND = re.compile(r"\b[Ee]xpress\s+(?:(?!Shipping\b|Delivery\b)[A-Z][a-z]+|(?i:men|women)\w*)|(?<=[a-z,] )Express\b")
DELIVERY = re.compile(r"\b(?:ship\w*|deliver\w*|postage|courier|arriv\w*)\b", re.I)
REGULAR = re.compile(r"\b(?:regular|normal|usual|ordinary|basic|default)\b", re.I)
DIFFERENCE = re.compile(r"\b(?:differen\w*|compare\w*|vs\.?|versus)\b", re.I)


def compare_options(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "Which is cheaper, economy or standard?": the two (or more) named options compared on what was asked.
    "Is there express delivery? what's the difference vs regular?": the fastest option against Standard."""
    by_price, by_time = bool(CHEAPER.search(text)), bool(FASTER.search(text))
    differ = bool(DIFFERENCE.search(text))
    if any(not in_us for _name, in_us in places_in(text)):
        return None  # abroad: the international terms answer it (the shipping slots)
    page = find(kb, US_QUERY, r"\|\s*Option\s*\|")
    rows = [r for r in table(page.text) if r.get("option")]
    named = _named(rows, text)
    fastest = _asks_fastest(text, rows)
    if fastest and len(named) == 1 and not (by_price or by_time or differ):
        return _fastest_line(named[0]), [page.hit] if page.hit else []
    if len(named) < 2 or not (by_price or by_time or differ):
        return None
    if differ and not (by_price or by_time):  # "what's the difference?": each option's time and price
        lines = [_fastest_line(r) if fastest and r is _quickest(rows) else f"{row_line(r)}." for r in named]
        return " ".join(lines + _against_amount(named, text)), [page.hit] if page.hit else []
    out: list[str] = [_fastest_line(named[0])] if fastest and named[0] is _quickest(rows) else []
    if by_price:
        dearer = bool(DEARER.search(text))  # "which costs more?": the dearer one leads
        line = _by(named, lambda r: money(r.get("cost", "")), "costs more" if dearer else "cheaper", "cost", dearer)
        if line is None:
            return None
        out.append(line)
        out += [f"{r['option']} is {m.group(0)}." for r in named if (m := FREE_RULE.search(r.get("cost", "")))]
        out += _against_amount(named, text)
    if by_time:
        line = _by(named, lambda r: _days(r.get("delivery time", "")), "faster", "delivery time")
        if line is None:
            return None
        out.append(line)
    return " ".join(out), [page.hit] if page.hit else []


def _named(rows: list[dict[str, str]], text: str) -> list[dict[str, str]]:
    """The options the message names, by name or by what shoppers call them ("express", "regular")."""
    quickest = _quickest(rows)
    named = []
    for r in rows:
        by_name = re.search(rf"\b{re.escape(r['option'])}\b", text, re.I)
        fastest = r is quickest and _asks_fastest(text, rows)
        regular = r["option"].lower() == "standard" and REGULAR.search(text)
        if by_name or fastest or regular:
            named.append(r)
    return sorted(named, key=lambda r: r is not quickest)  # "express" first: it is what was asked about


def _asks_fastest(text: str, rows: list[dict[str, str]]) -> bool:
    """ "express delivery", "rush shipping": a delivery word with it; not DHL Express, not the brand Express, and not
    a word that is itself one of the table's options (a shop whose options are Ground, Priority and Express)."""
    if BRAND.search(text) or re.search(r"\bdhl\b", text, re.I):
        return False
    names = {r["option"].lower() for r in rows}
    said = [m.group(0).lower() for m in FASTEST.finditer(text)]
    return any(w not in names for w in said) and bool(DELIVERY.search(text))


def _quickest(rows: list[dict[str, str]]) -> dict[str, str] | None:
    timed = [(d, r) for r in rows if (d := _days(r.get("delivery time", ""))) is not None]
    return min(timed, key=lambda dr: dr[0])[1] if timed else None


def _fastest_line(row: dict[str, str]) -> str:
    """ "Our fastest US option is Overnight: next business day, $20.00 – free for Gold members (UPS)." """
    time, cost = _plain_value(row.get("delivery time", ""), "time"), row.get("cost", "")
    carrier = f" ({row['carrier']})" if row.get("carrier") else ""
    return f"Our fastest US option is {row['option']}: {', '.join(x for x in (time, cost) if x)}{carrier}."


def _against_amount(rows: list[dict[str, str]], text: str) -> list[str]:
    """ "ordering about $60": the stated amount against each option's free-shipping threshold, in the page's figures."""
    amount = stated_amount(text)
    if amount is None:
        return []
    return [
        against(amount, limit, r.get("cost", ""), f"{r['option']} shipping")
        for r in rows
        if (limit := free_from(r.get("cost", ""))) is not None
    ]


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
