"""The day a known customer names an order by: "the jeans from my order that showed up last friday" is the order
DELIVERED that Friday, "my order from the 24th" the one PLACED on the 24th (#9: the first picked the jeans order
still in transit, placed two weeks after the one that came on Friday). A day said with an arrival word ("showed up",
"came", "arrived", "was delivered", "got here") is read against the order's delivered date first, any other day
against the day it was placed; when no order fits that date, the other one decides ("the boots i got on the 20th"
may be either)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from bot.core.order_pick import said_date

# the shopper says when it came, not when they ordered it
ARRIVED = re.compile(
    r"\b(?:show(?:ed|s)? up|turn(?:ed|s)? up|came|arrived?|arrives|got here|gotten here|landed|dropped off"
    r"|(?:was|were|got|been) delivered|delivered (?:on|last|this|the)|received)\b",
    re.I,
)


def arrival_said(text: str) -> bool:
    """Whether the message dates the order by the day it came ("that showed up last friday")."""
    return bool(ARRIVED.search(text))


def order_day(order: dict[str, Any], arrived: bool) -> dt.date | None:
    """The order's delivered date (arrived) or the day it was placed; None when the record has no such date."""
    raw = str(order.get("delivered_date") or "") if arrived else str(order.get("date") or "")
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None


def on_day(orders: Sequence[dict[str, Any]], day: dt.date, text: str) -> list[dict[str, Any]]:
    """The orders the message's day fits: by the date it names (delivered for an arrival word, else placed), else
    by the other date; [] when neither fits."""
    first = arrival_said(text)
    for arrived in (first, not first):
        fit = [o for o in orders if order_day(o, arrived) == day]
        if fit:
            return fit
    return []


def dated_orders(
    text: str, orders: Sequence[dict[str, Any]], today: dt.date | None = None
) -> tuple[list[dict[str, Any]], dt.date, bool] | None:
    """The orders fitting the day the message names, that day and whether it was said exactly; None when it names
    no day."""
    said = said_date(text, today)
    if said is None:
        return None
    return on_day(orders, said[0], text), said[0], said[1]
