"""When the shopper says they bought it ("about 5 weeks ago", "in September", "last month"), as a range of days
before today, for the return window's verdict (split out of return_window.py)."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.facts import MONTHS

_COUNT = r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|few)"
AGO = re.compile(
    rf"\b(?:(?P<q>about|around|almost|nearly|over|more than|roughly|like|just over|under|less than)\s+)?{_COUNT}\s+"
    r"(?P<unit>days?|weeks?|months?|years?|yrs?)\b(?:\s+ago|\s+back)?",
    re.I,
)
# the shopper says the window is over: no date to check, the rule for returns outside it answers
YESTERDAY = re.compile(r"\b(?:yesterday|last week|last month|last year|this week)\b", re.I)
IN_MONTH = re.compile(r"\b(?:in|from|on|during|of|my)\s+(?:my\s+|the\s+|early\s+|late\s+|mid\s+)?(?P<m>[a-z]+)\b", re.I)
WORD_NUM = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3, "few": 3,
}  # fmt: skip
UNIT_DAYS = {"d": (1.0, 1.0), "w": (7.0, 7.0), "m": (28.0, 31.0), "y": (365.0, 366.0)}


def elapsed_days(text: str, today: dt.date) -> tuple[float, float] | None:
    """How long ago the shopper says they bought it, as a (shortest, longest) range in days; None when not said."""
    m = AGO.search(text)
    if m and (m.group("q") or re.search(r"\b(?:ago|back)\b", m.group(0), re.I) or _bought_near(text, m.start())):
        raw = m.group("n").lower()
        n = float(raw) if raw.isdigit() else float(WORD_NUM.get(raw, 0))
        lo, hi = UNIT_DAYS[m.group("unit")[0].lower()]
        q = (m.group("q") or "").lower()
        low, high = n * lo, n * hi
        if q in ("over", "more than", "just over"):
            high = high * 1.5
        elif q in ("almost", "nearly", "under", "less than"):
            low = low * 0.75
        elif q:  # "about 7 months": within a tenth of the length said, so 7 months is past a 6-month window
            mid = (low + high) / 2
            low, high = mid * 0.9, mid * 1.1
        return low, high
    y = YESTERDAY.search(text)
    if y:
        word = y.group(0).lower()
        return {"yesterday": (1, 1), "this week": (0, 7), "last week": (5, 14), "last month": (28, 62)}.get(
            word, (330, 730)
        )
    return _month_range(text, today)


def _bought_near(text: str, at: int) -> bool:
    return bool(re.search(r"\b(?:bought|ordered|got|purchased|received|had)\b", text[max(0, at - 40) : at], re.I))


def _month_range(text: str, today: dt.date) -> tuple[float, float] | None:
    """ "in September", "from my october order": from the end of that month (the latest it can have been) to its start."""
    for m in IN_MONTH.finditer(text):
        month = MONTHS.get(m.group("m").lower())
        if not month:
            continue
        year = today.year if month <= today.month else today.year - 1
        start = dt.date(year, month, 1)
        end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return float(max(0, (today - end).days)), float((today - start).days)
    return None
