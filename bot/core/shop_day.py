"""The shop's own calendar day: what "today" means when the bot says a date has passed or is due.

The demo shop keeps US Eastern Time (knowledge/policies/contact.md: "All times are US Eastern Time"), the default of
SHOPBOT_SHOP_TIMEZONE (set_zone, called when the services are built), so at 01:15 UTC on 2 December it is still
1 December for the shop, and an order estimated for 1 December is due today, not late.
Every "has it passed?" comparison in bot/core takes its default day from here, never from the UTC clock."""

from __future__ import annotations

import datetime as dt

try:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        SHOP_ZONE: dt.tzinfo = ZoneInfo("America/New_York")
    except ZoneInfoNotFoundError:  # a host without tz data: Eastern standard time, never UTC
        SHOP_ZONE = dt.timezone(dt.timedelta(hours=-5), "EST")
except ImportError:  # pragma: no cover - Python < 3.9
    SHOP_ZONE = dt.timezone(dt.timedelta(hours=-5), "EST")


def set_zone(name: str) -> None:
    """Use the IANA time zone `name` for the shop's day; an unknown name is a one-line error, never UTC silently."""
    global SHOP_ZONE
    try:
        SHOP_ZONE = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        if name != "America/New_York":  # the default keeps its fixed Eastern offset on a host without tz data
            raise ValueError(f"SHOPBOT_SHOP_TIMEZONE={name!r} is not a known time zone") from exc


def shop_today(now: dt.datetime | None = None) -> dt.date:
    """The shop's date at `now` (an aware time; naive is read as UTC), by default at this moment."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    return now.astimezone(SHOP_ZONE).date()
