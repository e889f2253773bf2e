"""A pick among the orders the last reply listed: "the one with the jeans", "what about the rain jacket one",
"the overcoat", "the september one", "the first one" after an answer about two or more of the shopper's orders.

On its own such a message names no order and asks nothing, so it was searched as a product ("the one with the
jeans" -> a list of jeans) or refused as out of scope. Resolved against THIS conversation (the orders the last
reply was about, read from its sources), it becomes the question asked before, about the one order picked:
"where are my orders? (order ORD-13926)", answered by the order desk like any question that names its order.
Nothing is picked when the words fit no listed order, or more than one."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.core.answers import matching_orders
from bot.core.deadlines import without_deadlines
from bot.core.facts import MONTHS
from bot.core.lookups import order_ids_in
from bot.core.order_words import names_month
from bot.core.return_extras import says_more
from bot.core.shop_day import shop_today
from bot.core.turn import Turn

GetOrder = Callable[[str], dict[str, Any] | None]

# the words of a pick that say nothing about which order it is
PICK_WORDS = frozenset(
    re.findall(
        r"\S+",
        "the a an one ones with that this which what about how and ok okay so i mean meant order orders my it "
        "please pls thanks in of for from was is one's containing had has got bought ordered where when status "
        "track tracking it's its oh sorry yes yeah no them they those these mean just actually",
    )
)
PICK = re.compile(
    r"^\W*(?:(?:ok|okay|oh|and|so|sorry|no|yes|yeah)\W+)*(?:(?:what|how) about\s+|i mean\s+|i meant\s+)?"
    r"(?:the\s+)?(?:one|order)?\s*(?:with|containing|that had|that has|for|from)?\s*(?:the|my|a|an)?\s*",
    re.I,
)
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "last": -1}
# "the last one" is the last order listed; "my last order" is the newest one, not an ordinal over the list
ORDINAL = re.compile(r"\b(first|1st|second|2nd|third|3rd)\s+(?:one|order)\b|\b(?<!my )(last)\s+one\b", re.I)
# what a pick may ask of the order it picks ("the one with the jeans, when will it arrive?")
ASKED_OF_ORDER = frozenset(
    re.findall(
        r"\S+",
        "will arrive arrived get here ship shipped come coming delivered delivery number carrier courier cost paid pay "
        "total much long still return cancel change address did does do can could be going to status",
    )
)
MAX_WORDS = 12
# "so how long do i have to send them back once they show up": the window asked of that order, in more words
WINDOW_ASKED = re.compile(
    r"\bhow (?:long|much time|many days)\b|\b(?:until|till|by) when\b|\bdeadline\b|\blast day\b", re.I
)
MAX_WINDOW_WORDS = 20


def listed_orders(history: Sequence[dict[str, Any]]) -> list[str]:
    """The order ids the last reply was about, in its order; [] when it was about none."""
    for m in reversed(history):
        if m.get("direction") != "out":
            continue
        ids = [
            str(s.get("doc_id", "")).split(":", 1)[1]
            for s in m.get("sources") or []
            if isinstance(s, dict) and str(s.get("doc_id", "")).startswith("order:")
        ]
        return list(dict.fromkeys(ids))
    return []


def _last_question(history: Sequence[dict[str, Any]]) -> str:
    return next((str(m.get("text", "")) for m in reversed(history) if m.get("direction") == "in"), "")


def pick(
    text: str, orders: list[dict[str, Any]], catalog_by_sku: Mapping[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """The one listed order the words fit: an ordinal, a month it was placed in, or its items' kind, brand or
    colour ("jeans", "rain jacket", "overcoat"); None when none or several fit."""
    if m := ORDINAL.search(text):
        at = ORDINALS[(m.group(1) or m.group(2)).lower()]
        return orders[at] if -len(orders) <= at < len(orders) else None
    words = [w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in PICK_WORDS]
    months = [MONTHS[w] for w in words if w in MONTHS]
    if months:
        fit = [o for o in orders if int(str(o.get("date", ""))[5:7] or 0) in months]
        return fit[0] if len(fit) == 1 else None
    item_words = [w for w in words if w not in ASKED_OF_ORDER]
    if not item_words:
        return None
    fit = matching_orders(orders, " ".join(item_words), catalog_by_sku)
    return fit[0] if len(fit) == 1 else None


def with_picked_order(
    text: str, turn: Turn, catalog: Sequence[dict[str, Any]], get_order: GetOrder | None
) -> str | None:
    """The question about the one order picked ("has my stuff shipped? (order ORD-13800)"), or None."""
    if get_order is None or not turn.known_customer or order_ids_in(text):
        return None
    if len(re.findall(r"\w+", text)) > MAX_WORDS or not PICK.match(text):
        return None
    ids = listed_orders(turn.history)
    if len(ids) < 2:
        return None
    orders = [o for o in (get_order(i) for i in ids) if o and o.get("customer_id") == turn.customer.get("id")]
    by_sku = {str(p.get("sku")): p for p in catalog}
    chosen = pick(text, orders, by_sku) if len(orders) >= 2 else None
    if chosen is None:
        return None
    rest = [w for w in re.findall(r"\w+", text.lower()) if w not in PICK_WORDS]
    asks = re.search(r"\?|\b(?:when|where|how|what|did|has|is|can|could|will)\b", PICK.sub("", text, count=1), re.I)
    question = text if asks and len(rest) > 2 else _last_question(turn.history)
    return f"{question.rstrip(' ?.!')}? (order {chosen['order_id']})"


# "can I still return it?", "how long do I have to send them back?", "is it too late to return it?"
RETURN_IT = re.compile(
    r"\b(?:return|returns|returning|send)\b[^?.!]{0,12}\b(?:it|them|this|that|these|those)\b"
    r"|\b(?:it|them|they)\b[^?.!]{0,20}\breturn|\b(?:send|ship|mail)\s+(?:it|them)\s+back\b"
    r"|^\W*(?:(?:ok|okay|and|so)\W+)*(?:what|how) about (?:returns|returning)\W*$|^\W*and returns\W*$",
    re.I,
)
RETURNABLE = ("delivered",)


def with_order_return(
    text: str, turn: Turn, catalog: Sequence[dict[str, Any]], get_order: GetOrder | None
) -> str | None:
    """ "can I still return it?" after an answer about the shopper's order(s): asked about that order ("can I still
    return it? (order ORD-12973)"), so the return windows are checked against its date and the shopper's level.
    The order is the one the last reply was about, or the one of those it listed that was delivered (a cancelled
    order is not "it"), or the one the message's words pick; None when that is not one order."""
    if get_order is None or not turn.known_customer or order_ids_in(text) or not RETURN_IT.search(text):
        return None
    if names_month(text):  # "is it too late to return my november 19 order": the order placed then
        return None
    if len(re.findall(r"\w+", text)) > (MAX_WINDOW_WORDS if WINDOW_ASKED.search(text) else MAX_WORDS):
        return None
    ids = listed_orders(turn.history)
    orders = [o for o in (get_order(i) for i in ids) if o and o.get("customer_id") == turn.customer.get("id")]
    if len(orders) > 1:
        by_sku = {str(p.get("sku")): p for p in catalog}
        chosen = pick(text, orders, by_sku)
        orders = [chosen] if chosen else [o for o in orders if str(o.get("status")) in RETURNABLE]
    if len(orders) != 1:
        return None
    said = f" {text}" if says_more(text) else ""  # "i have the receipt. how do i send them back?": kept, not lost
    return f"can I still return it? (order {orders[0]['order_id']}){said}"


