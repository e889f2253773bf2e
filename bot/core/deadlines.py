"""A day the shopper needs a delivery by, compared with the day the shop's data gives for it.

"i need it by friday", "will it get here before the 10th?", "in time for christmas": the day is read from the
message against the shop's today (a weekday: its next date from today, today's own included; an ordinal day: this
month's, or next month's when it has passed; a month and day; Christmas Eve, Christmas Day, New Year's Eve and Day).
The day it is compared with is the order's own estimated delivery, or, for an order not yet placed, the day the
shipping page's own times give (bot.core.ship_dates); the reply says plainly whether that day is in time, never a
general "usually a day or two". "next friday" is left unread: which Friday it means is the shopper's to say."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bot.core.facts import MONTHS

WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=lambda s: (-len(s), s)))
HOLIDAYS = (  # (words, month, day): the days a shopper names a delivery for
    (r"christmas eve|xmas eve", 12, 24),
    (r"christmas(?: day)?|xmas|x-mas", 12, 25),
    (r"new year'?s eve|nye", 12, 31),
    (r"new year'?s(?: day)?|the new year", 1, 1),
)
_HOLIDAY = "|".join(f"(?:{words})" for words, _m, _d in HOLIDAYS)
_DAY = (
    rf"(?P<wd>{'|'.join(WEEK)})"
    rf"|(?P<tomorrow>tomorrow)"
    rf"|(?:the )?(?P<n>\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:{_MONTH_NAMES})\b)"
    rf"|(?P<mon>{_MONTH_NAMES})\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?:the )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH_NAMES})\b"
    rf"|(?P<hol>{_HOLIDAY})"
)
# "by friday", "before the 10th", "no later than dec 5", "in time for christmas", "for christmas" (a holiday only)
DEADLINE = re.compile(
    r"\b(?P<how>by|before|until|till|til|no later than|in time for|for)\s+(?P<this>this (?:coming )?|the |"
    r"(?P<next>next) )?(?:" + _DAY + r")(?!\w)",
    re.I,
)

# "i need it for friday", "want them for the 10th": the day they are needed
NEED_FOR = re.compile(
    r"\b(?:need|needs|needed|want|wanted|have|get)\s+(?:it|them|this|these|those|that|(?:my|the|our)(?:\s+[\w-]+){1,3})\s+$",
    re.I,
)


@dataclass(frozen=True)
class Deadline:
    day: dt.date
    before: bool  # "before the 10th": the 9th at the latest; "by the 10th": the 10th itself is in time
    said: str  # the shopper's words ("by friday")


def stated_deadline(text: str, today: dt.date) -> Deadline | None:
    """The one day the message needs something by; None when it names none, more than one, or "next <weekday>"."""
    found = []
    for m in DEADLINE.finditer(text):
        if not _is_deadline(m, text):
            continue  # "a dress for friday" is the day of an event: "need it for friday" is a deadline
        if m.group("next"):
            return None
        day = _day(m, today)
        if day is not None:
            found.append(Deadline(day, m.group("how").lower() == "before", m.group(0).strip()))
    return found[0] if len({d.day for d in found}) == 1 else None


def needs_by(text: str) -> bool:
    """Whether the message names a day something is needed by ("i need my coat by friday", "lands by dec 8")."""
    return without_deadlines(text) != text


def without_deadlines(text: str) -> str:
    """The message without the days it needs something by ("by dec 8", "before the 10th"): no order was placed then."""
    return DEADLINE.sub(lambda m: "" if _is_deadline(m, text) else m.group(0), text)


def _is_deadline(m: re.Match[str], text: str) -> bool:
    return m.group("how").lower() != "for" or bool(m.group("hol")) or bool(NEED_FOR.search(text[: m.start()]))


def _day(m: re.Match[str], today: dt.date) -> dt.date | None:
    if m.group("wd"):
        return today + dt.timedelta(days=(WEEK.index(m.group("wd").lower()) - today.weekday()) % 7)
    if m.group("tomorrow"):
        return today + dt.timedelta(days=1)
    if m.group("n"):
        return _next_date(today, today.month, int(m.group("n")), monthly=True)
    if m.group("mon") or m.group("mon2"):
        return _next_date(
            today, MONTHS[(m.group("mon") or m.group("mon2")).lower()], int(m.group("d") or m.group("d2"))
        )
    said = m.group("hol").lower()
    for words, month, day in HOLIDAYS:
        if re.fullmatch(words, said, re.I):
            return _next_date(today, month, day)
    return None


def _next_date(today: dt.date, month: int, day: int, *, monthly: bool = False) -> dt.date | None:
    """The first such date from today on (this month's or the next for an ordinal day; this year's or the next)."""
    for step in range(3 if monthly else 2):
        year, mon = (
            (today.year + (today.month - 1 + step) // 12, (today.month - 1 + step) % 12 + 1)
            if monthly
            else (
                today.year + step,
                month,
            )
        )
        try:
            date = dt.date(year, mon, day)
        except ValueError:
            continue
        if date >= today:
            return date
    return None


def on_day(day: dt.date) -> str:
    """ "Monday, December 7" """
    return f"{day:%A}, {day:%B} {day.day}"


def in_time(arrives: dt.date, need: Deadline, *, latest: dt.date | None = None) -> bool | None:
    """Whether a delivery on `arrives` (up to `latest` for a range) meets the deadline; None when only part of the
    range does."""
    last_ok = need.day - dt.timedelta(days=1) if need.before else need.day
    if (latest or arrives) <= last_ok:
        return True
    if arrives > last_ok:
        return False
    return None


def verdict(arrives: dt.date, need: Deadline, *, latest: dt.date | None = None) -> str:
    """ "That is after Friday, December 4, so it is not expected to arrive in time." and its kin."""
    ok = in_time(arrives, need, latest=latest)
    day = on_day(need.day)
    if ok is None:
        return f"Only the earlier days of that range are {'before' if need.before else 'by'} {day}, so it may arrive in time but is not sure to."
    if ok:
        return f"That is {'before' if need.before else 'no later than'} {day}, so by that estimate it arrives in time."
    return f"That is {'not before' if need.before else 'after'} {day}, so it is not expected to arrive in time."


SETTLED = ("delivered", "cancelled", "returned")


def order_deadline(order: dict[str, Any], text: str, said: str, today: dt.date) -> str:
    """A shopper's deadline applied to their order: its estimated delivery (unless the reply gives it already) and
    whether that is in time; '' without a deadline, an estimate, or for an order delivered, cancelled or returned."""
    need = stated_deadline(text, today)
    due = str(order.get("estimated_delivery") or "")[:10]
    if need is None or not due or str(order.get("status") or "") in SETTLED:
        return ""
    try:
        arrives = dt.date.fromisoformat(due)
    except ValueError:
        return ""
    given = due in said or on_day(arrives) in said
    head = "" if given else f"Its estimated delivery is {on_day(arrives)}. "
    return head + verdict(arrives, need)


def _business_after(day: dt.date, business: list[str], count: int) -> dt.date:
    """The `count`-th business day after `day` (the page's own business days)."""
    while count > 0:
        day += dt.timedelta(days=1)
        count -= WEEK[day.weekday()] in business
    return day


def new_order_deadline(
    text: str, today: dt.date, ordered: str, late: bool, business: list[str], span: tuple[int, int] | None
) -> str:
    """A deadline applied to an order not yet placed: the day it is ordered (the weekday said, from today on), the day
    it ships (that day, or the next business day when it is late), and the business days of its option counted from
    it (Overnight's one); the dates and whether they are in time. '' without a deadline, a day or the option's days."""
    need = stated_deadline(text, today)
    if need is None or not ordered or not business or span is None:
        return ""
    placed = today + dt.timedelta(days=(WEEK.index(ordered.lower()) - today.weekday()) % 7)
    ships = _business_after(placed, business, 1) if late else placed
    first, last = _business_after(ships, business, span[0]), _business_after(ships, business, span[1])
    days = on_day(first) if first == last else f"{on_day(first)} to {on_day(last)}"
    head = f"By the calendar, it ships {on_day(ships)} and arrives {'on' if first == last else 'from'} {days}."
    return f"{head} {verdict(first, need, latest=last if last != first else None)}"
