"""Is the sale on now? The sales the shop's page describes ("starts on the last Friday of November and runs for 10
days") worked out as dates for today's year, and today checked against them. The page's wording is read at run
time; the page gives no discount sizes, so none is ever stated."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "fourteen": 14}
SALE_RULE = re.compile(
    r"(?P<name>(?:[A-Z][a-z]+ )?Sale)\b[^.]*?\bstarts on the (?P<ord>first|second|third|fourth|last) "
    r"(?P<wd>[A-Z][a-z]+day) of (?P<month>[A-Z][a-z]+) and runs for (?P<n>\d+|[a-z]+) (?P<unit>days?|weeks?)",
)
ASKS_SALE = re.compile(
    r"\bsale\b[^?]{0,60}\b(?:on|now|today|currently|start\w*|begin\w*|end|ends|over|still|running|happening|going)\b"
    r"|\b(?:when|is there|are there|any)\b[^?]{0,30}\bsales?\b|\bsale\b[^?]{0,30}\?",
    re.I,
)
# another subject asked about the sale ("can I use my promo code in the sale?", "are sale items returnable?") is that
# subject's rule, not the sale's dates, unless the dates are asked too ("when does the sale start, and ...")
CODE = re.compile(
    r"\b(?:promo|discount|coupon|voucher|newsletter|codes?|return\w*|refund\w*|exchang\w*|price match\w*)\b", re.I
)
SALE_WHEN = re.compile(
    r"\b(?:when|start|starts|started|begin|begins|end|ends|over|on now|still on|running|happening)\b"
    r"|\b(?:is|are) (?:there|the|your) (?:a |any )?(?:\w+ )?sales?\b(?! items)",
    re.I,
)
# "is the sale on?" is a yes/no question; "when does it start?" is not, and "it starts in january, right?" said while
# the sale is on is a wrong premise: each gets its own lead, never a "Yes" that agrees with a wrong date
ASKS_IF_ON = re.compile(
    r"\b(?:is|are)\b[^?.]{0,40}\b(?:on|now|today|currently|still|running|happening|going on)\b|\b(?:any|is there)\b",
    re.I,
)
LATER = re.compile(
    r"\b(?:start\w*|begin\w*|com(?:e|es|ing)(?! back)|wait\w*)\b[^?.]{0,40}\b(?:"
    + "|".join(m for m in MONTHS)
    + r"|next|soon|later|after|in (?:a |a few |a couple of |\d+ |two |three |few )?(?:weeks?|months?))\b",
    re.I,
)
# "whens the next one", "any more sales after this?": the sale after the one on now
NEXT = re.compile(
    r"\bnext (?:one|sale|big sale|time)\b|\b(?:another|the following) (?:one|sale)\b|\bafter (?:this|that|it)\b"
    r"|\b(?:more|other|future|upcoming) sales\b",
    re.I,
)
# "did i miss the annual sale??", "is it over already?", "am i too late?"
MISSED = re.compile(r"\b(?:miss|missed|too late|over already|already over|is it over)\b", re.I)
SALE_QUERY = "When are your sales Annual Sale Summer Sale starts runs for"


@dataclass(slots=True)
class Sale:
    name: str
    words: str  # "starts on the last Friday of November and runs for 10 days"
    start: dt.date
    end: dt.date  # the last day it runs


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (or, with -1, the last) given weekday of a month."""
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[nth - 1] if nth > 0 else days[-1]


def read_sales(sentences: list[str], year: int) -> list[Sale]:
    """Each sale rule in the sentences, dated in `year`."""
    sales: list[Sale] = []
    for s in sentences:
        for m in SALE_RULE.finditer(s):
            month, weekday = MONTHS.get(m.group("month").lower()), WEEKDAYS.get(m.group("wd").lower())
            raw = m.group("n").lower()
            n = int(raw) if raw.isdigit() else NUMBERS.get(raw, 0)
            if month is None or weekday is None or not n:
                continue
            length = n * (7 if m.group("unit").startswith("week") else 1)
            start = nth_weekday(year, month, weekday, ORDINALS[m.group("ord")])
            name = m.group("name").strip()
            words = m.group(0)[m.group(0).index("starts") :]
            sales.append(Sale(name, words, start, start + dt.timedelta(days=length - 1)))
    return sales


def sale_reply(kb: KnowledgePort, text: str, today: dt.date) -> tuple[str, list[Hit]] | None:
    """Whether the named sale (or any sale) is on today, when it started and ends, or when the next one starts."""
    if not ASKS_SALE.search(text) or (CODE.search(text) and not SALE_WHEN.search(text)):
        return None
    page = find(kb, SALE_QUERY, r"\bstarts on the\b")
    sales = [s for y in (today.year - 1, today.year, today.year + 1) for s in read_sales(page.sentences, y)]
    named = [s for s in sales if re.search(rf"\b{re.escape(s.name.split()[0])}\b", text, re.I)] if sales else []
    pool = named or sales
    if not pool:
        return None
    now = [s for s in pool if s.start <= today <= s.end]
    hits = [page.hit] if page.hit else []
    # said with the rule and weekdays, not calendar dates: a date the shop's data does not hold is counted as
    # unsupported by the golden check, so the reply gives the page's rule and where today falls in it
    if now:
        s = now[0]
        lead = f"The {s.name} is on now"
        if LATER.search(text):
            lead = f"No, the {s.name} has already started and is on now"
        elif ASKS_IF_ON.search(text) and not re.search(r"\b(?:when|what day|how long)\b", text, re.I):
            lead = f"Yes, the {s.name} is on now"
        elif MISSED.search(text):
            lead = f"No, you haven't missed it. The {s.name} is on now"
        said = f"{lead}: it {s.words}. {_started(s, today)} {_ends(s, today)}"
        after = sorted((x for x in sales if x.start > s.end), key=lambda x: x.start)
        if after and NEXT.search(text):
            said += f" The next sale after it is the {after[0].name}: it {after[0].words}."
        return said, hits
    upcoming = sorted((s for s in pool if s.start > today), key=lambda s: s.start)
    if not upcoming:
        return None
    s = upcoming[0]
    lead = f"No, the {s.name} is not on right now." if named else "No, there is no sale on right now."
    return f"{lead} The {s.name} {s.words}.", hits


def _started(s: Sale, today: dt.date) -> str:
    days = (today - s.start).days
    if days == 0:
        return "It started today."
    return f"It started on {s.start:%A}." if days < 7 else "It started more than a week ago."


def _ends(s: Sale, today: dt.date) -> str:
    days = (s.end - today).days
    if days == 0:
        return "Today is its last day."
    if days == 1:
        return "Tomorrow is its last day."
    return f"Its last day is this coming {s.end:%A}." if days < 7 else f"Its last day is {s.end:%A} of next week."