# "what did I order in July", "my order from september", "the one I got back in april"
SAID_MONTH = re.compile(
    r"\b(?:in|from|during|back in|of|since)\s+(?:(?:my|the|that)\s+(?=[a-z]+\s+(?:order|purchase|one)\b))?"
    r"(?:early\s+|late\s+|mid\s+)?([a-z]+)\b"
    r"|\b(?:my|the|that)\s+([a-z]+)\s+(?:order|purchase|one|package|parcel|delivery)\b",  # "my october order"
    re.I,
)


def in_said_month(text: str, orders: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]] | None:
    """The month the question names ("what did I order in July?") and the orders placed in it, newest first
    (none: say so, never another month's order); None when it names no month."""
    said = (m.group(1) or m.group(2) for m in SAID_MONTH.finditer(text) if (m.group(2) or "").lower() != "may")
    name = next((w for w in said if w.lower() in MONTHS), None)
    if name is None:
        return None
    month = MONTHS[name.lower()]
    return name.capitalize(), [o for o in orders if str(o.get("date", ""))[5:7] == f"{month:02d}"]


# "what did I order on the 24th", "the sweater I ordered on saturday": a day of this month or a weekday this week
SAID_DAY = re.compile(
    r"\bon (?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th)\b|\bthe (?P<m>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:one|order|item|pair|time))"
    r"|\b(?P<last>on|last|this past|past) (?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<y>yesterday)\b",
    re.I,
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


_MONTH_NAMES = "|".join(sorted(MONTHS, key=lambda s: (-len(s), s)))
# "on nov 10", "november 3rd", "10th of november", "10 nov": a month by name and a day (never "10/11": ambiguous)
MONTH_DAY = re.compile(
    rf"\b(?P<mon>{_MONTH_NAMES})\.?\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![/.:,]\d|\s*(?:%|\$|dollars?|pairs?|items?))"
    rf"|(?<!size )\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MONTH_NAMES})\b",
    re.I,
)


# a day named by its holiday, as a day something happened ("the sweaters i got on halloween", "ordered over black
# friday"); never "before christmas" or "for christmas" (a deadline or a gift, not a day past)
SAID_HOLIDAY = re.compile(
    r"\b(?:on|from|over|at|during)\s+(?:the\s+)?(?P<h>halloween|(?:christmas|xmas)(?: eve| day)?"
    r"|new year'?s(?: eve| day)?|valentine'?s(?: day)?|thanksgiving|black friday|cyber monday"
    r"|(?:4th|fourth) of july|july (?:4th|fourth)|independence day)\b",
    re.I,
)
# a holiday's (month, day) by a word of its name, the more particular first
_FIXED_HOLIDAYS = (
    (("christmas eve", "xmas eve"), (12, 24)),
    (("christmas", "xmas"), (12, 25)),
    (("years eve",), (12, 31)),
    (("new year",), (1, 1)),
    (("valentine",), (2, 14)),
    (("july", "independence"), (7, 4)),
    (("halloween",), (10, 31)),
)


def _holiday(name: str, year: int) -> dt.date:
    """The date of a holiday in a year (Thanksgiving the fourth Thursday of November; Black Friday and Cyber Monday
    the Friday and Monday after it)."""
    key = name.lower().replace("'", "")
    for words, (month, day) in _FIXED_HOLIDAYS:
        if any(w in key for w in words):
            return dt.date(year, month, day)
    first = dt.date(year, 11, 1)
    thanksgiving = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    return thanksgiving + dt.timedelta(days={"thanksgiving": 0, "black friday": 1}.get(key, 4))


def said_date(text: str, today: dt.date | None = None) -> tuple[dt.date, bool] | None:
    """The day the message names (the latest such date up to today) and whether it was said exactly (a month and
    day, a holiday, or an ordinal day: "the 24th"; a weekday is a looser memory); None when it names no day."""
    today = today or shop_today()
    text = without_deadlines(text)  # "i need it by dec 8": a day it is needed by, not the day it was ordered
    if (hol := SAID_HOLIDAY.search(text)) is not None:
        day = _holiday(hol.group("h"), today.year)
        return (day if day <= today else _holiday(hol.group("h"), today.year - 1)), True
    if (md := MONTH_DAY.search(text)) is not None:
        month = MONTHS[(md.group("mon") or md.group("mon2")).lower()]
        n = int(md.group("d") or md.group("d2"))
        year = today.year if (month, n) <= (today.month, today.day) else today.year - 1
        try:
            return dt.date(year, month, n), True
        except ValueError:
            return None
    m = SAID_DAY.search(text)
    if m is None:
        return None
    if m.group("y"):  # "the one that came yesterday"
        return today - dt.timedelta(days=1), False
    if m.group("w"):
        back = (today.weekday() - WEEKDAYS.index(m.group("w").lower())) % 7
        if not back and m.group("last").lower() != "on":  # "last friday" said on a Friday: a week ago
            back = 7
        return today - dt.timedelta(days=back), False
    n = int(m.group("n") or m.group("m"))
    if not 1 <= n <= 31:
        return None
    month_start = today.replace(day=1)
    start = month_start if n <= today.day else (month_start - dt.timedelta(days=1)).replace(day=1)
    try:
        return start.replace(day=n), bool(m.group("n"))  # "on the 24th"; "the 24th" alone may be loose
    except ValueError:
        return None


def on_said_day(text: str, orders: list[dict[str, Any]], today: dt.date | None = None) -> list[dict[str, Any]]:
    """The orders placed on the day the message names; [] when it names no day or no order was placed then."""
    said = said_date(text, today)
    return [o for o in orders if said and str(o.get("date", ""))[:10] == said[0].isoformat()]


def nearest_orders(orders: list[dict[str, Any]], day: dt.date, n: int = 3) -> list[dict[str, Any]]:
    """The n orders placed closest to the day, newest first among them."""

    def gap(o: dict[str, Any]) -> int:
        try:
            return abs((dt.date.fromisoformat(str(o.get("date", ""))[:10]) - day).days)
        except ValueError:
            return 10**6

    near = sorted(orders, key=gap)[:n]
    return sorted(near, key=lambda o: str(o.get("date", "")), reverse=True)
